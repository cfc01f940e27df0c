"""Stored HTML as Plain text: each row a case an importer met (``maoni.imports.plain``)."""

from __future__ import annotations

import pytest

from maoni.comments.text import render_plain
from maoni.imports.plain import html_to_plain

LONG = "https://example.org/a-very-long-path/that-goes-on-and-on/and-on-for-ever/and-ever.html"


@pytest.mark.parametrize(
    ("stored", "typed"),
    [
        ("Roads &amp; rain", "Roads & rain"),
        ("one\ntwo", "one\ntwo"),
        ("<p>one<br />\ntwo</p>", "one\ntwo"),
        ("<p>one<br>two</p>", "one\ntwo"),
        ("<p>one<br />\n\ntwo</p>", "one\n\ntwo"),
        ("<p>a</p><p>b</p>", "a\n\nb"),
        (
            '<a href="https://county.example.org/budget">the page</a>',
            "the page (https://county.example.org/budget)",
        ),
        ('<a href="https://example.org/x">https://example.org/x</a>', "https://example.org/x"),
        ('<a href="http://www.example.org">www.example.org</a>', "www.example.org"),
        ('<a href="mailto:a@example.org">a@example.org</a>', "a@example.org"),
        (f'<a href="{LONG}">{LONG[:40]}…</a>', LONG),
        ("&lt;script&gt;alert(1)&lt;/script&gt;", "<script>alert(1)</script>"),
        ("<script>alert(1)</script>ok", "ok"),
    ],
)
def test_html_to_plain(stored: str, typed: str) -> None:
    assert html_to_plain(stored) == typed


@pytest.mark.parametrize(
    "typed",
    [
        "Habari & <script>alert(1)</script> 🎉",
        "one\ntwo\n\nthree",
        "  indented\n  line",
        f"see {LONG} and www.example.org or a@example.org.",
        "Mvua imenyesha sana leo; barabara ya Thika imefungwa.",
    ],
)
def test_maonis_own_rendering_reads_back_as_typed(typed: str) -> None:
    assert html_to_plain(render_plain(typed)) == typed.strip()
