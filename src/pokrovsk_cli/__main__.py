"""Allow `python -m pokrovsk_cli`."""

from pokrovsk_cli.cli.entry import main

main()
