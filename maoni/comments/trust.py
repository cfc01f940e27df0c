"""Whom Maoni trusts with a comment: staff always, others by what they proved.

Anyone can type any e-mail address, so a typed address earns nothing: it
is not matched against the allow list, and comments that merely carry it
do not count towards "hold the first comments of a new e-mail address".
Only a proved address does (see ``maoni.notifications.confirmations``): a
logged-in account's confirmed address, by the account's own comments.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from maoni.comments import confirmations, copies
from maoni.comments.models import Comment, Policy, Premoderation
from maoni.moderation import rules, screening

if TYPE_CHECKING:
    from django.contrib.auth.models import User


def is_trusted(user: User | None) -> bool:
    """Moderators and staff are never held and never asked the question."""
    return user is not None and (user.is_staff or user.has_perm("comments.moderate_comment"))


def email_verified(user: User | None) -> bool:
    """True when the commenter proved the address their comment carries.

    Only a logged-in account with a confirmed address does: a comment
    without an account carries what was typed, which its own confirmation
    link can prove only after it is posted.
    """
    return confirmations.account_proves(user)


def judge_new(
    *,
    body: str,
    author_name: str,
    author_email: str,
    user: User | None,
    policy: Policy,
    sending: screening.Sending | None,
    topic: str,
) -> tuple[rules.Verdict, list[str]]:
    """The spam checks' verdict on a new comment, and every reason it waits (empty: none).

    Both the allow list and the count of first comments trust only a proved address.
    """
    verdict = screening.screen(
        body=body,
        author_name=author_name,
        author_email=author_email,
        trusted=is_trusted(user),
        sending=sending,
        email_verified=email_verified(user),
        topic=topic,
        copies=copies.counter(),
    )
    reasons = list(verdict.reasons) if verdict.ruling is rules.Ruling.HOLD else []
    if verdict.ruling is not rules.Ruling.REJECT:
        reasons += held_reasons(policy=policy, user=user, email=author_email.strip())
    return verdict, reasons


def held_reasons(*, policy: Policy, user: User | None, email: str) -> list[str]:
    """Returns why a new comment waits for a moderator; empty when it does not."""
    if is_trusted(user):
        return []
    reasons = []
    if policy.premoderation == Premoderation.EVERYONE:
        reasons.append("pre-moderation: every comment is approved first")
    elif policy.quiet is not None:
        reasons.append(
            f"pre-moderation: quiet hours ({policy.quiet}), every comment is approved first"
        )
    elif policy.premoderation == Premoderation.ANONYMOUS and user is None:
        reasons.append("pre-moderation: comments of anonymous readers are approved first")
    if policy.first_comments_held:
        reason = _new_commenter(wanted=policy.first_comments_held, user=user, email=email)
        if reason is not None:
            reasons.append(reason)
    return reasons


def _new_commenter(*, wanted: int, user: User | None, email: str) -> str | None:
    """Why a commenter is still new, with ``wanted`` published comments to earn trust."""
    if not email:
        return "no e-mail address: new commenters are approved first"
    if user is None or not email_verified(user):
        # Counting the comments of a typed address would let anyone borrow
        # an established reader's standing by typing their address.
        return "e-mail address not proved: comments without a confirmed account are approved first"
    own = Comment.objects.public().filter(confirmations.proved_comments(user=user))
    published = own[:wanted].count()
    if published < wanted:
        return f"new account: {published} of its first {wanted} comments approved"
    return None
