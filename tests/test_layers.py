"""The packages are layers: files -> data -> answers -> output, with cli on top. An import may
only run down (or sideways inside a layer), lazy and type-checking imports included, so the
core never depends on the command line or on how things are printed."""

from __future__ import annotations

import ast
from pathlib import Path

import pytest

PACKAGE = Path(__file__).resolve().parents[1] / "src" / "pokrovsk_cli"
# Lower numbers are lower layers; the top-level modules (errors, text) are shared by all.
LAYERS = {"": 0, "data": 1, "answers": 2, "output": 3, "cli": 4}
MODULES = sorted(PACKAGE.rglob("*.py"))


def layer_of(module: str) -> str:
    """The layer of a dotted module name inside pokrovsk_cli ("" for the top level)."""
    if module == "pokrovsk_cli.__main__":
        return "cli"  # `python -m pokrovsk_cli` is the command line
    parts = module.split(".")[1:]
    return parts[0] if len(parts) > 1 and parts[0] in LAYERS else ""


def module_name(path: Path) -> str:
    relative = path.relative_to(PACKAGE.parent).with_suffix("")
    return ".".join(relative.parts).removesuffix(".__init__")


def imported(path: Path) -> set[str]:
    """Every pokrovsk_cli module this file imports, anywhere in it."""
    names = set()
    for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
        if isinstance(node, ast.Import):
            names.update(alias.name for alias in node.names)
        elif isinstance(node, ast.ImportFrom) and node.module and node.level == 0:
            names.add(node.module)
            names.update(f"{node.module}.{alias.name}" for alias in node.names)
    return {name for name in names if name.startswith("pokrovsk_cli.")}


def test_the_layers_are_packages():
    found = {
        path.parent.relative_to(PACKAGE).parts[0] for path in MODULES if path.parent != PACKAGE
    }
    assert found == set(LAYERS) - {""}


@pytest.mark.parametrize("path", MODULES, ids=lambda path: module_name(path))
def test_imports_only_run_down(path):
    here = layer_of(module_name(path))
    upward = sorted(name for name in imported(path) if LAYERS[layer_of(name)] > LAYERS[here])
    assert not upward, f"{module_name(path)} ({here or 'top'} layer) imports {upward}"


@pytest.mark.parametrize("path", MODULES, ids=lambda path: module_name(path))
def test_only_terminal_renderers_import_each_other_or_rich(path):
    name = module_name(path)
    if name.startswith("pokrovsk_cli.output.terminal") or name.startswith("pokrovsk_cli.cli"):
        return  # the command line may start a renderer (chart, the load progress)
    terminal = sorted(n for n in imported(path) if n.startswith("pokrovsk_cli.output.terminal"))
    assert not terminal, f"{name} imports the terminal renderers {terminal}"
