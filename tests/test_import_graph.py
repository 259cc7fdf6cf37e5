"""The import structure of orgsim: every module imports alone, and no import cycles.

(a) Each module is imported alone in a fresh interpreter (one ``python -c "import X"`` per
module, run in parallel), so a module that only works when another was imported first
fails here. (b) Every ``import`` and ``from ... import`` in every module - at module level or
inside a function (a "late" import is still a dependency) - builds the graph of orgsim
modules, which must have no cycle; imports under ``if TYPE_CHECKING:`` are for type
checkers only and do not count.

The layers (bottom to top): ``config`` (schema and range checks), ``state``, ``streams`` ->
``timeline`` -> ``events``, ``interventions`` -> ``compose`` (the whole run: config + plan)
-> ``model`` -> the rest.
"""

from __future__ import annotations

import ast
import os
import subprocess
import sys
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path

import orgsim

SRC = Path(orgsim.__file__).parent
ROOT = SRC.parent  # the directory that holds the orgsim package

#: Import edges allowed although they close a cycle: (importer, imported) -> why.
#: Empty: orgsim has no import cycle. An entry needs a reason and a plan to remove it.
ALLOWED: dict[tuple[str, str], str] = {}


def _modules() -> dict[str, Path]:
    """Dotted name -> file of every module of orgsim (a package by its __init__.py)."""
    out = {}
    for path in sorted(SRC.rglob("*.py")):
        parts = list(path.relative_to(ROOT).with_suffix("").parts)
        if parts[-1] == "__init__":
            parts = parts[:-1]
        out[".".join(parts)] = path
    return out


def _is_type_checking(test: ast.expr) -> bool:
    return (isinstance(test, ast.Name) and test.id == "TYPE_CHECKING") or (
        isinstance(test, ast.Attribute) and test.attr == "TYPE_CHECKING")


def _imports(name: str, path: Path, modules: dict[str, Path]) -> set[str]:
    """The orgsim modules that module ``name`` imports anywhere (not for type checking).

    ``import a.b.c`` and ``from a.b import c`` (``c`` a module) count as importing
    ``a.b.c``; ``from a.b import f`` (``f`` not a module) as importing ``a.b``.
    """
    package = name if path.name == "__init__.py" else name.rpartition(".")[0]

    def known(target: str) -> str:
        while target and target not in modules:  # an attribute: its module
            target = target.rpartition(".")[0]
        return target

    found: set[str] = set()

    def visit(node: ast.AST) -> None:
        if isinstance(node, ast.If) and _is_type_checking(node.test):
            for child in node.orelse:
                visit(child)
            return
        if isinstance(node, ast.Import):
            found.update(known(a.name) for a in node.names if a.name.split(".")[0] == "orgsim")
        elif isinstance(node, ast.ImportFrom):
            base = node.module or ""
            if node.level:  # relative
                anchor = package
                for _ in range(node.level - 1):
                    anchor = anchor.rpartition(".")[0]
                base = f"{anchor}.{base}" if base else anchor
            if base.split(".")[0] == "orgsim":
                for a in node.names:
                    full = f"{base}.{a.name}"
                    found.add(full if full in modules else known(base))
        for child in ast.iter_child_nodes(node):
            visit(child)

    visit(ast.parse(path.read_text(encoding="utf-8"), filename=str(path)))
    found.discard("")
    found.discard(name)
    return found


def import_graph() -> dict[str, set[str]]:
    """Module -> the orgsim modules it imports (allowed edges left out)."""
    modules = _modules()
    graph = {m: _imports(m, p, modules) for m, p in modules.items()}
    for (src, dst) in ALLOWED:
        graph[src].discard(dst)
    return graph


def find_cycle(graph: dict[str, set[str]]) -> list[str] | None:
    """One import cycle as ``[a, b, ..., a]``, or ``None`` (depth-first search)."""
    state: dict[str, int] = {}  # 1 on the current path, 2 done
    path: list[str] = []

    def dfs(node: str) -> list[str] | None:
        state[node] = 1
        path.append(node)
        for nxt in sorted(graph.get(node, ())):
            if state.get(nxt) == 1:
                return [*path[path.index(nxt):], nxt]
            if nxt not in state:
                cycle = dfs(nxt)
                if cycle:
                    return cycle
        path.pop()
        state[node] = 2
        return None

    for node in sorted(graph):
        if node not in state:
            cycle = dfs(node)
            if cycle:
                return cycle
    return None


def test_no_import_cycles() -> None:
    graph = import_graph()
    assert len(graph) > 40 and "orgsim.model" in graph
    cycle = find_cycle(graph)
    assert cycle is None, "import cycle: " + " -> ".join(cycle or [])


def test_allowed_edges_still_exist() -> None:
    """An allow-list entry whose import is gone must be deleted."""
    modules = _modules()
    for (src, dst) in ALLOWED:
        assert dst in _imports(src, modules[src], modules), (src, dst)


def test_find_cycle_reports_the_cycle() -> None:
    graph = {"a": {"b"}, "b": {"c"}, "c": {"a"}, "d": {"a"}}
    assert find_cycle(graph) == ["a", "b", "c", "a"]
    assert find_cycle({"a": {"b"}, "b": set()}) is None


def test_type_checking_and_late_imports_are_told_apart(tmp_path: Path) -> None:
    code = ("from typing import TYPE_CHECKING\n"
            "if TYPE_CHECKING:\n    from orgsim.model import OrgModel\n"
            "def f():\n    from orgsim.config import Config\n"
            "from orgsim import streams\n")
    path = tmp_path / "x.py"
    path.write_text(code)
    modules = _modules()
    assert _imports("orgsim.x", path, modules) == {"orgsim.config", "orgsim.streams"}


def _import_alone(module: str) -> tuple[str, int, str, set[str]]:
    """Import ``module`` alone in a fresh interpreter: (module, exit code, last error line,
    the modules loaded)."""
    code = f"import {module}, sys; print(*sys.modules, sep=chr(10))"
    proc = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True,
                          env={**os.environ, "MPLBACKEND": "Agg"}, check=False)
    lines = proc.stderr.strip().splitlines()
    return module, proc.returncode, lines[-1] if lines else "", set(proc.stdout.split())


def test_every_module_imports_alone_in_a_fresh_interpreter() -> None:
    """One fresh interpreter per module, in parallel. ``import pkg.sub`` runs
    ``pkg/__init__.py`` to its end first; when that already imports ``pkg.sub``, importing
    ``pkg.sub`` alone does exactly what importing ``pkg`` alone does, so the packages go
    first and such submodules are not imported a second time (about a third of all)."""
    modules = _modules()
    packages = sorted(m for m, p in modules.items() if p.name == "__init__.py")
    with ThreadPoolExecutor(max_workers=max(2, os.cpu_count() or 2)) as pool:
        first = list(pool.map(_import_alone, packages))
        covered = {m for pkg, rc, _, loaded in first if rc == 0
                   for m in loaded if m.startswith(pkg + ".")} - set(packages)
        # heaviest first (the app, report and experiment stacks): the last jobs are short
        rest = sorted((m for m in modules if m not in covered and m not in packages),
                      key=lambda m: (not m.startswith(("orgsim.app", "orgsim.report",
                                                       "orgsim.experiments")), m))
        results = first + list(pool.map(_import_alone, rest))
    failed = [f"{m}: {err}" for m, rc, err, _ in results if rc != 0]
    assert not failed, "modules that fail to import alone:\n" + "\n".join(failed)
    assert len(results) + len(covered) == len(modules)
