"""The editors' figures for the last 24 hours, 7 or 30 days: what came in and what was done.

Each figure is one grouped query over an indexed column; none reads every
comment. Kept apart from the page that shows them (``desk.stats_views``).
"""

from __future__ import annotations

import statistics
from collections import Counter
from dataclasses import dataclass, field
from datetime import datetime, timedelta

from django.db.models import Count, F
from django.db.models.functions import TruncDay, TruncHour
from django.utils import timezone

from maoni.comments.models import Comment, Thread
from maoni.moderation.checks import check_of
from maoni.moderation.models import AuditEntry, Rejection
from maoni.reports.models import Report

PERIODS = {"24h": timedelta(hours=24), "7d": timedelta(days=7), "30d": timedelta(days=30)}
KINDS = ("published", "held", "spam", "deleted", "rejected")
# Decisions and held reasons read at most this many rows: a median needs no more.
SAMPLE = 20_000
DECISIONS = (AuditEntry.Action.PUBLISH, AuditEntry.Action.SPAM, AuditEntry.Action.DELETE)


@dataclass
class Bucket:
    """One hour or day: how many comments came in and where they stand now."""

    start: datetime
    counts: dict[str, int] = field(default_factory=lambda: dict.fromkeys(KINDS, 0))

    @property
    def total(self) -> int:
        return sum(self.counts.values())


@dataclass
class Figures:
    period: str
    since: datetime
    buckets: list[Bucket]
    queue_size: int
    oldest_waiting: datetime | None
    median_wait: timedelta | None
    median_decision: timedelta | None
    decisions: int
    busiest: list[tuple[str, str, int]]
    reports: list[tuple[str, str, int]]
    caught: list[tuple[str, int, int]]


def figures(period: str, now: datetime | None = None) -> Figures:
    """Everything the dashboard shows for ``period`` ("24h", "7d" or "30d")."""
    now = now or timezone.now()
    since = now - PERIODS[period]
    waiting = Comment.objects.filter(status=Comment.Status.PENDING)
    size = waiting.count()
    oldest = waiting.order_by("created").values_list("created", flat=True).first()
    middle = waiting.order_by("created").values_list("created", flat=True)[size // 2 :][:1]
    median_decision, decisions = _decisions(since)
    return Figures(
        period=period,
        since=since,
        buckets=_buckets(period, since, now),
        queue_size=size,
        oldest_waiting=oldest,
        median_wait=now - middle[0] if size else None,
        median_decision=median_decision,
        decisions=decisions,
        busiest=_busiest(since),
        reports=_reports(since),
        caught=_caught(since),
    )


def _buckets(period: str, since: datetime, now: datetime) -> list[Bucket]:
    hourly = period == "24h"
    step = timedelta(hours=1) if hourly else timedelta(days=1)
    zone = timezone.get_current_timezone()
    first = since.astimezone(zone).replace(minute=0, second=0, microsecond=0)
    if not hourly:
        first = first.replace(hour=0)
    buckets: dict[datetime, Bucket] = {}
    moment = first
    while moment <= now:
        buckets[moment] = Bucket(moment)
        moment = (moment + step).astimezone(zone)
    trunc = TruncHour if hourly else TruncDay
    rows = (
        Comment.objects.filter(created__gte=since)
        .annotate(bucket=trunc("created", tzinfo=zone))
        .values("bucket", "status")
        .annotate(count=Count("id"))
    )
    shown = {"published": "published", "pending": "held", "spam": "spam", "deleted": "deleted"}
    for row in rows:
        bucket = buckets.get(row["bucket"])
        if bucket is not None:
            bucket.counts[shown[row["status"]]] += row["count"]
    if not hourly:
        for day, count in Rejection.objects.filter(day__gte=first.date()).values_list(
            "day", "count"
        ):
            start = datetime(day.year, day.month, day.day, tzinfo=zone)
            if start in buckets:
                buckets[start].counts["rejected"] += count
    return list(buckets.values())


def _decisions(since: datetime) -> tuple[timedelta | None, int]:
    """The median time from a held comment's posting to a moderator's decision on it."""
    entries = AuditEntry.objects.filter(
        created__gte=since,
        action__in=DECISIONS,
        from_status=Comment.Status.PENDING,
        actor__isnull=False,
        comment__isnull=False,
    ).annotate(posted=F("comment__created"))
    waits = [
        (decided - posted).total_seconds()
        for decided, posted in entries.values_list("created", "posted")[:SAMPLE]
    ]
    if not waits:
        return None, 0
    return timedelta(seconds=statistics.median(waits)), len(waits)


def _busiest(since: datetime) -> list[tuple[str, str, int]]:
    """The ten threads that got the most comments: (title, address, comments)."""
    rows = (
        Comment.objects.filter(created__gte=since)
        .values("thread")
        .annotate(count=Count("id"))
        .order_by("-count", "thread")[:10]
    )
    counts = {row["thread"]: row["count"] for row in rows}
    threads = Thread.objects.filter(pk__in=counts).select_related("article")
    found = []
    for thread in threads:
        article = getattr(thread, "article", None)
        title = article.title if article is not None else thread.title or thread.key
        url = article.get_absolute_url() if article is not None else thread.url
        found.append((title, url, counts[thread.pk]))
    return sorted(found, key=lambda row: (-row[2], row[0]))


def _reports(since: datetime) -> list[tuple[str, str, int]]:
    """Reports sent in the period, by reason and by what was decided."""
    rows = (
        Report.objects.filter(created__gte=since)
        .values("reason", "decision")
        .annotate(count=Count("id"))
        .order_by("reason", "decision")
    )
    return [
        (
            str(Report.Reason(row["reason"]).label),
            str(Report.Decision(row["decision"]).label),
            row["count"],
        )
        for row in rows
    ]


def _caught(since: datetime) -> list[tuple[str, int, int]]:
    """Each check: comments it held (posted in the period) and comments it rejected."""
    held: Counter[str] = Counter()
    rows = Comment.objects.filter(created__gte=since).exclude(reasons=[])
    for reasons in rows.values_list("reasons", flat=True)[:SAMPLE]:
        held.update({check_of(str(reason)) for reason in reasons})
    rejected: Counter[str] = Counter()
    for check, count in Rejection.objects.filter(day__gte=since.date()).values_list(
        "caught_by", "count"
    ):
        rejected[check] += count
    checks = sorted(
        set(held) | set(rejected), key=lambda name: (-held[name] - rejected[name], name)
    )
    return [(check, held[check], rejected[check]) for check in checks]
