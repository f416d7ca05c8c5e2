"""Load a data map: YAML files -> one merged, validated `DataMap` plus its source map.

A data map is one YAML file or a folder of them; files may `include:` shared
files inside the project root. Every problem in every file is collected and
located before anything is decided: the user fixes them all in one pass.
`reading` reads, merges and validates; `schema_problems` turns a validation error
into a located finding with a hint.
"""

from privacymap.loader.reading import YAML_SUFFIXES, LoadResult, find_root, load
from privacymap.loader.schema_problems import path_is_tag

__all__ = ["YAML_SUFFIXES", "LoadResult", "find_root", "load", "path_is_tag"]
