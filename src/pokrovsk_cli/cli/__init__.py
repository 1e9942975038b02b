"""The command line: the option table, the fast path and the Typer app over it, command bodies.

Nothing is imported here: the console script must start without loading Typer.
"""
