"""privacymap: one typed data map -> privacy notice, ROPA and data-flow graph.

    >>> import privacymap
    >>> result = privacymap.check("notices/lancashire-cfw")   # doctest: +SKIP
    >>> result.passed                                          # doctest: +SKIP
    False

`load` reads and validates a data map, `check` runs every rule, `build`
writes the outputs. See docs/ for the format and the rules.
"""

from __future__ import annotations

__version__ = "0.1.0"

from privacymap.loader import LoadResult, load

__all__ = ["LoadResult", "__version__", "load"]
