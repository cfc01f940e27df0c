"""Maoni's comments as a Disqus XML export, the file Disqus's own export writes. Pure.

A ``<disqus>`` document: one category, then a ``<thread>`` for every page that
has comments (its address, title and identifier: the page's path), then a
``<post>`` for every comment, naming its thread and the comment it answers.
A post's message is HTML: Maoni's own rendering of the Plain text, with its
paragraphs, line breaks and links. Times are ISO 8601 in UTC.

Disqus's export format knows published, spam (``isSpam``) and deleted
(``isDeleted``) posts, and nothing waiting for a moderator. So that nothing
held here is public there, pending comments are left out and counted; a reply
to one answers the nearest comment above it that is in the file, or stands at
the top level.
"""

from __future__ import annotations

import html
from datetime import UTC, datetime
from typing import TextIO

from django.utils.text import slugify

from maoni.exports.records import Channel, ExportComment, ExportPage, Pages, Written
from maoni.exports.xmltext import cdata, escaped

# Statuses Disqus's format has no room for: their comments are left out.
LEFT_OUT = frozenset({"pending"})
CATEGORY = 1

HEAD = """<?xml version="1.0" encoding="utf-8"?>
<!-- A Disqus XML export written by Maoni's export_comments. -->
<disqus xmlns="http://disqus.com"
        xmlns:dsq="http://disqus.com/disqus-internals"
        xmlns:xsi="http://www.w3.org/2001/XMLSchema-instance"
        xsi:schemaLocation="http://disqus.com/api/schemas/1.0/disqus.xsd http://disqus.com/api/schemas/1.0/internals.xsd">
"""
TAIL = "</disqus>\n"


def write(out: TextIO, pages: Pages, *, channel: Channel) -> Written:
    """Writes every thread, then every post (as Disqus orders them); returns what it wrote."""
    written = Written()
    forum = slugify(channel.title) or "maoni"
    out.write(HEAD)
    out.write(_category(forum))
    for page in pages():
        written.pages += 1
        out.write(_thread(page, forum))
    for page in pages():
        # What stands for each comment read so far: itself, or the nearest one above it
        # that is in the file (None: the top level).
        standing: dict[int, int | None] = {}
        for comment in pages.comments(page):
            parent = standing.get(comment.parent_id) if comment.parent_id else None
            if comment.status in LEFT_OUT:
                written.count(comment.status, kept=False)
                standing[comment.id] = parent
                continue
            written.count(comment.status)
            standing[comment.id] = comment.id
            out.write(_post(comment, page, parent))
    out.write(TAIL)
    return written


def _yes(value: bool) -> str:
    return "true" if value else "false"


def iso(moment: datetime) -> str:
    """A time as Disqus writes it: ``2024-03-10T09:00:00Z``."""
    return moment.astimezone(UTC).strftime("%Y-%m-%dT%H:%M:%SZ")


def _category(forum: str) -> str:
    return f"""  <category dsq:id="{CATEGORY}">
    <forum>{escaped(forum)}</forum>
    <title>General</title>
    <isDefault>true</isDefault>
  </category>
"""


def _thread(page: ExportPage, forum: str) -> str:
    # Disqus keeps a thread's title HTML-escaped, inside the XML's own escaping.
    title = escaped(html.escape(page.title, quote=False))
    return f"""  <thread dsq:id="{page.id}">
    <id>{escaped(page.identifier)}</id>
    <forum>{escaped(forum)}</forum>
    <category dsq:id="{CATEGORY}"/>
    <link>{escaped(page.url)}</link>
    <title>{title}</title>
    <message/>
    <createdAt>{iso(page.created)}</createdAt>
    <isClosed>{_yes(page.closed)}</isClosed>
    <isDeleted>false</isDeleted>
  </thread>
"""


def _post(comment: ExportComment, page: ExportPage, parent: int | None) -> str:
    answers = f'\n    <parent dsq:id="{parent}"/>' if parent is not None else ""
    return f"""  <post dsq:id="{comment.id}">
    <id/>
    <message>{cdata(comment.body_html)}</message>
    <createdAt>{iso(comment.created)}</createdAt>
    <isDeleted>{_yes(comment.status == "deleted")}</isDeleted>
    <isSpam>{_yes(comment.status == "spam")}</isSpam>
    <author>
      <name>{escaped(comment.author_name)}</name>
      <email>{escaped(comment.author_email)}</email>
      <isAnonymous>{_yes(not comment.registered)}</isAnonymous>
    </author>
    <thread dsq:id="{page.id}"/>{answers}
  </post>
"""
