"""The examples docs/format.md shows under each model validate against that model."""

from __future__ import annotations

from typing import Any

import pytest
import yaml
from pydantic import TypeAdapter

from privacymap import model
from privacymap._gen.format import _file_examples

EXAMPLES = _file_examples()


@pytest.mark.parametrize("name", sorted(EXAMPLES))
def test_the_example_validates_against_its_model(name: str) -> None:
    cls = getattr(model, name)
    data: Any = yaml.safe_load(EXAMPLES[name])
    if isinstance(data, list):
        TypeAdapter(list[cls]).validate_python(data)  # type: ignore[valid-type]
    else:
        cls.model_validate(data)


def test_there_is_an_example_for_each_new_construct() -> None:
    assert {"Retention", "AutomatedDecisionMaking", "Profiling", "Agreement", "Disclosure",
            "Category", "Activity", "Notice"} <= set(EXAMPLES)  # fmt: skip
