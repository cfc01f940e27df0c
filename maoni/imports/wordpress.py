"""A WordPress export (WXR, Tools → Export) read as pages and comments. Pure.

Each ``<item>`` of type post or page becomes a page, followed by its
comments; other items (attachments, menu entries, shop orders) and their
comments are left out. Only readers' comments are read: pingbacks and
trackbacks (notices that another site linked to the post) and the comment
types of plugins (reviews, order notes) are skipped and counted in the notes.
A reply to a skipped pingback stands where the pingback stood.

WordPress keeps comment text as stored HTML (``&amp;`` for ``&``, its
allowed tags, line breaks as newlines): it becomes Plain text here. Times
are the ``_gmt`` ones, in UTC.

Nothing is published here that was not public there: WordPress shows no
reply under a comment it hides (in the trash, pending, spam, or missing
from the file, as spam always is), so such a reply, though approved, is
imported as pending; so is every comment of a post that was not published.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Iterator
from dataclasses import dataclass
from datetime import UTC, datetime, timedelta
from xml.etree.ElementTree import Element

from maoni.imports.plain import html_to_line, html_to_plain
from maoni.imports.records import Record, SourceComment, SourceError, SourcePage, Status
from maoni.imports.xmlstream import check_well_formed, events

WHAT = "The WordPress export"
_WP = "http://wordpress.org/export/"
_CONTENT = "{http://purl.org/rss/1.0/modules/content/}encoded"
_PAGES = {"post", "page"}
_COMMENT_TYPES = {"", "comment"}
_STATUSES = {
    "1": Status.PUBLISHED,
    "approve": Status.PUBLISHED,
    "0": Status.PENDING,
    "hold": Status.PENDING,
    "spam": Status.SPAM,
    "trash": Status.DELETED,
    # The comments of a post in the trash.
    "post-trashed": Status.DELETED,
}
_TIME = "%Y-%m-%d %H:%M:%S"


def _local(tag: str) -> str:
    """A WXR tag's name: ``wp:comment_id`` whatever the export's version, else as it is."""
    if tag.startswith("{" + _WP):
        return "wp:" + tag.rpartition("}")[2]
    if tag == _CONTENT:
        return "content:encoded"
    return tag


def _fields(element: Element) -> dict[str, str]:
    """The text of each child of ``element`` that has no children, by its WXR name."""
    return {_local(child.tag): child.text or "" for child in element if len(child) == 0}


def _time(value: str) -> datetime | None:
    """A WXR time (``2024-04-15 07:02:11``) as given, or None when empty or zero."""
    try:
        return datetime.strptime(value.strip(), _TIME)
    except ValueError:
        return None


@dataclass(frozen=True)
class _Raw:
    """One ``<wp:comment>``, as read, until its item is whole."""

    fields: dict[str, str]
    line: int

    def get(self, name: str) -> str:
        return self.fields.get("wp:" + name, "").strip()


class WordPressReader:
    """Reads a WXR file; ``notes()`` afterwards says what it left out."""

    def __init__(self, path: str) -> None:
        self.path = path
        self.skipped: Counter[str] = Counter()

    def notes(self) -> list[str]:
        """Sentences on what the last reading skipped, for the import's report."""
        return [f"Left out {count:,}: {what}." for what, count in sorted(self.skipped.items())]

    def check(self) -> None:
        """Refuses a file that is not well-formed XML, before anything is stored."""
        check_well_formed(self.path, what=WHAT)

    def records(self) -> Iterator[Record]:
        """Each post or page, then its comments; SourceError where the file is malformed."""
        self.skipped = Counter()
        channel: Element | None = None
        item: Element | None = None
        comments: list[_Raw] = []
        starts: list[int] = []
        for event, element, line in events(self.path, what=WHAT):
            tag = element.tag
            if event == "start":
                if channel is None and tag == "rss":
                    continue
                if channel is None:
                    channel = _channel(element)
                elif tag == "item" and item is None:
                    item, comments = element, []
                elif item is not None and _local(tag) == "wp:comment":
                    starts.append(line)
            elif item is not None and _local(tag) == "wp:comment":
                comments.append(_Raw(_fields(element), starts.pop() if starts else line))
                # The comment is read: its element goes, so an item's size is its records'.
                item.remove(element)
            elif element is item and channel is not None:
                yield from self._item(item, comments, line)
                item, comments = None, []
                element.clear()
                channel.remove(element)
        if channel is None:
            raise SourceError(f"{WHAT} is empty: it has no <channel>.")

    def _item(self, item: Element, comments: list[_Raw], line: int) -> Iterator[Record]:
        fields = _fields(item)
        kind = fields.get("wp:post_type", "post").strip()
        if kind not in _PAGES:
            if comments:
                self.skipped[f"comments under items of type {kind!r} (not a post or page)"] += len(
                    comments
                )
            return
        page = _page(fields, line)
        yield page
        offset = _site_offset(fields)
        readers = [c for c in comments if c.get("comment_type") in _COMMENT_TYPES]
        for other in comments:
            if other.get("comment_type") not in _COMMENT_TYPES:
                self.skipped[_skipped_kind(other.get("comment_type"))] += 1
        shown = _open_ids(comments)
        stands_in = _standing_in(comments)
        published = fields.get("wp:status", "publish").strip() == "publish"
        for raw in readers:
            yield _comment(raw, page.source_id, offset, shown, stands_in, published)


def _channel(element: Element) -> Element:
    if element.tag != "channel":
        raise SourceError(
            f"{WHAT} should be a WXR file (an <rss> with a <channel>); this one starts "
            f"with <{element.tag}>."
        )
    return element


def _skipped_kind(kind: str) -> str:
    if kind in {"pingback", "trackback"}:
        return "pingbacks and trackbacks (notices from other sites, not readers' comments)"
    return f"comments of type {kind!r} (a plugin's, not readers' comments)"


def _page(fields: dict[str, str], line: int) -> SourcePage:
    source_id = fields.get("wp:post_id", "").strip()
    if not source_id:
        raise SourceError(f"{WHAT} has an item without a <wp:post_id> ending at line {line}.")
    published = _time(fields.get("wp:post_date_gmt", ""))
    return SourcePage(
        source_id=source_id,
        url=fields.get("link", "").strip(),
        title=html_to_line(fields.get("title", "")),
        body=html_to_plain(fields.get("content:encoded", "")),
        published=None if published is None else published.replace(tzinfo=UTC),
        slug=fields.get("wp:post_name", "").strip(),
    )


def _site_offset(fields: dict[str, str]) -> timedelta:
    """The site's offset from UTC, as the post's two dates show it (none when unknown)."""
    local = _time(fields.get("wp:post_date", ""))
    utc = _time(fields.get("wp:post_date_gmt", ""))
    return timedelta() if local is None or utc is None else local - utc


def _parents(comments: list[_Raw]) -> dict[str, str | None]:
    return {c.get("comment_id"): _parent_of(c) for c in comments}


def _parent_of(raw: _Raw) -> str | None:
    parent = raw.get("comment_parent")
    return None if parent in {"", "0"} else parent


def _open_ids(comments: list[_Raw]) -> dict[str, bool]:
    """For each comment id: whether it and all its ancestors were public in the item.

    A parent missing from the item was spam (WordPress never exports spam);
    a loop of parents, which only a damaged database holds, counts as hidden.
    """
    parents = _parents(comments)
    public = {
        c.get("comment_id") for c in comments if c.get("comment_approved") in {"1", "approve"}
    }
    known: dict[str, bool] = {}
    for start in parents:
        path: list[str] = []
        node: str | None = start
        while node is not None and node not in known:
            if node not in parents or node not in public or node in path:
                known[node] = False
                break
            path.append(node)
            node = parents[node]
        value = True if node is None else known[node]
        for passed in path:
            known[passed] = value
    return known


def _standing_in(comments: list[_Raw]) -> dict[str, str | None]:
    """The parents a reply takes instead of the one it names, by the one it names.

    A reply to a skipped comment (a pingback) stands where that comment stood;
    one whose parent is not in the item (spam, never exported) at the top level,
    so it is never filed under a comment of another page.
    """
    parents = _parents(comments)
    skipped = {c.get("comment_id") for c in comments if c.get("comment_type") not in _COMMENT_TYPES}
    stands: dict[str, str | None] = {
        parent: None for parent in parents.values() if parent is not None and parent not in parents
    }
    for source_id in skipped:
        parent = parents[source_id]
        seen = {source_id}
        while parent is not None and parent in skipped and parent not in seen:
            seen.add(parent)
            parent = parents[parent]
        stands[source_id] = None if parent in seen or parent not in parents else parent
    return stands


def _comment(
    raw: _Raw,
    page_id: str,
    offset: timedelta,
    shown: dict[str, bool],
    stands_in: dict[str, str | None],
    post_published: bool,
) -> SourceComment:
    source_id = raw.get("comment_id")
    where = f"line {raw.line}"
    if not source_id:
        raise SourceError(f"{WHAT} has a comment without a <wp:comment_id> at {where}.")
    parent = _parent_of(raw)
    hidden = parent is not None and not shown.get(parent, False)
    if parent is not None:
        parent = stands_in.get(parent, parent)
    status = _STATUSES.get(raw.get("comment_approved"), Status.PENDING)
    if status == Status.PUBLISHED and (hidden or not post_published):
        status = Status.PENDING
    email = raw.get("comment_author_email")
    return SourceComment(
        source_id=source_id,
        page_id=page_id,
        parent_id=parent,
        created=_created(raw, offset, where),
        status=status,
        author_name=html_to_line(raw.fields.get("wp:comment_author", "")),
        author_email=email,
        body=html_to_plain(raw.fields.get("wp:comment_content", "")),
        address=raw.get("comment_author_IP"),
        user_email=email if raw.get("comment_user_id") not in {"", "0"} else "",
        where=where,
    )


def _created(raw: _Raw, offset: timedelta, where: str) -> datetime:
    """The ``_gmt`` time; without one, the site's local time less the site's offset."""
    utc = _time(raw.get("comment_date_gmt"))
    if utc is None:
        local = _time(raw.get("comment_date"))
        if local is None:
            raise SourceError(f"{WHAT} has a comment without a date at {where}.")
        utc = local - offset
    return utc.replace(tzinfo=UTC)
