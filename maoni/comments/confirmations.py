"""Which e-mail addresses are proved, and the double opt-in that proves a reader's address.

Anyone can type any address into the comment form, so a typed address
proves nothing. An address is *proved* when its owner showed they read its
mail: it is the address of a logged-in account (accounts are confirmed by a
mailed link before they can log in), or it was confirmed by following the
link that this module mails when a reader without an account asks for reply
notices. Reply notices go only to proved addresses, so the form cannot be
used to mail strangers.

A confirmed address earns nothing for later comments that merely carry it:
those could be typed by anyone. Only the comment whose own link was followed
(``AddressConfirmation.comment``) counts as written by the address's owner.

Part of the comment service: a comment's address is asked to confirm as the
comment is stored (``address_confirmation_ask``), and a followed link
confirms it (``address_confirm``); the notifications app mails reply notices
only to what this module calls proved.
"""

from __future__ import annotations

import hmac
import logging
from datetime import datetime, timedelta
from functools import partial
from typing import TYPE_CHECKING

from django.conf import settings
from django.core import signing
from django.core.mail import EmailMessage
from django.db import IntegrityError, transaction
from django.db.models import Q
from django.template.loader import render_to_string
from django.urls import reverse
from django.utils import timezone
from django.utils.crypto import salted_hmac
from django.utils.translation import gettext

from maoni.accounts.services import ConfirmationFailure, ConfirmationInvalid
from maoni.comments.models import AddressConfirmation, Comment

if TYPE_CHECKING:
    from django.contrib.auth.models import User

logger = logging.getLogger(__name__)

CONFIRM_SALT = "maoni.notifications.confirm-address"
# How long a mailed link works.
CONFIRM_MAX_AGE = timedelta(days=3)
# At most one confirmation mail per address in this time, however many
# comments carry it: the form must not be a way to flood a mailbox.
MAIL_INTERVAL = timedelta(days=1)


# What counts as proved.


def account_proves(user: User | None) -> bool:
    """True for a logged-in account whose e-mail address its owner confirmed.

    Readers' accounts cannot log in before their address is confirmed; an
    account staff made in the admin is vouched for by staff.
    """
    # An account awaiting confirmation is inactive: being active is the proof.
    return user is not None and user.is_active and bool(user.email.strip())


def address_proved(*, comment: Comment) -> bool:
    """True when reply notices about ``comment`` may go to its address.

    That is the address of the confirmed account that wrote it, or an
    address confirmed through a mailed link.
    """
    address = comment.author_email.strip().lower()
    if not address:
        return False
    user = comment.user
    if account_proves(user) and user is not None and user.email.strip().lower() == address:
        return True
    return AddressConfirmation.objects.filter(email=address, confirmed__isnull=False).exists()


def awaits_confirmation_of(*, comment: Comment) -> bool:
    """True when ``comment`` asked for reply notices at an address not confirmed yet."""
    return comment.notify_replies and not address_proved(comment=comment)


def proved_comments(*, user: User) -> Q:
    """What selects the comments ``user``'s owner is known to have written.

    The account's own comments, and the one comment without an account
    whose confirmation link for the account's address was followed; never
    comments that only carry that address.
    """
    confirmed = AddressConfirmation.objects.filter(
        email=user.email.strip().lower(), confirmed__isnull=False, comment__isnull=False
    ).values("comment")
    return Q(user=user) | Q(user__isnull=True, pk__in=confirmed)


# Asking for confirmation.


def _digest(email: str) -> str:
    # The link carries a keyed digest of the address, not the address, so it
    # does not land in access logs; the comment id says where to look.
    return salted_hmac(CONFIRM_SALT, email.strip().lower(), algorithm="sha256").hexdigest()[:24]


def confirmation_token(*, comment: Comment) -> str:
    """A signed, timestamped token naming ``comment`` and its address."""
    payload = {"comment": comment.pk, "email": _digest(comment.author_email)}
    return signing.dumps(payload, salt=CONFIRM_SALT)


def confirmation_link(*, comment: Comment) -> str:
    path = reverse("notifications:confirm", kwargs={"token": confirmation_token(comment=comment)})
    # Links in mail start with MAONI_BASE_URL, never with a host a request named.
    return f"{settings.MAONI_BASE_URL}{path}"


def address_confirmation_ask(*, comment: Comment, now: datetime | None = None) -> bool:
    """Mails ``comment``'s address a confirmation link, unless it needs none or had one.

    Called inside the transaction that stores the comment; the mail goes
    once it commits. Returns whether a mail was queued: not for a confirmed
    address, nor for one mailed in the last MAIL_INTERVAL (its link still
    works, and confirms the address for this comment's notices too).
    """
    address = comment.author_email.strip().lower()
    if not address:
        return False
    now = now or timezone.now()
    again = AddressConfirmation.objects.filter(
        email=address, confirmed__isnull=True, mailed__lte=now - MAIL_INTERVAL
    ).update(comment=comment, mailed=now)
    if not again:
        if AddressConfirmation.objects.filter(email=address).exists():
            return False
        try:
            # A savepoint: a request racing for the same address wins
            # without undoing the comment being stored.
            with transaction.atomic():
                AddressConfirmation.objects.create(email=address, comment=comment, mailed=now)
        except IntegrityError:
            return False
    transaction.on_commit(partial(_send, _confirmation_message(comment), comment.pk))
    return True


def _confirmation_message(comment: Comment) -> EmailMessage:
    # Nothing the commenter typed goes into it (no name, no text): the
    # address may be a stranger's, and the form must not carry words to them.
    context = {
        "link": confirmation_link(comment=comment),
        "site_name": settings.MAONI_SITE_NAME,
        "base_url": settings.MAONI_BASE_URL,
        "days": CONFIRM_MAX_AGE.days,
    }
    subject = gettext("Confirm your e-mail address for reply notices on %(site)s") % {
        "site": settings.MAONI_SITE_NAME
    }
    body = render_to_string("notifications/email/confirm_body.txt", context)
    return EmailMessage(" ".join(subject.split()), body, to=[comment.author_email.strip()])


def _send(message: EmailMessage, comment_id: int) -> None:
    try:
        message.send()
    except Exception:
        # The reader can ask again by ticking the box on a comment the next day.
        logger.exception("The address confirmation for comment %s could not be sent.", comment_id)


# Following the link.


def confirmation_check(*, token: str) -> Comment:
    """The comment a confirmation token names, changing nothing.

    Raises ConfirmationInvalid when the token has expired, is damaged or
    tampered with, or its comment is gone or now has another address.
    """
    try:
        payload = signing.loads(token, salt=CONFIRM_SALT, max_age=CONFIRM_MAX_AGE)
    except signing.SignatureExpired as error:
        raise ConfirmationInvalid(ConfirmationFailure.EXPIRED) from error
    except signing.BadSignature as error:
        raise ConfirmationInvalid(ConfirmationFailure.BROKEN) from error
    # The signature vouches for the payload's shape; only this module signs with this salt.
    comment = Comment.objects.filter(pk=payload["comment"]).first()
    if comment is None or not comment.author_email.strip():
        raise ConfirmationInvalid(ConfirmationFailure.BROKEN)
    if not hmac.compare_digest(_digest(comment.author_email), payload["email"]):
        raise ConfirmationInvalid(ConfirmationFailure.BROKEN)
    return comment


def address_confirm(*, token: str, now: datetime | None = None) -> bool:
    """Confirms the address a token names; returns False when it was confirmed already.

    From now on reply notices may go to the address, and the token's comment
    is recorded as its owner's. Raises ConfirmationInvalid like
    ``confirmation_check``.
    """
    comment = confirmation_check(token=token)
    address = comment.author_email.strip().lower()
    now = now or timezone.now()
    # One UPDATE decides: of two clicks racing on one link, one confirms.
    confirmed = AddressConfirmation.objects.filter(email=address, confirmed__isnull=True).update(
        confirmed=now, comment=comment
    )
    if confirmed:
        return True
    try:
        with transaction.atomic():
            # A link whose row is gone (e.g. not carried over by hand) still works.
            AddressConfirmation.objects.create(
                email=address, comment=comment, mailed=now, confirmed=now
            )
    except IntegrityError:
        return False
    return True
