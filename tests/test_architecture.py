"""The layers in docs/architecture.md are the code's: no import points upwards, none goes round in a circle."""

from __future__ import annotations

import ast
import re
from collections.abc import Iterable, Mapping
from pathlib import Path

from tests.conftest import ROOT

SOURCE = ROOT / "src" / "sendreview"
ARCHITECTURE = ROOT / "docs" / "architecture.md"


def documented_layers() -> dict[str, int]:
    """Each top-level part of the package and its layer, 0 at the bottom, from the `layers` block."""
    block = re.search(r"```layers\n(.*?)```", ARCHITECTURE.read_text(encoding="utf-8"), re.DOTALL)
    assert block, "docs/architecture.md has no ```layers block"
    rows = [line.split() for line in block.group(1).strip().splitlines()]
    return {part: len(rows) - 1 - index for index, row in enumerate(rows) for part in row}


def module_name(path: Path) -> str:
    parts = path.relative_to(SOURCE.parent).with_suffix("").parts
    return ".".join(parts[:-1] if parts[-1] == "__init__" else parts)


def import_graph(source: Path = SOURCE) -> dict[str, set[str]]:
    """Every module of the package and the package modules it imports anywhere: at the top, inside
    functions, or for type checking only."""
    graph: dict[str, set[str]] = {}
    for path in sorted(source.rglob("*.py")):
        name = module_name(path)
        imported = graph.setdefault(name, set())
        for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
            if isinstance(node, ast.ImportFrom) and node.module and node.level == 0:
                targets = [node.module]
            elif isinstance(node, ast.Import):
                targets = [alias.name for alias in node.names]
            else:
                continue
            imported.update(t for t in targets if t == "sendreview" or t.startswith("sendreview."))
    return graph


def part(module: str) -> str:
    """The top-level part a module belongs to: 'sendreview.render.docx' -> 'render'."""
    pieces = module.split(".")
    return pieces[1] if len(pieces) > 1 else "sendreview"


def layer_problems(graph: Mapping[str, Iterable[str]], layers: Mapping[str, int]) -> list[str]:
    """Modules in no layer, imports that point upwards, and import cycles, in words."""
    problems = [f"{m} is in no layer of docs/architecture.md" for m in graph if part(m) not in layers]
    for module, imports in graph.items():
        for target in imports:
            if part(module) in layers and part(target) in layers and layers[part(target)] > layers[part(module)]:
                problems.append(f"{module} imports {target}, a layer above it")
    problems += [f"import cycle: {' -> '.join(cycle)}" for cycle in cycles(graph)]
    return problems


def cycles(graph: Mapping[str, Iterable[str]]) -> list[list[str]]:
    """One cycle per strongly connected group of modules that import each other (Tarjan's algorithm)."""
    index: dict[str, int] = {}
    low: dict[str, int] = {}
    stack: list[str] = []
    on_stack: set[str] = set()
    found: list[list[str]] = []

    def visit(node: str) -> None:
        index[node] = low[node] = len(index)
        stack.append(node)
        on_stack.add(node)
        for target in graph.get(node, ()):
            if target not in index:
                visit(target)
                low[node] = min(low[node], low[target])
            elif target in on_stack:
                low[node] = min(low[node], index[target])
        if low[node] == index[node]:
            group = []
            while True:
                member = stack.pop()
                on_stack.discard(member)
                group.append(member)
                if member == node:
                    break
            if len(group) > 1 or node in graph.get(node, ()):
                found.append([*sorted(group), sorted(group)[0]])

    for node in list(graph):
        if node not in index:
            visit(node)
    return found


def test_the_code_keeps_the_documented_layers() -> None:
    assert layer_problems(import_graph(), documented_layers()) == []


def test_every_part_of_the_package_is_in_the_picture() -> None:
    parts = {part(m) for m in import_graph()}
    assert parts <= set(documented_layers()), "add the new part to the layers block in docs/architecture.md"


def test_the_check_catches_an_upward_import_and_a_cycle() -> None:
    layers = {"render": 2, "analysis": 1, "models": 0}
    graph = {
        "sendreview.models.dates": {"sendreview.analysis.compare"},  # upwards
        "sendreview.analysis.compare": {"sendreview.analysis.diff"},
        "sendreview.analysis.diff": {"sendreview.analysis.compare"},  # a circle within one layer
        "sendreview.render.docx": {"sendreview.models.dates"},  # downwards: fine
        "sendreview.gui": set(),  # in no layer
    }
    assert layer_problems(graph, layers) == [
        "sendreview.gui is in no layer of docs/architecture.md",
        "sendreview.models.dates imports sendreview.analysis.compare, a layer above it",
        "import cycle: sendreview.analysis.compare -> sendreview.analysis.diff -> sendreview.analysis.compare",
    ]
