"""The sources ``import_comments`` reads, by name: each a reader of ``maoni.imports.records``."""

from __future__ import annotations

from collections.abc import Callable

from django.utils.module_loading import import_string

from maoni.imports.records import Reader

# Name: (the reader's class, what it reads). A reader is made from the file or DSN given.
FORMATS: dict[str, tuple[str, str]] = {
    "wordpress": ("maoni.imports.wordpress.WordPressReader", "a WordPress export (WXR) file"),
    "disqus": ("maoni.imports.disqus.DisqusReader", "a Disqus XML export file"),
    "isso": ("maoni.imports.isso.IssoReader", "an Isso SQLite database file"),
    "drupal": ("maoni.imports.drupal.DrupalReader", "a Drupal 8+ database: a DSN or SQLite file"),
}


def reader_for(name: str, source: str) -> Reader:
    """The reader of ``source`` in the format ``name`` (a key of FORMATS)."""
    make: Callable[[str], Reader] = import_string(FORMATS[name][0])
    return make(source)
