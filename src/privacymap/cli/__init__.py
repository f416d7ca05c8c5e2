"""The `privacymap` command: argument parsing, printing and exit codes, nothing else.

Exit codes: 0 clean, 1 findings at the gate, 2 unusable input or usage error,
3 an internal error (a bug: please report it; set PRIVACYMAP_DEBUG=1 for the
traceback).

Each command lives in its own module (related ones together); importing them
here registers them on `app`, in the order `privacymap --help` lists them.
"""

# The order of these imports is the order of the commands in `privacymap --help`.
import privacymap.cli.checking  # isort: skip
import privacymap.cli.building  # isort: skip
import privacymap.cli.changes  # isort: skip
import privacymap.cli.register  # isort: skip
import privacymap.cli.reference  # isort: skip
import privacymap.cli.graphs  # isort: skip
import privacymap.cli.importing  # isort: skip
import privacymap.cli.exporting  # isort: skip
import privacymap.cli.dpia  # noqa: F401  # isort: skip
from privacymap.cli.common import app

__all__ = ["app"]
