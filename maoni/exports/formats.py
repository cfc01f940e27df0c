"""The formats ``export_comments`` writes, by name: each a writer of ``maoni.exports.records``."""

from __future__ import annotations

from django.utils.module_loading import import_string

from maoni.exports.records import Writer

# Name: (the writer, what it writes).
FORMATS: dict[str, tuple[str, str]] = {
    "wxr": (
        "maoni.exports.wxr.write",
        "a WordPress export (WXR 1.2) for WordPress's Tools → Import → WordPress",
    ),
    "disqus": ("maoni.exports.disqus.write", "a Disqus XML export, for Disqus's importer"),
}


def writer_for(name: str) -> Writer:
    """The writer of the format ``name`` (a key of FORMATS)."""
    writer: Writer = import_string(FORMATS[name][0])
    return writer
