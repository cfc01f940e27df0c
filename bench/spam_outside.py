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
from pathlib import Path

from bench.spam_sets import ROOT, EvalSet, Item, Page, without_shared_sentences

SHARED = ROOT.parent / "shared" / "data"
YOUTUBE = SHARED / "youtube-spam" / "Youtube05-Shakira.csv"
# The collection's other four videos, kept beside the bench (see its README.md).
YOUTUBE_OTHERS = ROOT / "bench" / "data" / "youtube"
WORDPRESS = SHARED / "wordpress-export.xml"
ISSO = SHARED / "isso-comments.db"

YOUTUBE_VIDEOS = {
    "Youtube01-Psy.csv": "Psy - Gangnam Style",
    "Youtube02-KatyPerry.csv": "Katy Perry - Roar",
    "Youtube03-LMFAO.csv": "LMFAO - Party Rock Anthem",
    "Youtube04-Eminem.csv": "Eminem - Love the Way You Lie",
    "Youtube05-Shakira.csv": "Shakira - Waka Waka (This Time for Africa)",
}
YOUTUBE_CREDIT = (
    "YouTube Spam Collection (Alberto, Lochter and Almeida, 2015), "
    "UCI Machine Learning Repository, CC BY 4.0"
)
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


def youtube_comments(path: Path) -> list[tuple[str, Item]]:
    """One video's comments as (date, item), the page keyed by the file's name."""
    with path.open(encoding="utf-8", newline="") as rows:
        read = list(csv.DictReader(rows))
    dated = []
    for row in read:
        body = html_to_text(row["CONTENT"], keep_href=False)
        if body:
            spam = row["CLASS"] == "1"
            item = Item(
                id=row["COMMENT_ID"],
                spam=spam,
                kind="spam" if spam else "ham",
                article=path.name,
                body=body,
                author_name=html.unescape(row["AUTHOR"]).strip()[:NAME_LIMIT],
            )
            dated.append((row["DATE"], item))
    return dated


def youtube_set() -> EvalSet | str:
    """Split by video: Shakira's is measured, the other four are the traffic."""
    others = sorted(YOUTUBE_OTHERS.glob("Youtube0*.csv"))
    if not YOUTUBE.exists() or not others:
        return f"youtube: {YOUTUBE} or the files in {YOUTUBE_OTHERS} are missing; skipped"
    traffic = [pair for path in others for pair in youtube_comments(path)]
    # The order comments arrived in; an undated comment comes last.
    traffic.sort(key=lambda pair: pair[0] if pair[0][:2] == "20" else "9")
    videos = [YOUTUBE, *others]
    learnt = [item for _, item in traffic]
    measured = [item for _, item in youtube_comments(YOUTUBE)]
    # Spammers paste the same text under many videos, and the checks were
    # looked at on the traffic's: a measured comment repeating a sentence of
    # it would flatter them, so it is left out (and counted).
    test, dropped = without_shared_sentences(measured, [item.body for item in learnt])
    return EvalSet(
        name="youtube",
        source=f"{YOUTUBE.name}: {YOUTUBE_CREDIT}; real comments under one music video",
        train=learnt,
        test=test,
        pages={path.name: Page(title=YOUTUBE_VIDEOS.get(path.name, "")) for path in videos},
        notes=[
            "split by video: this video's comments are measured; the traffic is "
            f"the collection's other {len(others)} videos ({', '.join(p.name for p in others)})",
            f"{len(dropped)} measured comments dropped for sharing a whole sentence with the "
            f"traffic ({sum(item.spam for item in dropped)} spam)",
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
