"""Sanctions on authors: suspended for days, always pre-moderated, or banned.

A moderator sanctions an account, an address its owner proved, or a client
(the keyed hash of a network, for anonymous authors), always with a reason,
and for a suspension an end. Each is written to the audit log, and can be
lifted. ``standing`` is what the comment service asks before it stores a new
comment: refused (with the sentence the author reads: until when, and why),
held (with the reason moderators read), or neither.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from datetime import UTC, datetime, time, timedelta
from typing import TYPE_CHECKING, Any

from django.db import transaction
from django.db.models import Q, QuerySet
from django.utils import formats, timezone
from django.utils.translation import gettext as _

from maoni.moderation import client_keys
from maoni.moderation.models import AuditEntry, Sanction

if TYPE_CHECKING:
    from django.contrib.auth.models import User

Kind = Sanction.Kind


@dataclass(frozen=True)
class Standing:
    """What sanctions in force say of a new comment: refused, held, or neither (None)."""

    refused: str | None = None
    held: str | None = None


def in_force(now: datetime | None = None) -> QuerySet[Sanction]:
    now = now or timezone.now()
    return Sanction.objects.filter(lifted__isnull=True).filter(
        Q(ends__isnull=True) | Q(ends__gt=now)
    )


def _matching(user_id: int | None, email: str, client_key: str) -> Q:
    match = Q(pk__in=[])
    if user_id is not None:
        match |= Q(user_id=user_id)
    if email.strip():
        match |= Q(email=email.strip().lower())
    if client_key:
        match |= Q(client_key=client_key)
    return match


def standing(
    *, user_id: int | None, email: str, client_key: str, now: datetime | None = None
) -> Standing:
    """The sanctions in force on whoever writes as this account, address or client."""
    found = list(in_force(now).filter(_matching(user_id, email, client_key)))
    for kind in (Kind.BAN, Kind.SUSPEND):
        for sanction in found:
            if sanction.kind == kind:
                return Standing(refused=refusal(sanction))
    if found:
        return Standing(held="sanction: every comment of this author is approved first")
    return Standing()


def refusal(sanction: Sanction) -> str:
    """The sentence a sanctioned author reads in place of their comment being posted."""
    if sanction.kind == Kind.SUSPEND and sanction.ends is not None:
        until = formats.date_format(timezone.localtime(sanction.ends), "j F Y, H:i")
        return _(
            "You may not comment until %(until)s: a moderator suspended you. Their reason: "
            "%(reason)s"
        ) % {"until": until, "reason": sanction.reason}
    return _("You may no longer comment here: a moderator banned you. Their reason: %(reason)s") % {
        "reason": sanction.reason
    }


def sanction_apply(
    *,
    kind: str,
    reason: str,
    actor: User,
    user: User | None = None,
    email: str = "",
    client_key: str = "",
    days: int | None = None,
    comment_id: int | None = None,
    now: datetime | None = None,
) -> Sanction:
    """Puts a sanction in force on one target; ``days`` None: until lifted (no suspension)."""
    now = now or timezone.now()
    with transaction.atomic():
        sanction = Sanction.objects.create(
            kind=kind, user=user, email=email.strip().lower(), client_key=client_key,
            reason=reason.strip(), created=now, created_by=actor,
            ends=_ends(now, days, client_key),
        )  # fmt: skip
        _audit(sanction, AuditEntry.Action.SANCTION, actor, sanction.reason, comment_id, now)
    return sanction


def _ends(now: datetime, days: int | None, client_key: str) -> datetime | None:
    """When a sanction ends: after ``days``, and a client's when its key is replaced."""
    ends = now + timedelta(days=days) if days else None
    if client_key:
        replaced = datetime.combine(client_keys.keys_change_on(now.date()), time(), tzinfo=UTC)
        ends = min(ends, replaced) if ends else replaced
    return ends


def sanction_lift(*, sanction: Sanction, actor: User, note: str = "") -> bool:
    """Ends a sanction now; False when it was no longer in force."""
    now = timezone.now()
    with transaction.atomic():
        lifted = (
            in_force(now)
            .filter(pk=sanction.pk)
            .update(lifted=now, lifted_by=actor, lift_note=note.strip())
        )
        if lifted:
            _audit(sanction, AuditEntry.Action.SANCTION_LIFT, actor, note.strip(), None, now)
    return bool(lifted)


def _audit(
    sanction: Sanction,
    action: str,
    actor: User,
    note: str,
    comment_id: int | None,
    now: datetime,
) -> None:
    AuditEntry.objects.create(
        created=now,
        actor=actor,
        action=action,
        comment_id=comment_id,
        comment_ref=comment_id,
        note=note,
        details={
            "sanction": sanction.pk,
            "kind": sanction.kind,
            "target": sanction.target,
            "ends": sanction.ends.isoformat() if sanction.ends else None,
        },
    )


def of_authors(
    authors: Iterable[tuple[int | None, str, str]], now: datetime | None = None
) -> list[Sanction]:
    """Every sanction, in force or not, on any of these (account id, address, client)."""
    match = Q(pk__in=[])
    for user_id, email, client_key in authors:
        match |= _matching(user_id, email, client_key)
    return list(Sanction.objects.filter(match).select_related("created_by", "lifted_by"))


def is_in_force(sanction: Sanction, now: datetime | None = None) -> bool:
    """Not lifted, and not ended by ``now``."""
    now = now or timezone.now()
    return sanction.lifted is None and (sanction.ends is None or sanction.ends > now)


def on_authors_of(comments: Iterable[Any]) -> dict[int, list[Sanction]]:
    """For each comment (by id), the sanctions on its author: in force first, then past."""
    comments = list(comments)
    found = of_authors((c.user_id, c.author_email, c.client_key) for c in comments)
    found.sort(key=lambda sanction: (not is_in_force(sanction), -sanction.created.timestamp()))
    return {
        comment.pk: [
            sanction
            for sanction in found
            if (sanction.user_id is not None and sanction.user_id == comment.user_id)
            or (sanction.email and sanction.email == comment.author_email.strip().lower())
            or (sanction.client_key and sanction.client_key == comment.client_key)
        ]
        for comment in comments
    }
