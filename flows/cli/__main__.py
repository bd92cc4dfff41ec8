"""`python -m flows.cli`: the `samen` command without its console script."""

from flows.cli import main

main()
