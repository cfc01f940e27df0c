"""WordPress exports written for tests and the import bench: any size, streamed to a file."""

from __future__ import annotations

from collections.abc import Iterable
from datetime import UTC, datetime, timedelta
from pathlib import Path
from typing import TextIO

HEAD = """<?xml version="1.0" encoding="UTF-8" ?>
<rss version="2.0"
	xmlns:excerpt="http://wordpress.org/export/1.2/excerpt/"
	xmlns:content="http://purl.org/rss/1.0/modules/content/"
	xmlns:dc="http://purl.org/dc/elements/1.1/"
	xmlns:wp="http://wordpress.org/export/1.2/"
>
<channel>
	<title>Test News</title>
	<link>https://news.example.com</link>
	<wp:wxr_version>1.2</wp:wxr_version>
"""
TAIL = "</channel>\n</rss>\n"
START = datetime(2024, 1, 1, 6, 0, tzinfo=UTC)


def item(post_id: int, comments: Iterable[str], *, post_type: str = "post") -> str:
    """One ``<item>`` with the ``<wp:comment>`` elements given."""
    when = (START + timedelta(days=post_id)).strftime("%Y-%m-%d %H:%M:%S")
    return f"""	<item>
		<title><![CDATA[Story number {post_id} &amp; its follow-up]]></title>
		<link>https://news.example.com/story-{post_id}/</link>
		<content:encoded><![CDATA[<!-- wp:paragraph -->
<p>The text of story {post_id}.</p>
<!-- /wp:paragraph -->]]></content:encoded>
		<wp:post_id>{post_id}</wp:post_id>
		<wp:post_date><![CDATA[{when}]]></wp:post_date>
		<wp:post_date_gmt><![CDATA[{when}]]></wp:post_date_gmt>
		<wp:post_name><![CDATA[story-{post_id}]]></wp:post_name>
		<wp:status><![CDATA[publish]]></wp:status>
		<wp:post_type><![CDATA[{post_type}]]></wp:post_type>
{"".join(comments)}	</item>
"""


def comment(
    comment_id: int,
    parent: int = 0,
    *,
    approved: str = "1",
    kind: str = "comment",
    text: str = "",
    date_gmt: str = "2024-02-01 08:00:00",
    date: str = "2024-02-01 11:00:00",
) -> str:
    """One ``<wp:comment>``, as WordPress writes it (text is stored HTML, in CDATA)."""
    body = text or f"Comment {comment_id}: roads &amp; rain, 🌧️ mvua <b>nyingi</b>."
    email = f"reader{comment_id % 97}@example.org"
    return f"""		<wp:comment>
			<wp:comment_id>{comment_id}</wp:comment_id>
			<wp:comment_author><![CDATA[Reader {comment_id % 97}]]></wp:comment_author>
			<wp:comment_author_email><![CDATA[{email}]]></wp:comment_author_email>
			<wp:comment_author_url></wp:comment_author_url>
			<wp:comment_author_IP><![CDATA[192.0.2.{comment_id % 250}]]></wp:comment_author_IP>
			<wp:comment_date><![CDATA[{date}]]></wp:comment_date>
			<wp:comment_date_gmt><![CDATA[{date_gmt}]]></wp:comment_date_gmt>
			<wp:comment_content><![CDATA[{body}]]></wp:comment_content>
			<wp:comment_approved><![CDATA[{approved}]]></wp:comment_approved>
			<wp:comment_type><![CDATA[{kind}]]></wp:comment_type>
			<wp:comment_parent>{parent}</wp:comment_parent>
			<wp:comment_user_id>0</wp:comment_user_id>
		</wp:comment>
"""


def write(path: Path, items: Iterable[str]) -> Path:
    """Writes an export of the items given to ``path`` and returns it."""
    with path.open("w", encoding="utf-8") as file:
        file.write(HEAD)
        for text in items:
            file.write(text)
        file.write(TAIL)
    return path


def write_many(path: Path, comments: int, *, per_post: int = 100) -> Path:
    """An export of ``comments`` comments, ``per_post`` to a post, a third of them replies."""
    with path.open("w", encoding="utf-8") as file:
        file.write(HEAD)
        _write_posts(file, comments, per_post)
        file.write(TAIL)
    return path


def _write_posts(file: TextIO, comments: int, per_post: int) -> None:
    for first in range(0, comments, per_post):
        numbers = range(first + 1, min(first + per_post, comments) + 1)
        file.write(
            item(
                first // per_post + 1,
                (comment(n, parent=n - 1 if n % 3 == 0 and n > first + 1 else 0) for n in numbers),
            )
        )
