"""A throwaway Maoni site for bench/spam.py: comments go in through its real door.

``start`` configures Django against an SQLite file in a temporary folder,
migrates it once and runs ``train_filter`` as ``make run`` does; ``fresh_site``
puts a copy of that database in place, so each run starts from a site with
default spam settings, no block lists and no moderators' decisions.
"""

from __future__ import annotations

import io
import os
import random
import shutil
import time
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from pathlib import Path

from bench.spam_sets import Item, Page

# The salt the comment form signs its timestamp with (maoni.moderation.screening).
STAMP_SALT = "maoni.moderation.form-shown"
# A reader takes this long, in seconds, between opening the form and sending it.
SECONDS_TO_WRITE = (8, 120)

HELD, PUBLISHED, REJECTED = "held", "published", "rejected"


@dataclass(frozen=True)
class Judged:
    item: Item
    outcome: str
    reasons: tuple[str, ...]


def start(folder: Path) -> None:
    """Makes the site's database once, in ``folder``; call before anything else here."""
    os.environ.update(
        {
            "DJANGO_SETTINGS_MODULE": "maoni.settings",
            "MAONI_VAR_DIR": str(folder),
            "MAONI_SQLITE_PATH": str(folder / "site.sqlite3"),
            "SECRET_KEY": "bench-spam-" + "k" * 40,
            "MAONI_LOG_LEVEL": "ERROR",
        }
    )
    for name in ("DATABASE_URL", "DATABASE_REPLICA_URLS", "REDIS_URL", "MAONI_PAGE_COUNTERS"):
        os.environ.pop(name, None)
    import django

    django.setup()
    from django.core.management import call_command

    call_command("migrate", "--noinput", verbosity=0)
    call_command("train_filter", "--if-empty", stdout=io.StringIO())
    _close()
    shutil.copyfile(folder / "site.sqlite3", folder / "fresh.sqlite3")


def _close() -> None:
    from django.db import connections

    connections.close_all()


def fresh_site(folder: Path) -> None:
    """Puts a new site in place: migrated, nothing learnt, posted or decided."""
    from maoni.pagecache.memos import forget_all

    _close()
    for suffix in ("", "-wal", "-shm"):
        (folder / f"site.sqlite3{suffix}").unlink(missing_ok=True)
    shutil.copyfile(folder / "fresh.sqlite3", folder / "site.sqlite3")
    # Values kept in this process belong to the site just thrown away.
    forget_all()


class Site:
    """The articles of one set, and posting to them as readers do."""

    def __init__(self, pages: dict[str, Page], *, seed: int, prefix: str = "a") -> None:
        from maoni.articles.models import Article

        self.rng = random.Random(seed)
        self.articles = {}
        for number, (key, page) in enumerate(sorted(pages.items())):
            self.articles[key] = Article.objects.create(
                title=page.title[:200] or key,
                slug=f"{prefix}{number}",
                body=page.body,
                status=Article.Status.PUBLISHED,
            )

    def _stamp(self) -> str:
        from django.core import signing

        shown = time.time() - self.rng.uniform(*SECONDS_TO_WRITE)
        return signing.dumps(shown, salt=STAMP_SALT)

    def post(self, item: Item) -> tuple[Judged, int | None]:
        """Posts one comment as the form does; returns how it was judged, and its id if stored."""
        from maoni.comments.services import CommentRejected, comment_judge, comment_post
        from maoni.moderation import screening

        article = self.articles[item.article]
        sending = screening.Sending(address="", form_stamp=self._stamp())
        try:
            comment = comment_post(
                thread=article.thread,
                body=item.body,
                author_name=item.author_name,
                author_email=item.author_email,
                sending=sending,
                question_id=None,
                topic=article.topic,
            )
        except CommentRejected as rejected:
            if rejected.field is not None:
                raise RuntimeError(f"{item.id}: the form would refuse it: {rejected}") from None
            # A rejection stores nothing and says only a sentence to the reader;
            # the same question asked again, of the same site, gives its reasons.
            judged = comment_judge(
                thread=article.thread,
                body=item.body,
                author_name=item.author_name,
                author_email=item.author_email,
                user=None,
                sending=sending,
                topic=article.topic,
            )
            return Judged(item, REJECTED, tuple(judged.verdict.reasons)), None
        outcome = PUBLISHED if comment.status == comment.Status.PUBLISHED else HELD
        return Judged(item, outcome, tuple(comment.reasons)), comment.pk

    def judge(self, items: Iterable[Item]) -> list[Judged]:
        return [self.post(item)[0] for item in items]


def lessons_given() -> int:
    """Moderators' decisions the filter has learnt from (the Training table)."""
    from maoni.moderation.learning import decisions_learnt

    return decisions_learnt()


def lessons_by_label() -> tuple[int, int, int]:
    """The moderators' spam and ham lessons, and the ham lessons of comments that stood."""
    from maoni.moderation.models import Training

    decided = Training.objects.filter(source=Training.Source.MODERATOR)
    spam = decided.filter(label=Training.Label.SPAM).count()
    stood = Training.objects.filter(source=Training.Source.STOOD).count()
    return spam, decided.count() - spam, stood


def quiet_hold_line() -> str:
    """What the filter holds on words alone, as the daily job last found it."""
    from maoni.moderation.learning import quiet_hold

    bar = quiet_hold()
    if bar is None:
        return "the filter holds nothing on words alone"
    return f"the filter holds on words alone from {bar:.4f}"


def decide(judged: Judged, comment_id: int | None) -> None:
    """What a moderator does with a comment of the site's traffic.

    Held ham is published, held or published spam is marked spam: each a lesson
    for the filter. Published ham is left alone (no lesson), and a rejected
    comment was never stored.
    """
    from maoni.comments.services import comments_moderate
    from maoni.moderation.models import AuditEntry

    if comment_id is None:
        return
    if judged.item.spam:
        action = AuditEntry.Action.SPAM
    elif judged.outcome == HELD:
        action = AuditEntry.Action.PUBLISH
    else:
        return
    comments_moderate(comment_ids=[comment_id], action=action, actor=None)


def teach(site: Site, traffic: Sequence[Item], decisions: int) -> tuple[int, int]:
    """Posts the traffic in order, moderators deciding each, until ``decisions`` lessons.

    Then the published comments no moderator removed stand, as the daily
    ``learn_from_published`` job would find them, and teach "not spam".
    Returns the lessons given and the comments posted; fewer lessons than asked
    means the traffic ran out first.
    """
    from django.utils import timezone

    from maoni.comments.standing import STOOD_FOR, filter_refresh

    posted = 0
    for item in traffic:
        if lessons_given() >= decisions:
            break
        judged, comment_id = site.post(item)
        decide(judged, comment_id)
        posted += 1
    if decisions:
        filter_refresh(now=timezone.now() + STOOD_FOR * 2)
    return lessons_given(), posted
