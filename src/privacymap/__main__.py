"""`python -m privacymap` runs the command-line tool."""

from privacymap.cli import main

main()
