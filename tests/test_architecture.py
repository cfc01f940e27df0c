"""The code's layout: no import cycles between apps or modules, no oversized files or functions.

Apps stay independent only if nothing forces them to be loaded and changed together, and
small modules and functions are the ones a reader can hold in mind. This module reads every
`.py` file under `maoni/` (migrations aside) with `ast`, so it runs in well under a second
and needs no database. It guards four rules:

- no import cycle between apps (an app is the first package under `maoni/`; a top-level
  module such as `maoni/settings.py` is an app of its own). Imports inside functions count,
  since they still tie the apps together; imports under `if TYPE_CHECKING:` do not, since
  they never run;
- no import cycle between modules through module-level imports (an import inside a function
  is how Python breaks an import-time cycle, so it does not count here);
- no module over 400 lines;
- no function or method over 60 lines, counted from its `def` line, decorators excluded.

What the code breaks today is listed in the KNOWN_* constants. Those lists may only shrink:
a new offender fails, and so does a listed one that has been fixed, so that its entry is
deleted in the same change and cannot come back unnoticed.
"""

from __future__ import annotations

import ast
from collections import defaultdict
from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from functools import cache
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent
PACKAGE = "maoni"
MODULE_LINE_LIMIT = 400
FUNCTION_LINE_LIMIT = 60

# Cycles between apps, each to be removed: break one edge, then shrink or delete the entry.
KNOWN_APP_CYCLES: tuple[frozenset[str], ...] = ()

# Cycles between modules through module-level imports, each to be removed.
KNOWN_MODULE_CYCLES: tuple[frozenset[str], ...] = ()

# Modules over 400 lines, each to be split by topic and then deleted from this list.
KNOWN_LONG_MODULES: tuple[str, ...] = ()

# Functions over 60 lines ("path:qualified_name"), each to be split and then deleted.
KNOWN_LONG_FUNCTIONS: tuple[str, ...] = ()


@dataclass(frozen=True)
class Import:
    """One module of the project named by one import statement."""

    source: str  # The importing module, such as "maoni.comments.views".
    target: str  # The imported module, such as "maoni.comments.models".
    path: str  # The importing file, relative to the repository root.
    line: int
    in_function: bool  # Runs when the function is called, not when the module loads.
    type_checking: bool  # Under `if TYPE_CHECKING:`: read by mypy, never run.

    @property
    def place(self) -> str:
        return f"{self.path}:{self.line}"


@dataclass(frozen=True)
class Source:
    """One parsed file of the project."""

    module: str
    path: str
    tree: ast.Module
    line_count: int


# Reading the code


def module_name(relative_path: Path) -> str:
    """The dotted name of a file such as `maoni/comments/models.py` (a package for `__init__`)."""
    parts = list(relative_path.with_suffix("").parts)
    if parts[-1] == "__init__":
        parts.pop()
    return ".".join(parts)


def app_of(module: str) -> str:
    """The app a module belongs to: `maoni.comments.models` -> `comments`."""
    parts = module.split(".")
    return parts[1] if len(parts) > 1 else parts[0]


@cache
def project_sources() -> tuple[Source, ...]:
    """Every Python file under `maoni/`, migrations left out, parsed once per test run."""
    sources = []
    for file in sorted((ROOT / PACKAGE).rglob("*.py")):
        relative = file.relative_to(ROOT)
        if "migrations" in relative.parts:
            continue
        text = file.read_text(encoding="utf-8")
        sources.append(
            Source(
                module=module_name(relative),
                path=relative.as_posix(),
                tree=ast.parse(text, filename=str(relative)),
                line_count=len(text.splitlines()),
            )
        )
    return tuple(sources)


def is_type_checking(test: ast.expr) -> bool:
    """True for `if TYPE_CHECKING:` and `if typing.TYPE_CHECKING:`."""
    if isinstance(test, ast.Name):
        return test.id == "TYPE_CHECKING"
    return isinstance(test, ast.Attribute) and test.attr == "TYPE_CHECKING"


def imported_modules(
    node: ast.Import | ast.ImportFrom, source: Source, known_modules: frozenset[str]
) -> list[str]:
    """The project modules one import statement names, relative imports resolved.

    `from maoni.comments import services` names the module `maoni.comments.services` when
    that file exists, and the package `maoni.comments` (its `__init__`) when `services` is
    a name defined there.
    """
    if isinstance(node, ast.Import):
        names = [alias.name for alias in node.names]
    else:
        base = node.module or ""
        if node.level:
            package = source.module.split(".")
            if not source.path.endswith("__init__.py"):
                package.pop()
            if node.level > 1:
                package = package[: -(node.level - 1)]
            base = ".".join([*package, base]) if base else ".".join(package)
        names = []
        for alias in node.names:
            submodule = f"{base}.{alias.name}"
            names.append(submodule if submodule in known_modules else base)
    # `from maoni.comments.models import Comment, Thread` is one import of one module.
    unique = dict.fromkeys(names)
    return [name for name in unique if name == PACKAGE or name.startswith(PACKAGE + ".")]


def collect_imports(
    nodes: Iterable[ast.AST],
    source: Source,
    known_modules: frozenset[str],
    *,
    in_function: bool,
    type_checking: bool,
) -> list[Import]:
    """Every project import among `nodes` and inside them, with where it runs."""
    found = []
    for node in nodes:
        if isinstance(node, ast.Import | ast.ImportFrom):
            for target in imported_modules(node, source, known_modules):
                found.append(
                    Import(
                        source=source.module,
                        target=target,
                        path=source.path,
                        line=node.lineno,
                        in_function=in_function,
                        type_checking=type_checking,
                    )
                )
        elif isinstance(node, ast.If) and is_type_checking(node.test):
            found += collect_imports(
                node.body, source, known_modules, in_function=in_function, type_checking=True
            )
            # The `else:` branch of `if TYPE_CHECKING:` is the one that runs.
            found += collect_imports(
                node.orelse,
                source,
                known_modules,
                in_function=in_function,
                type_checking=type_checking,
            )
        elif isinstance(node, ast.FunctionDef | ast.AsyncFunctionDef):
            found += collect_imports(
                ast.iter_child_nodes(node),
                source,
                known_modules,
                in_function=True,
                type_checking=type_checking,
            )
        else:
            found += collect_imports(
                ast.iter_child_nodes(node),
                source,
                known_modules,
                in_function=in_function,
                type_checking=type_checking,
            )
    return found


def imports_in(source: Source, known_modules: frozenset[str]) -> list[Import]:
    """Every import of a project module made by one file."""
    return collect_imports(
        source.tree.body, source, known_modules, in_function=False, type_checking=False
    )


@cache
def project_imports() -> tuple[Import, ...]:
    sources = project_sources()
    known_modules = frozenset(source.module for source in sources)
    found = []
    for source in sources:
        found += imports_in(source, known_modules)
    return tuple(found)


# Graphs and cycles


Edge = tuple[str, str]


def app_edges(imports: Iterable[Import]) -> dict[Edge, list[Import]]:
    """Imports that run, grouped by the pair of apps they join (an app's own imports left out)."""
    edges: dict[Edge, list[Import]] = defaultdict(list)
    for item in imports:
        edge = (app_of(item.source), app_of(item.target))
        if edge[0] != edge[1] and not item.type_checking:
            edges[edge].append(item)
    return dict(edges)


def type_only_app_edges(imports: Iterable[Import]) -> dict[Edge, list[Import]]:
    """Pairs of apps joined only by imports under `if TYPE_CHECKING:`, which never run."""
    imports = list(imports)
    running = app_edges(imports)
    edges: dict[Edge, list[Import]] = defaultdict(list)
    for item in imports:
        edge = (app_of(item.source), app_of(item.target))
        if edge[0] != edge[1] and item.type_checking and edge not in running:
            edges[edge].append(item)
    return dict(edges)


def module_edges(imports: Iterable[Import]) -> dict[Edge, list[Import]]:
    """Imports that run when a module loads, grouped by the pair of modules they join."""
    edges: dict[Edge, list[Import]] = defaultdict(list)
    for item in imports:
        if item.source != item.target and not item.in_function and not item.type_checking:
            edges[(item.source, item.target)].append(item)
    return dict(edges)


def graph_of(edges: Iterable[Edge]) -> dict[str, set[str]]:
    graph: dict[str, set[str]] = defaultdict(set)
    for start, end in edges:
        graph[start].add(end)
    return dict(graph)


def strongly_connected_components(graph: Mapping[str, Iterable[str]]) -> list[frozenset[str]]:
    """Every largest group of nodes that can all reach each other (Tarjan's algorithm).

    Each node is in exactly one group; a node on no cycle is a group of its own.
    """
    nodes = set(graph)
    for successors in graph.values():
        nodes.update(successors)
    order: dict[str, int] = {}  # When the search first reached each node.
    lowest: dict[str, int] = {}  # The earliest node on the stack that each node can reach.
    stack: list[str] = []
    on_stack: set[str] = set()
    components: list[frozenset[str]] = []

    def visit(node: str) -> None:
        order[node] = len(order)
        lowest[node] = order[node]
        stack.append(node)
        on_stack.add(node)
        for successor in sorted(graph.get(node, ())):
            if successor not in order:
                visit(successor)
                lowest[node] = min(lowest[node], lowest[successor])
            elif successor in on_stack:
                lowest[node] = min(lowest[node], order[successor])
        if lowest[node] == order[node]:
            # The node is the root of a component: everything above it on the stack is in it.
            component = set()
            while True:
                member = stack.pop()
                on_stack.remove(member)
                component.add(member)
                if member == node:
                    break
            components.append(frozenset(component))

    for node in sorted(nodes):
        if node not in order:
            visit(node)
    return components


def cycles_in(graph: Mapping[str, Iterable[str]]) -> set[frozenset[str]]:
    """The groups of two or more nodes that import each other, directly or not."""
    return {component for component in strongly_connected_components(graph) if len(component) > 1}


def names(cycle: frozenset[str]) -> str:
    return ", ".join(sorted(cycle))


def edge_lines(
    cycle: frozenset[str],
    edges: Mapping[Edge, list[Import]],
    type_only_edges: Mapping[Edge, list[Import]],
) -> list[str]:
    """One line per edge inside the cycle, with the first import that makes it."""
    lines = []
    for (start, end), examples in sorted(edges.items()):
        if start in cycle and end in cycle:
            first = min(examples, key=lambda item: (item.path, item.line))
            lines.append(
                f"    {start} -> {end}: {first.place} imports {first.target}"
                f" ({len(examples)} import(s) in all)"
            )
    for (start, end), examples in sorted(type_only_edges.items()):
        if start in cycle and end in cycle:
            lines.append(
                f"    not counted, only under `if TYPE_CHECKING:`: {start} -> {end}"
                f" at {examples[0].place}"
            )
    return lines


def cycle_failures(
    edges: Mapping[Edge, list[Import]],
    known: Iterable[frozenset[str]],
    list_name: str,
    type_only_edges: Mapping[Edge, list[Import]] | None = None,
) -> list[str]:
    """Where the code and the known list disagree, each case saying what to do.

    A cycle that is not listed fails with one example import per edge. A listed cycle that
    has shrunk fails too, so that its entry is replaced by the smaller one; a listed cycle
    that is gone fails so that its entry is deleted.
    """
    found = cycles_in(graph_of(edges))
    listed = set(known)
    gone = listed - found
    failures = []
    for cycle in sorted(found - listed, key=sorted):
        smaller_than = [old for old in gone if cycle < old]
        larger_than = [old for old in gone if old < cycle]
        if smaller_than:
            heading = (
                f"The cycle {names(smaller_than[0])} has shrunk to {names(cycle)}:"
                f" replace its entry in {list_name} with the smaller one."
            )
        elif larger_than:
            heading = (
                f"The cycle {names(larger_than[0])} has grown to {names(cycle)},"
                f" which is not in {list_name}."
            )
        else:
            heading = f"New import cycle, not in {list_name}: {names(cycle)}."
        lines = [heading, "  Break one of these edges (one example import each):"]
        lines += edge_lines(cycle, edges, type_only_edges or {})
        failures.append("\n".join(lines))
    for cycle in sorted(gone, key=sorted):
        if not any(new < cycle or cycle < new for new in found):
            failures.append(
                f"The cycle {names(cycle)} is gone: delete it from {list_name}"
                f" so that it cannot come back."
            )
    return failures


# Sizes


def function_lengths(source: Source) -> dict[str, int]:
    """Each function's length in lines from its `def` line, keyed by `path:qualified_name`."""
    lengths: dict[str, int] = {}

    def visit(node: ast.AST, prefix: str) -> None:
        for child in ast.iter_child_nodes(node):
            if isinstance(child, ast.FunctionDef | ast.AsyncFunctionDef):
                name = prefix + child.name
                assert child.end_lineno is not None
                length = child.end_lineno - child.lineno + 1
                # A property's getter and setter share a name: the longer one is kept.
                key = f"{source.path}:{name}"
                lengths[key] = max(lengths.get(key, 0), length)
                visit(child, name + ".")
            elif isinstance(child, ast.ClassDef):
                visit(child, prefix + child.name + ".")
            else:
                visit(child, prefix)

    visit(source.tree, "")
    return lengths


def size_failures(
    sizes: Mapping[str, int], limit: int, known: Iterable[str], list_name: str
) -> list[str]:
    """New entries over the limit, and listed entries that are now within it (or gone)."""
    too_long = {name for name, size in sizes.items() if size > limit}
    listed = set(known)
    failures = [
        f"{name} has {sizes[name]} lines (limit {limit}, not in {list_name}): split it."
        for name in sorted(too_long - listed)
    ]
    for name in sorted(listed - too_long):
        if name in sizes:
            failures.append(
                f"{name} is in {list_name} but has {sizes[name]} lines now:"
                f" delete it from the list."
            )
        else:
            failures.append(f"{name} is in {list_name} but no longer exists: delete it.")
    return failures


# The rules, on the current code


def test_apps_import_no_cycle_beyond_the_known_ones():
    imports = project_imports()
    failures = cycle_failures(
        app_edges(imports), KNOWN_APP_CYCLES, "KNOWN_APP_CYCLES", type_only_app_edges(imports)
    )
    assert not failures, "\n".join(failures)


def test_modules_import_no_cycle_at_load_beyond_the_known_ones():
    failures = cycle_failures(
        module_edges(project_imports()), KNOWN_MODULE_CYCLES, "KNOWN_MODULE_CYCLES"
    )
    assert not failures, "\n".join(failures)


def test_no_module_over_400_lines_beyond_the_known_ones():
    sizes = {source.path: source.line_count for source in project_sources()}
    failures = size_failures(sizes, MODULE_LINE_LIMIT, KNOWN_LONG_MODULES, "KNOWN_LONG_MODULES")
    assert not failures, "\n".join(failures)


def test_no_function_over_60_lines_beyond_the_known_ones():
    sizes: dict[str, int] = {}
    for source in project_sources():
        sizes.update(function_lengths(source))
    failures = size_failures(
        sizes, FUNCTION_LINE_LIMIT, KNOWN_LONG_FUNCTIONS, "KNOWN_LONG_FUNCTIONS"
    )
    assert not failures, "\n".join(failures)


# The checks themselves, on hand-made code: each rule must be able to fail.


@pytest.mark.parametrize(
    ("graph", "cycles"),
    [
        ({}, set()),
        ({"a": {"b"}, "b": {"c"}}, set()),
        ({"a": {"b", "c"}, "b": {"d"}, "c": {"d"}}, set()),  # Two paths to one node.
        ({"a": {"a"}}, set()),  # A node that reaches itself alone is no cycle between two.
        ({"a": {"b"}, "b": {"a"}}, {frozenset({"a", "b"})}),
        ({"a": {"b"}, "b": {"c"}, "c": {"a", "d"}}, {frozenset({"a", "b", "c"})}),
        (
            {"a": {"b"}, "b": {"a", "c"}, "c": {"d"}, "d": {"c"}},
            {frozenset({"a", "b"}), frozenset({"c", "d"})},
        ),
    ],
)
def test_cycles_in_finds_each_group_of_nodes_that_reach_each_other(graph, cycles):
    assert cycles_in(graph) == cycles


def test_every_node_is_in_exactly_one_component():
    graph = {"a": {"b"}, "b": {"c"}, "c": {"b"}, "d": set()}
    components = strongly_connected_components(graph)
    assert sorted(components, key=sorted) == [
        frozenset({"a"}),
        frozenset({"b", "c"}),
        frozenset({"d"}),
    ]


def parsed(path: str, text: str) -> Source:
    """A hand-made file at `path` (such as `maoni/comments/views.py`)."""
    return Source(
        module=module_name(Path(path)),
        path=path,
        tree=ast.parse(text),
        line_count=len(text.splitlines()),
    )


SCANNED = """\
from typing import TYPE_CHECKING
import os
from maoni.comments import services, Thing
from maoni.moderation.models import Flag, Note
from . import models
from ..moderation import rules

if TYPE_CHECKING:
    from maoni.accounts.models import Reader
else:
    from maoni.redis_connections import helper


class Panel:
    from maoni.pagecache import store


def late():
    import maoni.notifications.services
"""

SCANNED_MODULES = frozenset(
    {
        "maoni.comments",
        "maoni.comments.models",
        "maoni.comments.services",
        "maoni.comments.views",
        "maoni.moderation.models",
        "maoni.moderation.rules",
        "maoni.redis_connections",
        "maoni.pagecache.store",
        "maoni.notifications.services",
    }
)


def test_imports_are_resolved_and_marked_with_when_they_run():
    imports = imports_in(parsed("maoni/comments/views.py", SCANNED), SCANNED_MODULES)
    # (target, line, inside a function, under TYPE_CHECKING)
    assert [(i.target, i.line, i.in_function, i.type_checking) for i in imports] == [
        ("maoni.comments.services", 3, False, False),
        ("maoni.comments", 3, False, False),  # `Thing` is defined in the package.
        ("maoni.moderation.models", 4, False, False),  # Two names, one module.
        ("maoni.comments.models", 5, False, False),
        ("maoni.moderation.rules", 6, False, False),
        ("maoni.accounts.models", 9, False, True),
        ("maoni.redis_connections", 11, False, False),  # The `else:` branch runs.
        ("maoni.pagecache.store", 15, False, False),  # A class body runs at import.
        ("maoni.notifications.services", 19, True, False),
    ]


def an_import(
    source: str,
    target: str,
    line: int = 1,
    *,
    in_function: bool = False,
    type_checking: bool = False,
) -> Import:
    return Import(
        source=source,
        target=target,
        path=source.replace(".", "/") + ".py",
        line=line,
        in_function=in_function,
        type_checking=type_checking,
    )


ALPHA_TO_BETA = an_import("maoni.alpha.views", "maoni.beta.models", 7)
BETA_TO_ALPHA = an_import("maoni.beta.services", "maoni.alpha.models", 12, in_function=True)
BETA_TO_GAMMA = an_import("maoni.beta.services", "maoni.gamma.models", 3)
GAMMA_TO_ALPHA = an_import("maoni.gamma.services", "maoni.alpha.models", 5)


def test_a_new_cycle_between_apps_fails_with_an_import_for_each_edge():
    failures = cycle_failures(app_edges([ALPHA_TO_BETA, BETA_TO_ALPHA]), (), "KNOWN")
    assert len(failures) == 1
    assert failures[0].startswith("New import cycle, not in KNOWN: alpha, beta.")
    assert "alpha -> beta: maoni/alpha/views.py:7 imports maoni.beta.models" in failures[0]
    assert "beta -> alpha: maoni/beta/services.py:12 imports maoni.alpha.models" in failures[0]


def test_a_listed_cycle_between_apps_passes():
    edges = app_edges([ALPHA_TO_BETA, BETA_TO_ALPHA])
    assert cycle_failures(edges, (frozenset({"alpha", "beta"}),), "KNOWN") == []


def test_a_listed_cycle_that_is_gone_fails_until_it_is_deleted():
    failures = cycle_failures(app_edges([ALPHA_TO_BETA]), (frozenset({"alpha", "beta"}),), "KNOWN")
    assert failures == [
        "The cycle alpha, beta is gone: delete it from KNOWN so that it cannot come back."
    ]


def test_a_listed_cycle_that_shrank_fails_until_its_entry_is_replaced():
    edges = app_edges([ALPHA_TO_BETA, BETA_TO_ALPHA, BETA_TO_GAMMA])
    failures = cycle_failures(edges, (frozenset({"alpha", "beta", "gamma"}),), "KNOWN")
    assert len(failures) == 1
    assert failures[0].startswith("The cycle alpha, beta, gamma has shrunk to alpha, beta:")


def test_a_listed_cycle_that_grew_fails():
    edges = app_edges([ALPHA_TO_BETA, BETA_TO_ALPHA, BETA_TO_GAMMA, GAMMA_TO_ALPHA])
    failures = cycle_failures(edges, (frozenset({"alpha", "beta"}),), "KNOWN")
    assert len(failures) == 1
    assert failures[0].startswith("The cycle alpha, beta has grown to alpha, beta, gamma,")
    assert "gamma -> alpha: maoni/gamma/services.py:5" in failures[0]


def test_an_import_under_type_checking_makes_no_cycle_between_apps():
    back = an_import("maoni.beta.services", "maoni.alpha.models", 12, type_checking=True)
    assert cycle_failures(app_edges([ALPHA_TO_BETA, back]), (), "KNOWN") == []
    assert type_only_app_edges([ALPHA_TO_BETA, back]) == {("beta", "alpha"): [back]}


def test_an_import_inside_a_function_makes_no_cycle_between_modules():
    there = an_import("maoni.alpha.views", "maoni.alpha.models")
    back_later = an_import("maoni.alpha.models", "maoni.alpha.views", in_function=True)
    back_at_load = an_import("maoni.alpha.models", "maoni.alpha.views", 9)
    assert cycle_failures(module_edges([there, back_later]), (), "KNOWN") == []
    failures = cycle_failures(module_edges([there, back_at_load]), (), "KNOWN")
    assert len(failures) == 1
    assert "maoni.alpha.models -> maoni.alpha.views: maoni/alpha/models.py:9" in failures[0]


def test_function_lengths_start_at_def_and_name_methods_by_their_class():
    text = """\
@decorated
@twice
def top():
    return 1


class Panel:
    def show(self):
        def inner():
            pass

        return inner
"""
    assert function_lengths(parsed("maoni/x.py", text)) == {
        "maoni/x.py:top": 2,
        "maoni/x.py:Panel.show": 5,
        "maoni/x.py:Panel.show.inner": 2,
    }


@pytest.mark.parametrize(
    ("sizes", "known", "failing"),
    [
        ({"a": 60}, (), []),
        ({"a": 61}, (), ["a"]),  # A new offender.
        ({"a": 61}, ("a",), []),  # A listed one, still too long.
        ({"a": 60}, ("a",), ["a"]),  # A listed one, now short enough: delete its entry.
        ({}, ("a",), ["a"]),  # A listed one that no longer exists.
    ],
)
def test_size_limits_fail_on_new_offenders_and_on_fixed_entries(sizes, known, failing):
    failures = size_failures(sizes, 60, known, "KNOWN")
    assert [failure.split(" ")[0] for failure in failures] == failing
