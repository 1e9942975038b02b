"""Allow `python -m pokrovsk_cli`."""

from pokrovsk_cli.cli import main

main()
