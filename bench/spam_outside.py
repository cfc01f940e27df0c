"""Sets nobody on this project wrote: real comments from elsewhere, read as typed.

Pure, like bench/spam_sets.py: files in, ``EvalSet`` out. The files are the
repository's sibling ``shared/data`` (see its README.md).
"""

from __future__ import annotations

import csv
import html
import re
import sqlite3
import xml.etree.ElementTree as ET
from html.parser import HTMLParser

from bench.spam_sets import ROOT, EvalSet, Item, Page

SHARED = ROOT.parent / "shared" / "data"
YOUTUBE = SHARED / "youtube-spam" / "Youtube05-Shakira.csv"
WORDPRESS = SHARED / "wordpress-export.xml"
ISSO = SHARED / "isso-comments.db"

YOUTUBE_VIDEO = "Shakira - Waka Waka (This Time for Africa)"
YOUTUBE_CREDIT = (
    "YouTube Spam Collection (Alberto, Lochter and Almeida, 2015), "
    "UCI Machine Learning Repository, CC BY 4.0"
)
# The file's comments come in two bursts, 2013 and 2015: the earlier one is
# what a site's moderators would have decided before the later one arrived.
YOUTUBE_CUT = "2014-01-01"
# The form refuses longer names; a reader would have shortened theirs.
NAME_LIMIT = 60


class _Text(HTMLParser):
    """Stored comment HTML back to what was typed: tags dropped, line breaks kept."""

    def __init__(self, *, keep_href: bool) -> None:
        super().__init__(convert_charrefs=True)
        self.keep_href = keep_href
        self.parts: list[str] = []
        self._href: str | None = None
        self._link_text: list[str] = []

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        if tag == "br":
            self.parts.append("\n")
        elif tag == "a":
            self._href = dict(attrs).get("href") or ""
            self._link_text = []

    def handle_endtag(self, tag: str) -> None:
        if tag == "a" and self._href is not None:
            text = "".join(self._link_text)
            href = self._href
            self.parts.append(text)
            # An anchor typed with its own words still carries the address typed.
            if self.keep_href and href.startswith("http") and href not in text:
                self.parts.append(f" ({href})")
            self._href = None
        elif tag == "p":
            self.parts.append("\n\n")

    def handle_data(self, data: str) -> None:
        (self._link_text if self._href is not None else self.parts).append(data)


def html_to_text(stored: str, *, keep_href: bool) -> str:
    """The reader's text from stored HTML. YouTube linked what was typed itself
    (``keep_href`` False: the link text is what was typed); a WordPress anchor was
    typed with its address (``keep_href`` True)."""
    parser = _Text(keep_href=keep_href)
    parser.feed(stored)
    parser.close()
    # YouTube's export ends nearly every comment with a byte-order mark nobody typed.
    return "".join(parser.parts).replace("\ufeff", "").strip()


def markdown_to_text(typed: str) -> str:
    """Isso keeps the Markdown typed; emphasis marks go, a link keeps its words and address."""
    text = re.sub(r"\[([^\]]*)\]\(([^)\s]+)\)", r"\1 (\2)", typed)
    text = re.sub(r"(\*\*|__|\*|`)", "", text)
    return text.strip()


def youtube_set() -> EvalSet | str:
    if not YOUTUBE.exists():
        return f"youtube: {YOUTUBE} is missing; skipped"
    with YOUTUBE.open(encoding="utf-8", newline="") as rows:
        read = sorted(csv.DictReader(rows), key=lambda row: row["DATE"])
    dated = []
    for row in read:
        body = html_to_text(row["CONTENT"], keep_href=False)
        if body:
            spam = row["CLASS"] == "1"
            item = Item(
                id=row["COMMENT_ID"],
                spam=spam,
                kind="spam" if spam else "ham",
                article="video",
                body=body,
                author_name=html.unescape(row["AUTHOR"]).strip()[:NAME_LIMIT],
            )
            dated.append((row["DATE"], item))
    train = [item for date, item in dated if date < YOUTUBE_CUT]
    test = [item for date, item in dated if date >= YOUTUBE_CUT]
    return EvalSet(
        name="youtube",
        source=f"{YOUTUBE.name}: {YOUTUBE_CREDIT}; real comments under one music video",
        train=train,
        test=test,
        pages={"video": Page(title=YOUTUBE_VIDEO)},
        notes=[
            f"split by time: comments before {YOUTUBE_CUT} are the traffic, later ones measured",
        ],
    )


def _wordpress() -> tuple[list[Item], dict[str, Page]]:
    space = {
        "wp": "http://wordpress.org/export/1.2/",
        "content": "http://purl.org/rss/1.0/modules/content/",
    }
    items, pages = [], {}
    # The sibling fixture file, made by WordPress's own exporter: not untrusted input.
    for post in ET.parse(WORDPRESS).getroot().iter("item"):  # noqa: S314
        key = f"wp-{post.findtext('wp:post_id', '', space)}"
        body = html_to_text(post.findtext("content:encoded", "", space), keep_href=True)
        pages[key] = Page(title=post.findtext("title", ""), body=body)
        for comment in post.findall("wp:comment", space):
            public = comment.findtext("wp:comment_approved", "", space) == "1"
            # A pingback is another site's notice, not a reader's comment.
            typed = comment.findtext("wp:comment_type", "", space) in {"", "comment"}
            if public and typed:
                items.append(
                    Item(
                        id=f"wp-{comment.findtext('wp:comment_id', '', space)}",
                        spam=False,
                        kind="wordpress",
                        article=key,
                        body=html_to_text(
                            comment.findtext("wp:comment_content", "", space), keep_href=True
                        ),
                        author_name=html.unescape(comment.findtext("wp:comment_author", "", space))[
                            :NAME_LIMIT
                        ],
                        author_email=comment.findtext("wp:comment_author_email", "", space),
                    )
                )
    return items, pages


def _isso() -> tuple[list[Item], dict[str, Page]]:
    # Read-only and immutable: the file sits in a read-only folder.
    with sqlite3.connect(f"file:{ISSO}?mode=ro&immutable=1", uri=True) as database:
        threads = database.execute("SELECT id, title FROM threads").fetchall()
        rows = database.execute(
            "SELECT id, tid, text, author, email FROM comments WHERE mode = 1 ORDER BY id"
        ).fetchall()
    pages = {f"isso-{tid}": Page(title=title or "") for tid, title in threads}
    items = [
        Item(
            id=f"isso-{number}",
            spam=False,
            kind="isso",
            article=f"isso-{tid}",
            body=markdown_to_text(text),
            author_name=html.unescape(author or "")[:NAME_LIMIT],
            author_email=html.unescape(email or ""),
        )
        for number, tid, text, author, email in rows
        if text.strip()
    ]
    return items, pages


def exports_set() -> EvalSet | str:
    """Ham only: the comments that were public on a WordPress and an Isso site."""
    missing = [path.name for path in (WORDPRESS, ISSO) if not path.exists()]
    if missing:
        return f"exports: {', '.join(missing)} missing in {SHARED}; skipped"
    wordpress, wp_pages = _wordpress()
    isso, isso_pages = _isso()
    return EvalSet(
        name="exports",
        source=(
            f"{WORDPRESS.name} and {ISSO.name} in {SHARED}: comments public on a "
            "WordPress and an Isso site (written for importer tests by another hand)"
        ),
        test=wordpress + isso,
        pages=wp_pages | isso_pages,
        curve="none",
        notes=["ham only: a pingback and pending, trashed or deleted comments are left out"],
    )
