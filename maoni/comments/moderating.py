"""Every later change of a comment — its state, its text — each written to the audit log.

Called through ``maoni.comments.services``, the comment service, whether a
moderator, the comment's author or a scheduled job makes the change: the
thread's version and public count, the filter's lessons and the audit log
stay right whoever makes it. New comments are ``maoni.comments.posting``.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Iterable
from dataclasses import dataclass
from datetime import datetime, timedelta
from typing import TYPE_CHECKING

from django.conf import settings
from django.db import transaction
from django.utils import timezone

from maoni.comments import copies, events
from maoni.comments.models import Comment
from maoni.comments.posting import CommentRejected, comment_check, comment_post
from maoni.comments.text import render_plain
from maoni.comments.threads import thread_changed
from maoni.comments.trust import email_verified, is_trusted
from maoni.moderation import learning, rules, screening
from maoni.moderation.models import AuditEntry

if TYPE_CHECKING:
    from django.contrib.auth.models import User

Status = Comment.Status
Action = AuditEntry.Action

# What the spam filter learns from each action (True: spam).
LESSONS: dict[str, bool] = {Action.PUBLISH: False, Action.SPAM: True}

# A deleted comment can be restored for this long; then it is purged.
RECOVERY_PERIOD = timedelta(days=30)


@dataclass(frozen=True)
class Transition:
    allowed_from: frozenset[str]
    # None: back to the status the comment had before it was deleted.
    to: str | None


TRANSITIONS: dict[str, Transition] = {
    Action.PUBLISH: Transition(frozenset({Status.PENDING, Status.SPAM}), Status.PUBLISHED),
    Action.UNPUBLISH: Transition(frozenset({Status.PUBLISHED}), Status.PENDING),
    Action.SPAM: Transition(frozenset({Status.PUBLISHED, Status.PENDING}), Status.SPAM),
    Action.DELETE: Transition(
        frozenset({Status.PUBLISHED, Status.PENDING, Status.SPAM}), Status.DELETED
    ),
    Action.RESTORE: Transition(frozenset({Status.DELETED}), None),
}


@dataclass(frozen=True)
class Outcome:
    changed: list[Comment]
    # Comments the action does not apply to in their present state.
    skipped: list[Comment]


def _bump(thread_deltas: Counter[int], touched: Iterable[int]) -> None:
    """Moves each touched thread on by one per comment changed, its count by its delta."""
    for thread_id, changed in Counter(touched).items():
        thread_changed(thread_id, comments=changed, public=thread_deltas[thread_id])


def comments_moderate(
    *,
    comment_ids: Iterable[int],
    action: str,
    actor: User | None,
    note: str = "",
    by_author: bool = False,
) -> Outcome:
    """Applies a moderation action to each comment it fits; returns what changed.

    Rows are locked for the transaction, so two moderators acting on the same
    comment at once apply their actions one after the other. ``by_author``
    marks a comment's own author deleting it (``actor`` is None for an
    anonymous author).
    """
    transition = TRANSITIONS[action]
    now = timezone.now()
    changed: list[Comment] = []
    skipped: list[Comment] = []
    deltas: Counter[int] = Counter()
    with transaction.atomic():
        comments = Comment.objects.select_for_update().filter(pk__in=list(comment_ids))
        for comment in comments.order_by("pk"):
            before = comment.status
            if before not in transition.allowed_from:
                skipped.append(comment)
                continue
            after = transition.to or comment.status_before_deletion or Status.PENDING
            comment.status_before_deletion = before if after == Status.DELETED else ""
            comment.status = after
            comment.status_changed = now
            comment.save(update_fields=["status", "status_changed", "status_before_deletion"])
            deltas[comment.thread_id] += (after == Status.PUBLISHED) - (before == Status.PUBLISHED)
            AuditEntry.objects.create(
                created=now,
                actor=actor,
                action=action,
                comment=comment,
                comment_ref=comment.pk,
                thread_id=comment.thread_id,
                from_status=before,
                to_status=after,
                note=note,
                details={"by_author": True} if by_author else {},
            )
            changed.append(comment)
        _bump(deltas, (comment.thread_id for comment in changed))
        _moderated(changed, action=action, actor=actor, note=note, by_author=by_author)
    return Outcome(changed=changed, skipped=skipped)


def _moderated(
    changed: list[Comment], *, action: str, actor: User | None, note: str, by_author: bool
) -> None:
    """What follows a change of status: the filter's lesson, and the announcements."""
    # A moderator's publish or spam is a lesson for the filter; an
    # author deleting their own comment is not.
    if action in LESSONS and not by_author:
        for comment in changed:
            learning.comment_learn(comment=comment, spam=LESSONS[action])
    for comment in changed:
        if comment.status == Status.PUBLISHED and comment.parent_id is not None:
            events.announce_reply_published(comment.pk)
    events.announce_comments_held(
        [comment.pk for comment in changed if comment.status == Status.PENDING]
    )
    events.announce_comments_moderated(
        [comment.pk for comment in changed],
        action=action,
        actor_id=actor.pk if actor is not None else None,
        by_author=by_author,
        note=note,
    )


def _edit_held(
    *,
    comment: Comment,
    body: str,
    actor: User | None,
    by_author: bool,
    topic: str,
    sending: screening.Sending | None,
) -> list[str]:
    """Why an edited text must wait for a moderator (empty: it need not).

    An author who is not trusted could otherwise post a clean comment and
    turn it into spam within the edit window, so the new text meets the
    checks a new comment meets; a text they would reject raises
    CommentRejected. Moderators' own edits are not screened.
    """
    if not by_author or is_trusted(actor):
        return []
    verdict = screening.screen(
        body=body,
        author_name=comment.author_name,
        author_email=comment.author_email,
        trusted=False,
        sending=sending,
        # An account that proved its address keeps the allow list's trust.
        email_verified=actor is not None and email_verified(actor),
        topic=topic,
        copies=copies.counter(leaving_out=comment.pk),
    )
    if verdict.ruling is rules.Ruling.REJECT:
        raise CommentRejected(verdict.message, field="body")
    if verdict.ruling is rules.Ruling.HOLD:
        return [f"edited: {reason}" for reason in verdict.reasons]
    return []


def comment_edit(
    *,
    comment: Comment,
    body: str,
    actor: User | None,
    note: str = "",
    by_author: bool = False,
    topic: str = "",
    sending: screening.Sending | None = None,
) -> Comment:
    """Replaces a comment's text, keeping the old text in the audit log; returns the comment.

    ``by_author`` marks an edit by the comment's own author (``actor`` is
    None for an anonymous author). Such an edit is screened like a new
    comment (``topic``: the words of the page; ``sending``: the request's):
    a text the checks reject raises CommentRejected and changes nothing; one
    they hold sends the comment back to the queue (or keeps it there) with
    reasons that start "edited: ".
    """
    comment_check(author_name="", body=body, user=actor)
    held = _edit_held(
        comment=comment, body=body, actor=actor, by_author=by_author, topic=topic, sending=sending
    )
    now = timezone.now()
    with transaction.atomic():
        # The status as it is now: a moderator may have acted since it was read.
        before_status = (
            Comment.objects.select_for_update().values_list("status", flat=True).get(pk=comment.pk)
        )
        details = _edited(comment, body, before_status, held=held, now=now)
        details["by_author"] = by_author
        AuditEntry.objects.create(
            created=now,
            actor=actor,
            action=Action.EDIT,
            comment=comment,
            comment_ref=comment.pk,
            thread_id=comment.thread_id,
            from_status=before_status,
            to_status=comment.status,
            note=note,
            details=details,
        )
        if before_status == Status.PUBLISHED:
            unpublished = comment.status != Status.PUBLISHED
            _bump(Counter({comment.thread_id: -1 if unpublished else 0}), [comment.thread_id])
            if unpublished:
                events.announce_comments_held([comment.pk])
    return comment


def _edited(
    comment: Comment, body: str, before_status: str, *, held: list[str], now: datetime
) -> dict[str, object]:
    """Saves the new text (and, when the checks hold it, the queue); returns the audit details."""
    before = comment.body
    comment.status = before_status
    comment.body = body
    comment.body_html = render_plain(body)
    comment.fingerprint = rules.fingerprint(body)
    comment.edited = now
    changed = ["body", "body_html", "fingerprint", "edited"]
    details: dict[str, object] = {"before": before, "after": body}
    if held and before_status in {Status.PUBLISHED, Status.PENDING}:
        comment.status = Status.PENDING
        comment.reasons = held
        changed += ["status", "reasons"]
        if before_status != Status.PENDING:
            comment.status_changed = now
            changed.append("status_changed")
        details["held"] = held
    comment.save(update_fields=changed)
    return details


def comment_reply_as_newsroom(*, parent: Comment, body: str, actor: User) -> Comment:
    """Posts a reply under the moderator's own name, published at once."""
    with transaction.atomic():
        reply = comment_post(
            thread=parent.thread, parent=parent, body=body, user=actor, question_id=None
        )
        AuditEntry.objects.create(
            created=reply.created,
            actor=actor,
            action=Action.REPLY,
            comment=parent,
            comment_ref=parent.pk,
            thread_id=parent.thread_id,
            from_status=parent.status,
            to_status=parent.status,
            details={"reply": reply.pk},
        )
    return reply


def comments_purge_deleted(*, now: datetime | None = None) -> int:
    """Removes comments deleted more than 30 days ago; returns how many."""
    cutoff = (now or timezone.now()) - RECOVERY_PERIOD
    with transaction.atomic():
        expired = list(
            Comment.objects.filter(status=Status.DELETED, status_changed__lt=cutoff).values_list(
                "pk", "thread_id"
            )
        )
        AuditEntry.objects.bulk_create(
            AuditEntry(
                created=now or timezone.now(),
                action=Action.PURGE,
                comment_ref=pk,
                thread_id=thread_id,
                from_status=Status.DELETED,
            )
            for pk, thread_id in expired
        )
        gone = [pk for pk, _thread in expired]
        # Moderators' notes and the texts an edit replaced go with the comment;
        # the entries stay, saying what was done and when.
        AuditEntry.objects.filter(comment_ref__in=gone).exclude(action=Action.PURGE).update(
            note="", details={}
        )
        Comment.objects.filter(pk__in=gone).delete()
    return len(expired)


def comments_forget_addresses(*, now: datetime | None = None) -> int:
    """Removes the e-mail address of comments written without an account once they are
    ``MAONI_ADDRESS_RETENTION_DAYS`` old, unless their author still wants reply notices
    (the address then goes when the notices end); returns how many lost theirs."""
    now = now or timezone.now()
    cutoff = now - timedelta(days=settings.MAONI_ADDRESS_RETENTION_DAYS)
    with transaction.atomic():
        old = Comment.objects.filter(
            user__isnull=True, created__lt=cutoff, notify_replies=False
        ).exclude(author_email="")
        count = old.update(author_email="")
        # A client key that old was replaced long ago (MAONI_CLIENT_KEY_DAYS)
        # and matches no one; it only ties the author's old comments together.
        Comment.objects.filter(created__lt=cutoff).exclude(client_key="").update(client_key="")
        if count:
            AuditEntry.objects.create(
                created=now, action=Action.FORGET, details={"comments": count},
                note=f"older than {settings.MAONI_ADDRESS_RETENTION_DAYS} days",
            )  # fmt: skip
    return count


def comments_stop_reply_notices(*, address: str) -> int:
    """No comment from this address asks for reply notices any more; returns how many did."""
    asking = Comment.objects.filter(author_email__iexact=address, notify_replies=True)
    return asking.update(notify_replies=False)


def comments_pick(
    *, comment_ids: Iterable[int], picked: bool, actor: User, note: str = ""
) -> list[Comment]:
    """Makes public comments newsroom picks (or takes them off); returns those changed."""
    now = timezone.now()
    with transaction.atomic():
        rows = Comment.objects.select_for_update().filter(
            pk__in=list(comment_ids), status=Status.PUBLISHED, picked__isnull=picked
        )
        changed = list(rows.order_by("pk"))
        for comment in changed:
            comment.picked = now if picked else None
            comment.save(update_fields=["picked"])
            AuditEntry.objects.create(
                created=now, actor=actor, action=Action.PICK if picked else Action.UNPICK,
                comment=comment, comment_ref=comment.pk, thread_id=comment.thread_id,
                from_status=comment.status, to_status=comment.status, note=note,
            )  # fmt: skip
        _bump(Counter(), (comment.thread_id for comment in changed))
    return changed
