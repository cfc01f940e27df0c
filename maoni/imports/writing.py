"""Storing what a reader read: pages as threads (or articles), comments through the service.

An import reads its source twice. The first pass checks it whole and
counts it, writing nothing (all a ``--dry-run`` does): a malformed source
is refused before anything is stored. The second stores it in batches, each
in one transaction, every comment through ``comment_post`` like any other
door. Each stored comment remembers its source and its id there, so running
the same import again, or again after it was killed half-way, adds only
what is missing. A reply whose parent comes later in the source waits for
it; one whose parent is not in the source at all is stored at the top level.
"""

from __future__ import annotations

import re
from collections import Counter
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from urllib.parse import urlsplit

from django.contrib.auth import get_user_model
from django.db.models import QuerySet
from django.utils import timezone
from django.utils.text import slugify

from maoni.articles.models import Article
from maoni.comments import services
from maoni.comments.models import Comment, Site, Thread
from maoni.comments.sites import page_thread_key
from maoni.imports.records import Reader, SourceComment, SourcePage, Status
from maoni.moderation.client_keys import client_key_on

BATCH = 500
PENDING_REASON = "imported: pending at the source"
HIDDEN_PAGE_REASON = "imported: its page was not public at the source"
_STATUSES = {
    Status.PUBLISHED: Comment.Status.PUBLISHED,
    Status.PENDING: Comment.Status.PENDING,
    Status.SPAM: Comment.Status.SPAM,
    Status.DELETED: Comment.Status.DELETED,
}
Progress = Callable[[int], None]


@dataclass
class Summary:
    """What an import found, and what it stored."""

    pages: int = 0
    comments: Counter[str] = field(default_factory=Counter)
    users_matched: int = 0
    stored: int = 0
    already_there: int = 0
    # Replies whose parent the source does not hold, stored at the top level.
    orphans: int = 0

    @property
    def total(self) -> int:
        return sum(self.comments.values())


@dataclass(frozen=True)
class Destination:
    """Where the pages go: a registered site's threads, or new Maoni articles."""

    site: Site | None = None
    as_articles: bool = False


def check(reader: Reader) -> Summary:
    """Reads the whole source and counts it; raises SourceError where it is malformed."""
    summary = Summary()
    emails: set[str] = set()
    for record in reader.records():
        if isinstance(record, SourcePage):
            summary.pages += 1
        else:
            summary.comments[record.status.value] += 1
            if record.user_email:
                emails.add(record.user_email.lower())
    summary.users_matched = len(_users_by_email(emails))
    return summary


def store(
    reader: Reader, *, source: str, to: Destination, progress: Progress | None = None
) -> Summary:
    """Stores the source's pages and comments that are not stored yet (see the module)."""
    writer = _Writer(source=source, to=to, progress=progress or (lambda _done: None))
    batch: list[SourceComment] = []
    for record in reader.records():
        if isinstance(record, SourcePage):
            writer.page(record)
        else:
            batch.append(record)
            if len(batch) >= BATCH:
                writer.flush(batch)
                batch = []
    writer.flush(batch)
    writer.orphans()
    return writer.summary


class _Writer:
    def __init__(self, *, source: str, to: Destination, progress: Progress) -> None:
        self.source = source
        self.to = to
        self.progress = progress
        self.summary = Summary()
        self.threads: dict[str, Thread] = {}
        # Pages the source did not show: none of their comments is public here.
        self.hidden: set[str] = set()
        # Addresses of registered users whose comments were matched to accounts here.
        self.matched: set[str] = set()
        # Replies waiting for their parent, by the parent's source id.
        self.waiting: dict[str, list[SourceComment]] = {}
        self.done = 0

    def page(self, page: SourcePage) -> None:
        self.summary.pages += 1
        if not page.public:
            self.hidden.add(page.source_id)
        self.threads[page.source_id] = (
            _article_thread(page) if self.to.as_articles else _site_thread(page, self.to.site)
        )

    def flush(self, batch: list[SourceComment]) -> None:
        """Stores a batch (and the replies it lets through) in one transaction."""
        if not batch:
            return
        known = _stored_ids(self.source, [comment.source_id for comment in batch])
        users = _users_by_email({c.user_email.lower() for c in batch if c.user_email})
        plan = _Plan(known=known, users=users)
        for comment in batch:
            self.summary.comments[comment.status.value] += 1
            if comment.source_id in known:
                self.summary.already_there += 1
                self.done += 1
                self._release(comment.source_id, plan)
            elif comment.parent_id is None or self._has(comment.parent_id, plan):
                self._add(comment, plan)
            else:
                self.waiting.setdefault(comment.parent_id, []).append(comment)
        self._commit(plan)

    def _has(self, source_id: str, plan: _Plan) -> bool:
        """Whether the comment is stored or planned (learnt when an earlier run stored it)."""
        if source_id not in plan.known and source_id not in plan.index:
            plan.known.update(_stored_ids(self.source, [source_id]))
        return source_id in plan.known or source_id in plan.index

    def _add(self, comment: SourceComment, plan: _Plan, *, orphan: bool = False) -> None:
        thread = self.threads.get(comment.page_id)
        if thread is None:
            raise services.CommentRejected(
                f"Comment {comment.source_id} ({comment.where}) is under a page the source "
                "does not describe."
            )
        parent = None if orphan or comment.parent_id is None else plan.parent(comment.parent_id)
        if parent is not None and plan.thread_of(parent) != thread:
            parent = None  # filed under a comment of another page: it stands alone
        if orphan or (comment.parent_id is not None and parent is None):
            self.summary.orphans += 1
        status, reasons = self._status(comment)
        user = plan.users.get(comment.user_email.lower()) if comment.user_email else None
        if user is not None:
            self.matched.add(comment.user_email.lower())
            self.summary.users_matched = len(self.matched)
        plan.add(
            comment.source_id,
            services.Written(
                thread=thread, parent=parent, user=user,  # type: ignore[arg-type]
                author_name=comment.author_name.strip()[: Comment.NAME_MAX_LENGTH],
                author_email=_kept_email(comment.author_email), body=comment.body,
                client_key=client_key_on(comment.address, comment.created.date()),
                created=comment.created, status=status, reasons=tuple(reasons),
                source=(self.source, comment.source_id),
            ),
        )  # fmt: skip
        self._release(comment.source_id, plan)

    def _release(self, source_id: str, plan: _Plan) -> None:
        """Plans the replies that waited for this comment."""
        for reply in self.waiting.pop(source_id, []):
            self._add(reply, plan)

    def _commit(self, plan: _Plan) -> None:
        stored = services.comments_import(plan.items) if plan.items else []
        self.summary.stored += len(stored)
        self.done += len(stored)
        self.progress(self.done)

    def _status(self, comment: SourceComment) -> tuple[Comment.Status, list[str]]:
        """Its status here: never public where it was not public there, or has no text."""
        status = _STATUSES[comment.status]
        if status == Comment.Status.PENDING:
            return status, [PENDING_REASON]
        if status == Comment.Status.PUBLISHED and comment.page_id in self.hidden:
            return Comment.Status.PENDING, [HIDDEN_PAGE_REASON]
        if status != Comment.Status.DELETED and not comment.body.strip():
            # Nothing to show: kept as deleted, for the replies it may have.
            return Comment.Status.DELETED, []
        return status, []

    def orphans(self) -> None:
        """Replies whose parent never came: stored at the top level, as their page shows them."""
        leftover = [reply for replies in self.waiting.values() for reply in replies]
        self.waiting = {}
        plan = _Plan(known={}, users={})
        for reply in leftover:
            self._add(reply, plan, orphan=True)
        self._commit(plan)


class _Plan:
    """One batch's comments, in an order where each parent comes before its replies."""

    def __init__(self, *, known: dict[str, int], users: dict[str, object]) -> None:
        self.known = known
        self.users = users
        self.items: list[services.Written] = []
        self.index: dict[str, int] = {}
        self._stored: dict[int, Comment] = {}

    def add(self, source_id: str, item: services.Written) -> None:
        self.index[source_id] = len(self.items)
        self.items.append(item)

    def parent(self, source_id: str) -> Comment | int | None:
        """A planned parent's position, or the stored parent."""
        if source_id in self.index:
            return self.index[source_id]
        pk = self.known.get(source_id)
        if pk is None:
            return None
        if pk not in self._stored:
            self._stored[pk] = Comment.objects.select_related("thread").get(pk=pk)
        return self._stored[pk]

    def thread_of(self, parent: Comment | int) -> Thread:
        return self.items[parent].thread if isinstance(parent, int) else parent.thread


def _stored_ids(source: str, source_ids: Iterable[str]) -> dict[str, int]:
    return dict(_stored_queryset(source, source_ids).values_list("source_id", "pk"))


def _stored_queryset(source: str, source_ids: Iterable[str]) -> QuerySet[Comment]:
    # The index of stored sources is partial (source not ''): SQLite uses it only
    # when the query says so too, and otherwise reads the whole table, batch after batch.
    rows = Comment.objects.filter(source=source, source_id__in=list(source_ids))
    return rows.exclude(source="")


def _users_by_email(emails: set[str]) -> dict[str, object]:
    if not emails:
        return {}
    found: dict[str, object] = {}
    for user in get_user_model().objects.filter(email__iregex=_any_of(emails)):
        found[user.email.lower()] = user
    return found


def _any_of(emails: set[str]) -> str:
    return "^(" + "|".join(re.escape(email) for email in sorted(emails)) + ")$"


def _kept_email(address: str) -> str:
    address = address.strip()
    return address if len(address) <= Comment.EMAIL_MAX_LENGTH else ""


def page_id_of(url: str) -> str:
    """A page's id in its site: the path of its address, with its query when it has one."""
    parts = urlsplit(url.strip())
    path = parts.path or "/"
    return f"{path}?{parts.query}" if parts.query else path


def _site_thread(page: SourcePage, site: Site | None) -> Thread:
    assert site is not None
    page_id = page_id_of(page.url)[:150]
    key = page_thread_key(site.pk, page_id)
    url = page.url if page.url.startswith(("http://", "https://")) else ""
    thread, _made = Thread.objects.get_or_create(
        key=key,
        defaults={
            "site": site,
            "title": page.title[:300],
            "url": url[:1000],
            # Closing after a number of days counts from here: the page's date where
            # the source gives one, else the import.
            "opened": page.published or timezone.now(),
        },
    )
    return thread


def _article_thread(page: SourcePage) -> Thread:
    slug = (page.slug or slugify(page.title) or f"imported-{page.source_id}")[:200]
    article = Article.objects.filter(slug=slug).select_related("thread").first()
    if article is None:
        fields: dict[str, object] = {
            "title": page.title[:200] or slug,
            "slug": slug,
            "body": page.body or page.title,
            "status": Article.Status.PUBLISHED if page.public else Article.Status.DRAFT,
        }
        if page.published is not None:
            fields["published_at"] = page.published
        article = Article.objects.create(**fields)
    return article.thread
