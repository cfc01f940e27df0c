"""A Disqus export (Admin → Moderation → Export) read as pages and comments. Pure.

The file is ``<disqus>`` in the ``http://disqus.com`` namespace: its
categories, then every ``<thread>`` (a page: its address and title), then
every ``<post>`` (a comment), which names its thread and any parent by their
``dsq:id``. Posts come in no particular order; the writer lets a reply wait
for its parent. A thread becomes a page only when a post is under it, so
pages that never had a comment make no empty threads.

Disqus keeps a post's text as HTML: it becomes Plain text here. A post
marked spam is imported as spam; one deleted (or under a deleted thread) as
deleted, keeping its replies under it as Disqus shows them; the rest as
published. What a reading holds is one post at a time, and one address and
title for each thread.
"""

from __future__ import annotations

import html
from collections.abc import Iterator
from dataclasses import dataclass
from datetime import UTC, datetime
from xml.etree.ElementTree import Element

from maoni.imports.plain import html_to_plain
from maoni.imports.records import Record, SourceComment, SourceError, SourcePage, Status
from maoni.imports.xmlstream import check_well_formed, events

WHAT = "The Disqus export"
_NS = "{http://disqus.com}"
_ID = "{http://disqus.com/disqus-internals}id"


@dataclass
class _Thread:
    page: SourcePage
    deleted: bool
    # Whether its page was handed on (it is, before its first post).
    given: bool = False


def _text(element: Element, *path: str) -> str:
    child = element.find("/".join(_NS + name for name in path))
    return "" if child is None or child.text is None else child.text.strip()


def _ref(element: Element, name: str) -> str | None:
    """The ``dsq:id`` of ``element``'s child ``name`` (a post's thread or parent)."""
    child = element.find(_NS + name)
    return None if child is None else (child.get(_ID) or "").strip() or None


def _yes(value: str) -> bool:
    return value.lower() == "true"


def _one_line(text: str) -> str:
    return " ".join(text.split())


class DisqusReader:
    """Reads a Disqus XML export file."""

    def __init__(self, path: str) -> None:
        self.path = path

    def check(self) -> None:
        """Refuses a file that is not well-formed XML, before anything is stored."""
        check_well_formed(self.path, what=WHAT)

    def records(self) -> Iterator[Record]:
        """Each thread's page before its first post, then the post; SourceError where malformed."""
        threads: dict[str, _Thread] = {}
        depth = 0
        root: Element | None = None
        start = 0
        for event, element, line in events(self.path, what=WHAT):
            if event == "start":
                depth += 1
                if depth == 1:
                    root = _root(element)
                elif depth == 2:
                    start = line
                continue
            depth -= 1
            if depth != 1 or root is None:
                continue
            if element.tag == _NS + "thread":
                thread = _thread(element, line)
                threads[thread.page.source_id] = thread
            elif element.tag == _NS + "post":
                yield from _post(element, threads, f"line {start}")
            # Read: the element goes, so a reading holds one record at a time.
            root.remove(element)
        if root is None:
            raise SourceError(f"{WHAT} is empty.")


def _root(element: Element) -> Element:
    if element.tag != _NS + "disqus":
        raise SourceError(
            f"{WHAT} should be a <disqus> file in the http://disqus.com namespace; this one "
            f"starts with <{element.tag}>."
        )
    return element


def _thread(element: Element, line: int) -> _Thread:
    source_id = (element.get(_ID) or "").strip()
    if not source_id:
        raise SourceError(f"{WHAT} has a <thread> without a dsq:id ending at line {line}.")
    page = SourcePage(
        source_id=source_id,
        url=_text(element, "link"),
        title=_one_line(html.unescape(_text(element, "title"))),
        published=_time(_text(element, "createdAt")),
    )
    return _Thread(page=page, deleted=_yes(_text(element, "isDeleted")))


def _post(element: Element, threads: dict[str, _Thread], where: str) -> Iterator[Record]:
    source_id = (element.get(_ID) or "").strip()
    if not source_id:
        raise SourceError(f"{WHAT} has a <post> without a dsq:id at {where}.")
    thread_id = _ref(element, "thread")
    thread = threads.get(thread_id or "")
    if thread is None:
        raise SourceError(
            f"{WHAT} has post {source_id} at {where} under thread {thread_id}, which the file "
            "does not describe before it."
        )
    if not thread.given:
        thread.given = True
        yield thread.page
    created = _time(_text(element, "createdAt"))
    if created is None:
        raise SourceError(f"{WHAT} has post {source_id} at {where} without a valid <createdAt>.")
    anonymous = _yes(_text(element, "author", "isAnonymous") or "true")
    email = _text(element, "author", "email")
    yield SourceComment(
        source_id=source_id,
        page_id=thread.page.source_id,
        parent_id=_ref(element, "parent"),
        created=created,
        status=_status(element, thread),
        author_name=_one_line(_text(element, "author", "name")),
        author_email=email,
        body=html_to_plain(_text(element, "message")),
        address=_text(element, "ipAddress") or _text(element, "author", "ipAddress"),
        user_email="" if anonymous else email,
        where=where,
    )


def _status(element: Element, thread: _Thread) -> Status:
    if _yes(_text(element, "isSpam")):
        return Status.SPAM
    if _yes(_text(element, "isDeleted")) or thread.deleted:
        return Status.DELETED
    return Status.PUBLISHED


def _time(value: str) -> datetime | None:
    """An ISO time (``2024-03-10T09:00:00Z``) in UTC; one without a zone is taken as UTC."""
    try:
        parsed = datetime.fromisoformat(value.replace("Z", "+00:00"))
    except ValueError:
        return None
    return parsed.replace(tzinfo=UTC) if parsed.tzinfo is None else parsed.astimezone(UTC)
