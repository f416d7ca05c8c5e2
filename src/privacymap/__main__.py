"""`python -m privacymap` runs the command-line tool."""

from privacymap.launcher import main

main()
