"""Gathers what the spam rules need for one comment, and asks them.

``rules.judge`` is pure; this module reads the site's spam settings, the
block lists, recent comments with the same text and the filter's counts from
the database, and how the comment was sent (``Sending``) from the caller.
"""

from __future__ import annotations

import functools
import time
from collections.abc import Callable
from dataclasses import dataclass
from datetime import datetime, timedelta

from django.core import signing
from django.utils import timezone

from maoni.moderation import buckets, classifier, learning, ratelimit, rules
from maoni.moderation.models import BlockEntry, SpamSettings
from maoni.pagecache.counters import SPAM
from maoni.pagecache.memos import Memo

# Texts shorter than this (in letters and digits) are never counted as duplicates.
MIN_DUPLICATE_LETTERS = 24
_STAMP_SALT = "maoni.moderation.form-shown"
# A form older than this is stale; its timestamp no longer counts.
_STAMP_MAX_AGE = timedelta(days=1)


@dataclass(frozen=True)
class Sending:
    """How a comment was sent: the client's address, the form's time stamp, the hidden field."""

    address: str = ""
    # The signed timestamp the form was shown with, as sent back.
    form_stamp: str | None = None
    honeypot: str = ""


def form_stamp() -> str:
    """A signed note of when a form is shown, sent back with the comment."""
    return signing.dumps(time.time(), salt=_STAMP_SALT)


def _seconds_since(stamp: str | None) -> tuple[float | None, bool]:
    """How long ago the form was shown, and whether its stamp was good."""
    if stamp is None:
        return None, True
    try:
        shown = float(signing.loads(stamp, salt=_STAMP_SALT, max_age=_STAMP_MAX_AGE))
    except (signing.BadSignature, TypeError, ValueError):
        return None, False
    return max(0.0, time.time() - shown), True


def block_lists() -> rules.BlockLists:
    """The block and allow lists, read once per change to them in this process."""
    return _block_lists().get_or_make("lists", _read_block_lists)


@functools.cache
def _block_lists() -> Memo[str, rules.BlockLists]:
    return Memo(SPAM)


def _read_block_lists() -> rules.BlockLists:
    entries: dict[str, list[str]] = {kind: [] for kind in BlockEntry.Kind.values}
    for kind, value in BlockEntry.objects.values_list("kind", "value"):
        entries[kind].append(value)
    return rules.BlockLists(
        phrases=tuple(entries[BlockEntry.Kind.PHRASE]),
        networks=tuple(entries[BlockEntry.Kind.NETWORK]),
        emails=tuple(entries[BlockEntry.Kind.EMAIL]),
        email_domains=tuple(entries[BlockEntry.Kind.EMAIL_DOMAIN]),
        url_domains=tuple(entries[BlockEntry.Kind.URL_DOMAIN]),
        allowed_emails=tuple(entries[BlockEntry.Kind.ALLOW_EMAIL]),
    )


def thresholds(
    row: SpamSettings, *, filter_may_reject: bool = True, quiet_hold: float | None = None
) -> rules.Thresholds:
    """The checks' limits; a filter not yet allowed to reject holds from its reject score.
    ``quiet_hold``: this site's bar for holding on words alone (learning.quiet_hold),
    used only when the filter holds and may reject, and never below the site's own."""
    hold, reject = row.filter_hold, row.filter_reject
    quiet = None
    if quiet_hold is not None and hold is not None and filter_may_reject:
        quiet = max(quiet_hold, hold)
    if reject is not None and not filter_may_reject:
        hold = reject if hold is None else min(hold, reject)
        reject = None
    return rules.Thresholds(
        min_seconds=float(row.min_seconds),
        max_links=row.max_links,
        content_checks=row.content_checks,
        filter_hold=hold,
        filter_reject=reject,
        filter_quiet_hold=quiet,
    )


def screen(
    *,
    body: str,
    author_name: str,
    author_email: str,
    trusted: bool,
    sending: Sending | None,
    email_verified: bool = False,
    topic: str = "",
    copies: Callable[[str, datetime], int] | None = None,
) -> rules.Verdict:
    """Judges a comment about to be posted (or an edited text); ``sending`` is None for
    imports. ``email_verified``: its owner proved ``author_email`` (see rules.Candidate);
    ``topic``: the words of the page it is posted under; ``copies``: how many comments
    with a fingerprint were posted since a moment (the comment service knows; None:
    copies are not counted)."""
    row = SpamSettings.load()
    seconds, stamp_valid = _seconds_since(sending.form_stamp if sending else None)
    duplicates = 0
    # Short texts ("Asante sana", "True.") are said by many readers in good faith.
    long_enough = len(rules.letters_of(body)) >= MIN_DUPLICATE_LETTERS
    if copies is not None and row.duplicate_minutes and long_enough:
        since = timezone.now() - timedelta(minutes=row.duplicate_minutes)
        duplicates = copies(rules.fingerprint(body), since)
    # Until this site's moderators have taught it, the filter's opinion is
    # too weak to hold anyone on: it is not asked.
    decided = learning.decisions_learnt()
    scored = (
        learning.filter_score(body=body, author_name=author_name)
        if decided >= learning.DECISIONS_BEFORE_HOLDING and not trusted
        else None
    )
    candidate = rules.Candidate(
        body=body,
        author_name=author_name,
        author_email=author_email,
        address=sending.address if sending else "",
        seconds_to_post=seconds,
        form_stamp_valid=stamp_valid,
        honeypot=sending.honeypot if sending and row.honeypot else "",
        duplicates=duplicates,
        trusted=trusted,
        email_verified=email_verified,
        topic=topic,
        filter_score=scored.probability if scored is not None else None,
        filter_reasons=classifier.explain(scored) if scored is not None else "",
    )
    # Until moderators have taught it more of this site's readers, what it
    # would reject waits for a moderator.
    may_reject = decided >= learning.DECISIONS_BEFORE_REJECTING
    limits = thresholds(row, filter_may_reject=may_reject, quiet_hold=learning.quiet_hold())
    return rules.judge(candidate, block_lists(), limits)


def rate_check(keys: list[tuple[str, ratelimit.Limit]]) -> int:
    """Takes a token from each key's bucket; returns 0, or seconds to wait if any is empty.

    Nothing is taken when a request is refused, so a flood costs reads only.
    """
    return buckets.take(keys)


def client_limit(client_key: str) -> list[tuple[str, ratelimit.Limit]]:
    if not client_key:
        return []
    row = SpamSettings.load()
    return [(f"client:{client_key}", ratelimit.Limit(row.client_per_hour, row.client_burst))]


def comment_limits(*, email: str, thread: int | str) -> list[tuple[str, ratelimit.Limit]]:
    """The limits a comment counts against: its thread's (by id, or by key for a page
    whose thread its first comment will make) and its e-mail address's."""
    row = SpamSettings.load()
    limits = [(f"thread:{thread}", ratelimit.Limit(row.thread_per_hour, row.thread_burst))]
    if email:
        limits.append(
            (f"email:{email.strip().lower()}", ratelimit.Limit(row.email_per_hour, row.email_burst))
        )
    return limits
