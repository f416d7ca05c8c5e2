"""The JSON Schema of the data-map format, generated from the model for editor completion."""

from __future__ import annotations

import json
from typing import Any

from privacymap.model import DataMap

SCHEMA_ID = "urn:privacymap:schema:data-map:1"
SCHEMA_PATH = "schemas/privacymap.schema.json"


def schema() -> dict[str, Any]:
    """The schema as data: draft 2020-12, every section and field with its description."""
    document = DataMap.model_json_schema(by_alias=True)
    return {"$schema": "https://json-schema.org/draft/2020-12/schema", "$id": SCHEMA_ID, **document}


def schema_text() -> str:
    """The schema as the text committed to `schemas/` (stable key order)."""
    return json.dumps(schema(), indent=2, ensure_ascii=False) + "\n"
