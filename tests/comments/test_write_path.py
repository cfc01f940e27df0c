"""Nothing but the comment service writes comments: a check on the code itself.

Reads every module under ``maoni/`` and fails where a query that starts at
``Comment.objects`` ends in a write (create, update, delete, …) outside the
service's own modules. It sees writes written as one chain, which is how the
code writes them; a query kept in a variable and written later is not seen,
and review must catch that.
"""

from __future__ import annotations

import ast

import pytest

from tests.test_architecture import parsed, project_sources

WRITES = frozenset(
    {
        "create",
        "update",
        "delete",
        "bulk_create",
        "bulk_update",
        "get_or_create",
        "update_or_create",
    }
)
# The comment service's own modules. (A whole site restored by `manage.py
# import` loads every table's rows by name, through no model's manager.)
ALLOWED = frozenset(
    {
        "maoni/comments/posting.py",
        "maoni/comments/moderating.py",
        "maoni/comments/importing.py",
        "maoni/comments/erasing.py",
    }
)


def _starts_at_comment_objects(node: ast.expr) -> bool:
    while isinstance(node, ast.Call | ast.Attribute):
        if (
            isinstance(node, ast.Attribute)
            and node.attr == "objects"
            and isinstance(node.value, ast.Name)
            and node.value.id == "Comment"
        ):
            return True
        node = node.func if isinstance(node, ast.Call) else node.value
    return False


def comment_writes(tree: ast.Module) -> list[int]:
    """The lines where a ``Comment.objects…`` chain ends in a write."""
    return [
        node.lineno
        for node in ast.walk(tree)
        if isinstance(node, ast.Call)
        and isinstance(node.func, ast.Attribute)
        and node.func.attr in WRITES
        and _starts_at_comment_objects(node.func.value)
    ]


def test_only_the_comment_service_writes_comments():
    found = [
        f"{source.path}:{line}"
        for source in project_sources()
        if source.path not in ALLOWED
        for line in comment_writes(source.tree)
    ]
    assert not found, "Comments written outside the comment service: " + ", ".join(found)


@pytest.mark.parametrize(
    ("code", "lines"),
    [
        ("Comment.objects.filter(pk=1).update(body='x')", [1]),
        ("Comment.objects.create(body='x')", [1]),
        ("Comment.objects.filter(\n    pk=1\n).delete()", [1]),
        ("Comment.objects.filter(pk=1).count()", []),
        ("Thread.objects.filter(pk=1).update(version=2)", []),
    ],
)
def test_the_check_sees_writes_and_only_writes(code, lines):
    assert comment_writes(parsed("maoni/example.py", code).tree) == lines
