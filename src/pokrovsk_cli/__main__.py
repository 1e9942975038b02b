"""Allow `python -m pokrovsk_cli`."""

from pokrovsk_cli.entry import main

main()
