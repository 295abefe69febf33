"""The house stays easy to see and to change: small modules, no import cycles, and the pipeline's
layers importing only downwards (lint and render never reach the targets).
"""

from __future__ import annotations

import ast
from collections.abc import Iterator
from pathlib import Path

import pytest

PACKAGE = Path(__file__).resolve().parent.parent / "packager"
MAX_LINES = 300


def modules() -> dict[str, Path]:
    """Every module of the packager, by dotted name."""
    found = {}
    for path in sorted(PACKAGE.rglob("*.py")):
        parts = list(path.relative_to(PACKAGE.parent).with_suffix("").parts)
        if parts[-1] == "__init__":
            parts.pop()
        found[".".join(parts)] = path
    return found


def imported(name: str, path: Path, known: dict[str, Path]) -> Iterator[str]:
    """The packager modules ``name`` imports anywhere in it: at the top, in functions, or only for
    type checking (a cycle through ``if TYPE_CHECKING`` is still a cycle for a reader)."""
    package = name if path.name == "__init__.py" else name.rpartition(".")[0]
    for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
        if isinstance(node, ast.Import):
            targets = [alias.name for alias in node.names]
        elif isinstance(node, ast.ImportFrom):
            base = node.module or ""
            if node.level:
                anchor = package.split(".")[: len(package.split(".")) - node.level + 1]
                base = ".".join([*anchor, base] if base else anchor)
            targets = [f"{base}.{alias.name}" for alias in node.names] + [base]
        else:
            continue
        for target in targets:
            while target and target not in known:
                target = target.rpartition(".")[0]
            if target and target != name:
                yield target


def graph() -> dict[str, set[str]]:
    known = modules()
    edges = {name: set(imported(name, path, known)) for name, path in known.items()}
    # A package's __init__ is imported on the way to any of its modules; that edge is not a cycle
    # a reader has to untangle, so it is left out.
    return {name: {t for t in targets if not name.startswith(t + ".")} for name, targets in edges.items()}


def reachable(start: str, edges: dict[str, set[str]]) -> set[str]:
    seen: set[str] = set()
    todo = [start]
    while todo:
        for target in edges.get(todo.pop(), ()):
            if target not in seen:
                seen.add(target)
                todo.append(target)
    return seen


def test_the_import_graph_is_read_from_the_source() -> None:
    """Guards the tests below: the graph knows real edges of this code base."""
    edges = graph()
    assert "packager.builder" in edges
    assert "packager.standards" in reachable("packager.builder", edges)
    assert "packager.questions.registry" in reachable("packager.render", edges)


@pytest.mark.parametrize("name", sorted(modules()))
def test_no_module_is_over_the_budget(name: str) -> None:
    lines = modules()[name].read_text(encoding="utf-8").count("\n")
    assert lines <= MAX_LINES, f"{name} has {lines} lines; split it by concern (budget {MAX_LINES})"


def test_no_import_cycles() -> None:
    edges = graph()
    cycles = sorted(name for name in edges if name in reachable(name, edges))
    assert not cycles, f"modules on an import cycle: {cycles}"


def test_standards_is_a_leaf() -> None:
    """The standards' facts live in one module that imports nothing of the packager."""
    assert graph()["packager.standards"] == set()


@pytest.mark.parametrize("layer", ["packager.lint", "packager.render", "packager.course"])
def test_lower_layers_never_reach_the_targets(layer: str) -> None:
    edges = graph()
    found = {target for target in reachable(layer, edges) if target.startswith("packager.targets")}
    assert not found, f"{layer} reaches {sorted(found)}"
