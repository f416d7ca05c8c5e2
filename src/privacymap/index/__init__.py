"""The resolved, read-only view of a data map that checks and outputs work from.

Resolving turns ids into objects (reporting the ones that dangle), names every
data flow, and derives the facts the law turns on: each flow's effective lawful
bases and conditions (its own, else its activity's, else its purposes'),
whether it carries special category or criminal offence data, and which rights
apply to each activity given its bases. `view` holds the `Index` and its
`FlowView`s; `resolver` builds them.
"""

from privacymap.index.resolver import (
    Loaded,
    build_index,
    field_refs,
    held_models,
    index_for,
    references,
)
from privacymap.index.view import ID_SECTIONS, KIND_OF_SECTION, FlowView, Index, ModelPath

__all__ = [
    "ID_SECTIONS",
    "KIND_OF_SECTION",
    "FlowView",
    "Index",
    "Loaded",
    "ModelPath",
    "build_index",
    "field_refs",
    "held_models",
    "index_for",
    "references",
]
