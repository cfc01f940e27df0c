"""Readers' reports: filed, counted, a comment held at a threshold, decided with it.

``report_file`` stores a reader's report, once per reader and comment. When
``CommentSettings.reports_to_hold`` different readers have reported a
published comment, it is held for a moderator through the comment service
(unpublished by Maoni, in the audit log). A notice of illegal content whose
sender left an address is acknowledged by mail.

A moderator's decision on the comment decides its open reports: publishing
it keeps it, marking it as spam or deleting it removes it
(``reports_decided``, told by ``comments.events``); ``reports_keep`` keeps
a published comment without changing it. The senders of notices get the
decision with the moderator's note as the statement of reasons, and the
author of a removed comment is told why where their address is proved.
Who reported is never shown to the author or the public.
"""

from __future__ import annotations

import enum
import logging
from collections.abc import Iterable
from datetime import datetime
from typing import TYPE_CHECKING

from django.conf import settings
from django.contrib.auth import get_user_model
from django.core.mail import EmailMessage
from django.db import IntegrityError, transaction
from django.db.models import Count
from django.template.loader import render_to_string
from django.utils import timezone, translation
from django.utils.text import Truncator
from django.utils.translation import gettext, gettext_noop

from maoni.comments import confirmations, services
from maoni.comments.models import Comment, CommentSettings
from maoni.moderation.models import AuditEntry
from maoni.reports.models import Report

if TYPE_CHECKING:
    from django.contrib.auth.models import User

logger = logging.getLogger(__name__)

Decision = Report.Decision
# What a moderator's action on a reported comment decides (others decide nothing).
DECISIONS = {
    AuditEntry.Action.PUBLISH: Decision.KEPT,
    AuditEntry.Action.SPAM: Decision.REMOVED,
    AuditEntry.Action.DELETE: Decision.REMOVED,
}
# Stored in English as the decision's note; the mail about it translates it.
DELETED_BY_AUTHOR = gettext_noop("Its author deleted it.")


class Filed(enum.Enum):
    STORED = "stored"
    # This reader reported this comment before: nothing stored.
    ALREADY = "already"


def report_file(
    *,
    comment: Comment,
    reason: str,
    reporter_key: str,
    legal_ground: str = "",
    explanation: str = "",
    details: str = "",
    reporter_name: str = "",
    reporter_email: str = "",
    now: datetime | None = None,
) -> Filed:
    """Stores a reader's report of a public comment; holds it at the threshold."""
    now = now or timezone.now()
    try:
        with transaction.atomic():
            report = Report.objects.create(
                comment=comment, comment_ref=comment.pk, reason=reason,
                legal_ground=legal_ground.strip(), explanation=explanation.strip(),
                details=details.strip(), reporter_name=reporter_name.strip(),
                reporter_email=reporter_email.strip(), reporter_key=reporter_key, created=now,
                language=_reader_language(),
            )  # fmt: skip
    except IntegrityError:
        return Filed.ALREADY
    _hold_when_reported_enough(comment)
    if report.reason == Report.Reason.ILLEGAL and report.reporter_email:
        _mail(report.reporter_email, _notice_mail(report, comment, "reports/email/received.txt"))
    return Filed.STORED


def _reader_language() -> str:
    """The language the reader is being answered in, kept for the mail sent to them later."""
    return (translation.get_language() or "")[: Report._meta.get_field("language").max_length]


def _hold_when_reported_enough(comment: Comment) -> None:
    wanted = CommentSettings.load().reports_to_hold
    if wanted == 0:
        return
    readers = (
        Report.objects.filter(comment=comment, decision=Decision.OPEN)
        .values("reporter_key")
        .distinct()
        .count()
    )
    if readers >= wanted:
        # Only a published comment is unpublished: a held one waits already.
        services.comments_moderate(
            comment_ids=[comment.pk],
            action=AuditEntry.Action.UNPUBLISH,
            actor=None,
            note=f"Held for review: reported by {readers} readers.",
        )


def reports_keep(*, comment: Comment, actor: User, note: str = "") -> int:
    """Keeps a reported comment as it is: its open reports are decided; returns how many."""
    with transaction.atomic():
        decided = _decide(comment.pk, Decision.KEPT, actor, note)
        if decided:
            AuditEntry.objects.create(
                created=timezone.now(), actor=actor, action=AuditEntry.Action.REPORTS_KEPT,
                comment=comment, comment_ref=comment.pk, thread_id=comment.thread_id,
                from_status=comment.status, to_status=comment.status, note=note,
            )  # fmt: skip
    if decided:
        _tell(comment.pk, decided, Decision.KEPT, note)
    return len(decided)


def reports_decided(
    *, comment_ids: Iterable[int], action: str, actor_id: int | None, by_author: bool, note: str
) -> None:
    """What a change of the comments' status decides of their open reports (see the module)."""
    if by_author:
        decision, note = Decision.REMOVED, DELETED_BY_AUTHOR
    elif actor_id is None or action not in DECISIONS:
        return  # held by Maoni, or not a decision
    else:
        decision = DECISIONS[AuditEntry.Action(action)]
    actor = get_user_model().objects.filter(pk=actor_id).first() if actor_id else None
    for comment_id in comment_ids:
        decided = _decide(comment_id, decision, actor, note)
        if decided:
            _tell(comment_id, decided, decision, note, author=not by_author)


def _decide(comment_id: int, decision: str, actor: User | None, note: str) -> list[int]:
    """Decides the comment's open reports; returns their ids."""
    with transaction.atomic():
        open_reports = Report.objects.select_for_update().filter(
            comment_ref=comment_id, decision=Decision.OPEN
        )
        ids = list(open_reports.values_list("pk", flat=True))
        Report.objects.filter(pk__in=ids).update(
            decision=decision, decided=timezone.now(), decided_by=actor, decision_note=note
        )
    return ids


def _tell(
    comment_id: int, report_ids: list[int], decision: str, note: str, *, author: bool = True
) -> None:
    """Mails the decision to the notices' senders and, on removal, the proved author."""
    comment = Comment.objects.select_related("thread").filter(pk=comment_id).first()
    if comment is None:
        return
    notices = Report.objects.filter(pk__in=report_ids, reason=Report.Reason.ILLEGAL).exclude(
        reporter_email=""
    )
    for report in notices:
        _mail(report.reporter_email, _notice_mail(report, comment, "reports/email/decided.txt"))
    if author and decision == Decision.REMOVED and confirmations.address_proved(comment=comment):
        _mail(comment.author_email, _removal_mail(comment, note))


def _page_title(comment: Comment) -> str:
    article = getattr(comment.thread, "article", None)
    return article.title if article is not None else comment.thread.title


def _context(comment: Comment) -> dict[str, object]:
    return {
        "site_name": settings.MAONI_SITE_NAME,
        "title": _page_title(comment),
        "excerpt": Truncator(" ".join(comment.body.split())).chars(300),
        "comment_id": comment.pk,
    }


def _note(note: str) -> str:
    """A decision's note as the mail gives it: Maoni's own note in the mail's language."""
    return gettext(DELETED_BY_AUTHOR) if note == DELETED_BY_AUTHOR else note


def _notice_mail(report: Report, comment: Comment, template: str) -> tuple[str, str]:
    """The receipt or the decision for a notice's sender, in the language they reported in."""
    with translation.override(report.language or settings.LANGUAGE_CODE):
        context = {
            **_context(comment),
            "name": report.reporter_name,
            "reason": report.get_reason_display(),
            "legal_ground": report.legal_ground,
            "received": report.created,
            "decision": report.decision,
            "decided": report.decided,
            "note": _note(report.decision_note),
        }
        subject = gettext("Your notice about a comment on %(site)s") % {
            "site": settings.MAONI_SITE_NAME
        }
        return subject, render_to_string(template, context)


def _removal_mail(comment: Comment, note: str) -> tuple[str, str]:
    """The removal notice for a comment's author, in the site's language.

    A comment does not record the language its author wrote in.
    """
    with translation.override(settings.LANGUAGE_CODE):
        reasons = sorted(
            {
                str(report.get_reason_display())
                for report in Report.objects.filter(comment_ref=comment.pk)
            }
        )
        context = {
            **_context(comment),
            "name": comment.author_name,
            "note": _note(note),
            "reasons": reasons,
        }
        subject = gettext("Your comment on %(site)s was removed") % {
            "site": settings.MAONI_SITE_NAME
        }
        return subject, render_to_string("reports/email/removed.txt", context)


def _mail(address: str, message: tuple[str, str]) -> None:
    """Sends after the commit; a mail server that is down is logged, never raised."""
    subject, body = message
    mail = EmailMessage(subject, body, to=[address])
    transaction.on_commit(lambda: _send(mail))


def _send(mail: EmailMessage) -> None:
    try:
        mail.send()
    except Exception:
        logger.exception("A report's mail could not be sent")


def open_reasons(comment_ids: Iterable[int]) -> dict[int, list[tuple[str, int]]]:
    """For each comment, its open reports' reasons (as moderators read them) and counts."""
    found: dict[int, list[tuple[str, int]]] = {}
    rows = (
        Report.objects.filter(comment_ref__in=list(comment_ids), decision=Decision.OPEN)
        .values("comment_ref", "reason")
        .annotate(count=Count("id"))
        .order_by("comment_ref", "-count", "reason")
    )
    for row in rows:
        label = str(Report.Reason(row["reason"]).label)
        found.setdefault(row["comment_ref"], []).append((label, row["count"]))
    return found


def reports_forget_reporter(*, address: str) -> int:
    """The reports sent from ``address`` keep no name or address; returns how many."""
    return Report.objects.filter(reporter_email__iexact=address.strip()).update(
        reporter_email="", reporter_name=""
    )
