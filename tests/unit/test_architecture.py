"""The shape of the code: no import cycles, small modules, short functions (or a reason beside them).

The layers and the libraries each may import are import-linter's contracts (pyproject.toml);
this checks what they do not: that no modules import each other round in a circle, even
for type hints only, and the sizes a newcomer can read.
"""

from __future__ import annotations

import ast
import re
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


ROUTES_OWN = {"site/routes.py"}
ROUTES_NOT_YET = {
    "site/templates/engagement.html": "shares its markup with the regional record page, and moves to routes with it",
    "site/templates/_macros.html": "value_links is shared with the regional record page, whose folders are its own",
    "site/theme/yswd-base.html": "names the theme's own script, which MkDocs copies from the theme folder for every site, regional ones too",
}
"""Files still allowed to type a page's path, each with the reason."""
ROUTES_ELSEWHERE = ("site/regional", "mkdocs_plugin/regional", "site/templates/regional", "site/templates/_regional", "tools/aggregate")
"""The regional site: pages of its own, at addresses of its own (organisations/<code>/...)."""


def route_markers() -> tuple[str, ...]:
    """Pieces of text that only a page's or a site file's path contains, from routes.py itself."""
    from yswd.site import routes

    markers = {"/index.md", "/page-"}
    for name, value in vars(routes).items():
        if name.isupper() and isinstance(value, str):
            markers.add(value if "/" in value or "." in value else value + "/")
    markers.update(folder + "/" for folder in routes.FACET_FOLDERS.values())
    return tuple(sorted(markers - {"index.md"}))


def _python_strings(source: str) -> list[tuple[int, str]]:
    """(line, text) of every string in the code, docstrings left out: they may describe a page."""
    tree = ast.parse(source)
    docstrings = {
        id(node.body[0].value)
        for node in ast.walk(tree)
        if isinstance(node, (ast.Module, ast.ClassDef, ast.FunctionDef, ast.AsyncFunctionDef))
        and node.body and isinstance(node.body[0], ast.Expr) and isinstance(node.body[0].value, ast.Constant)
    }
    attribute_docs = {
        id(after.value)
        for node in ast.walk(tree) if hasattr(node, "body") and isinstance(node.body, list)
        for before, after in zip(node.body, node.body[1:])
        if isinstance(before, (ast.Assign, ast.AnnAssign)) and isinstance(after, ast.Expr) and isinstance(after.value, ast.Constant)
    }
    return [
        (node.lineno, node.value)
        for node in ast.walk(tree)
        if isinstance(node, ast.Constant) and isinstance(node.value, str) and id(node) not in docstrings | attribute_docs
    ]


_TEMPLATE_STRING = re.compile(r"""'[^'\n]*'|"[^"\n]*\"""")
_TEMPLATE_CODE = re.compile(r"\{\{.*?\}\}|\{%.*?%\}", re.S)


def _template_strings(source: str) -> list[tuple[int, str]]:
    """(line, text) of every string inside a template's {{ }} and {% %}: its comments and its words are left out."""
    found = []
    for code in _TEMPLATE_CODE.finditer(source):
        line = source.count("\n", 0, code.start()) + 1
        found += [(line, text.group(0)[1:-1]) for text in _TEMPLATE_STRING.finditer(code.group(0))]
    return found


def typed_routes() -> list[str]:
    """Paths of pages or site files typed out anywhere but routes.py."""
    markers = route_markers()
    found = []
    for path in sorted([*PACKAGE.rglob("*.py"), *PACKAGE.rglob("*.html")]):
        shown = path.relative_to(PACKAGE).as_posix()
        if shown in ROUTES_OWN or shown in ROUTES_NOT_YET or shown.startswith(ROUTES_ELSEWHERE) or "site_template" in shown:
            continue
        source = path.read_text(encoding="utf-8")
        strings = _python_strings(source) if path.suffix == ".py" else _template_strings(source)
        found += [f"{shown}:{line}: {text!r}" for line, text in strings if any(m in text for m in markers)]
    return found


def test_typed_routes_are_found() -> None:
    assert _template_strings("""{# 'reports/' #}<a href="{{ link('reports/' ~ y ~ '/index.md') }}">reports/</a>""") == [
        (1, "reports/"), (1, "/index.md"),
    ]
    assert _python_strings('"""Pages at reports/<year>/."""\nX = "reports"\n"""At reports/."""\ny = f"{X}/page-2.md"') == [
        (2, "reports"), (4, "/page-2.md"),
    ]
    assert "reports/" in route_markers() and "data/engagements.json" in route_markers()


def test_page_paths_are_typed_only_in_routes() -> None:
    assert typed_routes() == []


def test_the_readme_names_every_module_of_every_layer() -> None:
    """The README's architecture section is where a newcomer reads the tree: it names each module."""
    readme = (PACKAGE.parents[1] / "README.md").read_text(encoding="utf-8")
    section = readme[readme.index("\n## Architecture\n"):readme.index("\n## Dependencies, and why\n")]
    modules = [
        path for path in PACKAGE.rglob("*.py")
        if path.name != "__init__.py" and "site_template" not in path.parts and "data" not in path.parts
    ]
    assert len(modules) > 80
    unnamed = sorted(path.relative_to(PACKAGE).as_posix() for path in modules if not re.search(rf"\b{re.escape(path.name)}\b", section))
    assert unnamed == [], "name these modules in the README's architecture section"
    layers = sorted(path.name for path in PACKAGE.iterdir() if path.is_dir() and (path / "__init__.py").is_file())
    assert [layer for layer in layers if f" {layer}/ " not in section] == []
