"""The shape of the code: no import cycles, small modules, short functions (or a reason beside them).

The layers and the libraries each may import are import-linter's contracts (pyproject.toml);
this checks what they do not: that no modules import each other round in a circle, even
for type hints only, and the sizes a newcomer can read.
"""

from __future__ import annotations

import ast
from pathlib import Path

import grimp

PACKAGE = Path(__file__).resolve().parents[2] / "plugins" / "yswd"
MODULE_LINES = 400
FUNCTION_LINES = 60
MODULE_REASON = "over 400 lines:"
FUNCTION_REASON = "over 60 lines:"
"""A comment holding these words, near the top of a module or on a function's first lines, says why it is long."""


def cycles(edges: dict[str, set[str]]) -> list[list[str]]:
    """Groups of modules that import each other round in a circle (Tarjan's strongly connected components)."""
    index: dict[str, int] = {}
    low: dict[str, int] = {}
    stack: list[str] = []
    found: list[list[str]] = []

    def visit(module: str) -> None:
        index[module] = low[module] = len(index)
        stack.append(module)
        for imported in sorted(edges.get(module, ())):
            if imported not in index:
                visit(imported)
                low[module] = min(low[module], low[imported])
            elif imported in stack:
                low[module] = min(low[module], index[imported])
        if low[module] == index[module]:
            group = []
            while True:
                member = stack.pop()
                group.append(member)
                if member == module:
                    break
            if len(group) > 1:
                found.append(sorted(group))

    for module in sorted(edges):
        if module not in index:
            visit(module)
    return found


def test_cycles_are_found() -> None:
    assert cycles({"a": {"b"}, "b": {"c"}, "c": {"a"}, "d": {"a"}}) == [["a", "b", "c"]]
    assert cycles({"a": {"b"}, "b": set()}) == []


def test_no_module_imports_itself_round_a_circle() -> None:
    graph = grimp.build_graph("yswd")
    edges = {module: graph.find_modules_directly_imported_by(module) for module in graph.modules}
    found = cycles(edges)
    details = [
        f"{a} imports {b} (line {d['line_number']}: {d['line_contents']})"
        for group in found for a in group for b in group
        for d in graph.get_import_details(importer=a, imported=b)
    ]
    assert found == [], "\n".join(details)


def long_code() -> list[str]:
    """Modules and functions over the limits with no reason written beside them."""
    found = []
    for path in sorted(PACKAGE.rglob("*.py")):
        lines = path.read_text(encoding="utf-8").splitlines()
        shown = path.relative_to(PACKAGE).as_posix()
        if len(lines) > MODULE_LINES and not any(MODULE_REASON in line for line in lines[:40]):
            found.append(f"{shown}: {len(lines)} lines")
        for node in ast.walk(ast.parse("\n".join(lines))):
            if isinstance(node, (ast.FunctionDef, ast.AsyncFunctionDef)):
                first = min([node.lineno, *(d.lineno for d in node.decorator_list)])
                length = node.end_lineno - first + 1
                said = any(FUNCTION_REASON in line for line in lines[max(first - 2, 0) : node.body[0].lineno])
                if length > FUNCTION_LINES and not said:
                    found.append(f"{shown}:{node.lineno} {node.name}: {length} lines")
    return found


def test_modules_and_functions_are_short_or_say_why_not() -> None:
    assert long_code() == []
