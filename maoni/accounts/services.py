"""Every change to reader accounts goes through this module.

A reader's account is Django's ``User``. It is created inactive and becomes
active when the reader follows the link mailed to them; until then it
*awaits confirmation*. ``last_login`` tells such an account apart from one
that staff deactivated later: confirming sets it, so a confirmation link can
never bring back an account that staff switched off.
"""

from __future__ import annotations

import enum
import hmac
import re
from datetime import timedelta
from typing import TYPE_CHECKING

from django.conf import settings
from django.contrib.auth import password_validation
from django.contrib.auth.models import User
from django.core import signing
from django.core.exceptions import ValidationError
from django.core.mail import EmailMessage
from django.core.validators import validate_email
from django.db import IntegrityError, transaction
from django.db.models import Q, QuerySet
from django.template.loader import render_to_string
from django.urls import reverse
from django.utils import timezone
from django.utils.crypto import salted_hmac
from django.utils.translation import gettext_lazy as _

from maoni.accounts.names import (
    Kind,
    NameProblem,
    describe_character,
    name_problem,
    normalise_name,
)

if TYPE_CHECKING:
    from django_stubs_ext import StrOrPromise

CONFIRMATION_SALT = "maoni.accounts.confirm-email"
CONFIRMATION_MAX_AGE = timedelta(days=3)

NAME_TAKEN = _("That name is already taken. Choose another one.")
EMAIL_TAKEN = _(
    "An account with this e-mail address exists already. "
    "Log in, or reset your password if you have forgotten it."
)
EMAIL_INVALID = _("Enter a valid e-mail address.")


class RegistrationRejected(Exception):
    """Details an account cannot be created with; ``field`` names what to fix."""

    def __init__(self, message: StrOrPromise, *, field: str) -> None:
        super().__init__(str(message))
        self.message = message
        self.field = field


class ConfirmationFailure(enum.Enum):
    EXPIRED = "expired"
    # Tampered with, cut short, or for an account or address that is gone.
    BROKEN = "broken"
    # The account is confirmed already (or was switched off by staff since).
    USED = "used"


class ConfirmationInvalid(Exception):
    """A confirmation link that cannot confirm anything; ``reason`` says why."""

    def __init__(self, reason: ConfirmationFailure) -> None:
        super().__init__(reason.value)
        self.reason = reason


def awaits_confirmation(user: User) -> bool:
    """True for an account whose e-mail address was never confirmed."""
    return not user.is_active and user.last_login is None


def _unconfirmed() -> QuerySet[User]:
    return User.objects.filter(is_active=False, last_login__isnull=True)


def _abandoned() -> QuerySet[User]:
    """Unconfirmed accounts whose first link has expired.

    They hold neither their name nor their address: otherwise anyone could
    keep a name, or someone else's address, from ever being registered.
    """
    return _unconfirmed().filter(date_joined__lt=timezone.now() - CONFIRMATION_MAX_AGE)


def _same_name(name: str) -> Q:
    # Python's case-insensitive regular expressions (what SQLite's REGEXP
    # runs) fold every script; SQLite's LIKE, behind iexact, folds only ASCII.
    return Q(username__iregex=f"^{re.escape(name)}$")


def name_problem_message(problem: NameProblem) -> str:
    """The sentence that tells a reader what to change in their name."""
    if problem.kind is Kind.TOO_SHORT:
        return str(_("A name must be at least 2 characters long."))
    if problem.kind is Kind.TOO_LONG:
        return str(_("A name may be at most 60 characters long."))
    if problem.kind is Kind.NO_LETTER:
        return str(_("A name needs at least one letter or digit."))
    return str(
        _(
            "A name may contain only letters, digits, spaces and the characters . - _ ' "
            "(%(character)s is not one of them)."
        )
        % {"character": describe_character(problem.character)}
    )


def name_error(name: str) -> StrOrPromise | None:
    """What is wrong with registering this normalised name, or None."""
    problem = name_problem(name)
    if problem is not None:
        return name_problem_message(problem)
    if User.objects.filter(_same_name(name)).exclude(pk__in=_abandoned()).exists():
        return NAME_TAKEN
    return None


def email_error(email: str) -> StrOrPromise | None:
    """What is wrong with registering this normalised e-mail address, or None."""
    try:
        validate_email(email)
    except ValidationError:
        return EMAIL_INVALID
    if User.objects.filter(email__iexact=email).exclude(pk__in=_abandoned()).exists():
        return EMAIL_TAKEN
    return None


def password_errors(password: str, *, name: str, email: str) -> list[str]:
    """The complaints of AUTH_PASSWORD_VALIDATORS about this password; empty when it is fine."""
    try:
        password_validation.validate_password(password, User(username=name, email=email))
    except ValidationError as error:
        return list(error.messages)
    return []


def user_register(*, name: str, email: str, password: str) -> User:
    """Creates an inactive account, mails its confirmation link and returns it.

    ``name`` and ``email`` must be normalised already (``normalise_name``,
    ``User.objects.normalize_email``). Raises RegistrationRejected when the
    name or address is not allowed or taken, or the password is too weak.
    """
    for field, message in (("name", name_error(name)), ("email", email_error(email))):
        if message is not None:
            raise RegistrationRejected(message, field=field)
    problems = password_errors(password, name=name, email=email)
    if problems:
        raise RegistrationRejected(" ".join(problems), field="password")
    try:
        # Transactions are IMMEDIATE (see settings): BEGIN takes SQLite's
        # write lock, so of two registrations racing for one name or address
        # the second waits here and then finds the first.
        with transaction.atomic():
            _abandoned().filter(_same_name(name) | Q(email__iexact=email)).delete()
            if User.objects.filter(_same_name(name)).exists():
                raise RegistrationRejected(NAME_TAKEN, field="name")
            if User.objects.filter(email__iexact=email).exists():
                raise RegistrationRejected(EMAIL_TAKEN, field="email")
            user = User.objects.create_user(
                username=name, email=email, password=password, is_active=False
            )
            confirmation_send(user=user)
    except IntegrityError as error:
        # Only the exact same username can collide at this point.
        raise RegistrationRejected(NAME_TAKEN, field="name") from error
    return user


def _email_digest(email: str) -> str:
    # The link carries a keyed digest of the address, not the address: it
    # binds the link to the address without writing it into access logs.
    return salted_hmac(CONFIRMATION_SALT, email.lower(), algorithm="sha256").hexdigest()[:24]


def confirmation_token(*, user: User) -> str:
    """A signed, timestamped token naming the account and its current address."""
    return signing.dumps(
        {"user": user.pk, "email": _email_digest(user.email)}, salt=CONFIRMATION_SALT
    )


def confirmation_link(*, user: User) -> str:
    """The absolute address the reader follows to confirm their e-mail address."""
    path = reverse("accounts:confirm", kwargs={"token": confirmation_token(user=user)})
    return f"{settings.MAONI_BASE_URL}{path}"


def confirmation_send(*, user: User) -> None:
    """Mails ``user`` a fresh confirmation link once the current transaction commits.

    A mail server that is down is logged, not raised: the account exists, and
    the reader can ask for the link again.
    """
    context = {
        "name": user.get_username(),
        "link": confirmation_link(user=user),
        "site_name": settings.MAONI_SITE_NAME,
        "base_url": settings.MAONI_BASE_URL,
    }
    subject = render_to_string("accounts/email/confirm_subject.txt", context)
    body = render_to_string("accounts/email/confirm_body.txt", context)
    message = EmailMessage(" ".join(subject.split()), body, to=[user.email])
    transaction.on_commit(message.send, robust=True)


def confirmation_resend(*, email: str) -> None:
    """Mails a new link to every account at ``email`` that awaits confirmation.

    Says nothing about what it found: the page that calls it answers the
    same whether the address is unknown, confirmed or waiting.
    """
    email = User.objects.normalize_email(email)
    for user in _unconfirmed().filter(email__iexact=email):
        confirmation_send(user=user)


def confirmation_check(*, token: str) -> User:
    """Returns the unconfirmed account a token names, changing nothing.

    Raises ConfirmationInvalid as ``user_confirm_email`` does.
    """
    user = _token_user(token)
    if not _unconfirmed().filter(pk=user.pk).exists():
        raise ConfirmationInvalid(ConfirmationFailure.USED)
    return user


def user_confirm_email(*, token: str) -> User:
    """Activates the account a confirmation token names and returns it.

    Raises ConfirmationInvalid when the token has expired, was tampered
    with, names an account or address that is gone, or was used already.
    Confirming counts as the first log-in (the caller logs the reader in),
    which is what marks the account as confirmed for good.
    """
    user = _token_user(token)
    # One UPDATE decides: of two clicks racing on one link, exactly one activates.
    activated = _unconfirmed().filter(pk=user.pk).update(is_active=True, last_login=timezone.now())
    if activated != 1:
        raise ConfirmationInvalid(ConfirmationFailure.USED)
    user.refresh_from_db()
    return user


def _token_user(token: str) -> User:
    try:
        payload = signing.loads(token, salt=CONFIRMATION_SALT, max_age=CONFIRMATION_MAX_AGE)
    except signing.SignatureExpired as error:
        raise ConfirmationInvalid(ConfirmationFailure.EXPIRED) from error
    except signing.BadSignature as error:
        raise ConfirmationInvalid(ConfirmationFailure.BROKEN) from error
    # The signature vouches for the payload's shape; only this module signs with this salt.
    user = User.objects.filter(pk=payload["user"]).first()
    if user is None or not hmac.compare_digest(_email_digest(user.email), payload["email"]):
        raise ConfirmationInvalid(ConfirmationFailure.BROKEN)
    return user


def login_username(typed: str) -> str:
    """The username a reader means when logging in as ``typed``.

    Readers may type their e-mail address, or their name in another case
    (ASCII only) or with stray spaces. When that names no single account,
    ``typed`` comes back unchanged and the log-in fails as usual.
    """
    typed = typed.strip()
    if "@" in typed:
        matches = User.objects.filter(email__iexact=typed)
    else:
        name = normalise_name(typed)
        if User.objects.filter(username=name).exists():
            return name
        matches = User.objects.filter(username__iexact=name)
    usernames = list(matches.values_list("username", flat=True)[:2])
    return usernames[0] if len(usernames) == 1 else typed
