"""The baseline for start-up: a minimal Typer app that prints a four-row Rich table.

Run with the same interpreter (and so the same Typer and Rich) as pokrovsk.
"""

import typer
from rich.console import Console
from rich.table import Table

app = typer.Typer()

ROWS = [
    ("17 Feb 2024", "Avdiivka falls; Ukrainian troops withdraw"),
    ("6 Aug 2024", "Ukraine's incursion into Russia's Kursk region"),
    ("14 Jan 2025", "Metinvest suspends the Pokrovsk coking-coal mine"),
    ("30 Nov 2025", "Russia claims the capture of Pokrovsk; Ukraine denies it"),
]


@app.command()
def main(since: str = "2024") -> None:
    table = Table("Date", "Event")
    for row in ROWS:
        table.add_row(*row)
    Console().print(table)


if __name__ == "__main__":
    app()
