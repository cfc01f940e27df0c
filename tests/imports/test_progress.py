"""What import_comments shows while it works: a bar on a terminal, plain lines elsewhere."""

from __future__ import annotations

import io
import sys
from pathlib import Path

import pytest
from django.core.management import call_command

from maoni.comments.models import Site
from maoni.imports.management.commands import import_comments

pytestmark = pytest.mark.django_db

ISSO_DB = Path(__file__).parent.parent / "data" / "isso-comments.db"


@pytest.fixture
def site(db: None) -> Site:
    return Site.objects.create(name="Old", slug="old", origins="https://old.example")


def test_elsewhere_plain_lines_and_a_summary(site: Site, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(import_comments, "PLAIN_EVERY", 0.0)
    out = io.StringIO()
    call_command("import_comments", "isso", str(ISSO_DB), "--site", "old", stdout=out)
    lines = out.getvalue().splitlines()
    assert any(line.endswith(" a second") and " comments, " in line for line in lines)
    assert any(line.startswith("18 comments in ") for line in lines)
    assert lines[-2].startswith("Imported: 3 pages, 18 comments (1 deleted, 1 pending, 16 ")
    assert lines[-1].startswith("Stored 18 new comments; 0 were there from an earlier run")


def test_on_a_terminal_a_progress_bar(site: Site, monkeypatch: pytest.MonkeyPatch) -> None:
    terminal = io.StringIO()
    monkeypatch.setattr(terminal, "isatty", lambda: True)
    monkeypatch.setattr(sys, "stdout", terminal)
    shown: list[str] = []
    from rich import progress

    original = progress.Progress.update

    def update(self: progress.Progress, task: object, **fields: object) -> None:
        shown.append(str(fields.get("description", "")))
        original(self, task, **fields)  # type: ignore[arg-type]

    monkeypatch.setattr(progress.Progress, "update", update)
    call_command("import_comments", "isso", str(ISSO_DB), "--site", "old")
    assert any(text.startswith("18 comments, ") and text.endswith(" a second") for text in shown)
