"""Mail that comment events cause: moderators' digests and readers' reply notices.

The comment services call ``comments_held`` and ``reply_published`` after
their transaction commits. Neither ever raises: a mail server that is down,
or anything else that goes wrong here, is logged, and the comment stays as
it was posted or moderated. Reply notices go only to proved addresses; the
double opt-in that proves a reader's address is in ``confirmations``.
"""

from __future__ import annotations

import hmac
import logging
from collections.abc import Sequence
from dataclasses import dataclass
from datetime import datetime, timedelta

from django.conf import settings
from django.contrib.auth.models import User
from django.core import signing
from django.core.mail import EmailMessage, get_connection
from django.db import IntegrityError, transaction
from django.db.models import QuerySet
from django.template.loader import render_to_string
from django.urls import reverse
from django.utils import timezone, translation
from django.utils.crypto import salted_hmac
from django.utils.text import Truncator
from django.utils.translation import gettext, ngettext

from maoni.articles.models import Article
from maoni.comments import confirmations
from maoni.comments.models import Comment, Thread, user_display_name
from maoni.comments.services import comments_stop_reply_notices
from maoni.moderation.reasons import reason_label
from maoni.notifications.models import DigestClock, HeldComment, ReplyNotice, Unsubscription
from maoni.notifications.subscriptions import subscription_language

logger = logging.getLogger(__name__)

UNSUBSCRIBE_SALT = "maoni.notifications.unsubscribe"
# A digest names at most this many comments; the queue link shows the rest.
DIGEST_LISTED = 50
EXCERPT_CHARACTERS = 200
SUBJECT_TITLE_CHARACTERS = 40

Status = Comment.Status


def _absolute(path: str) -> str:
    # Links in mail start with MAONI_BASE_URL, never with a host a request named.
    return f"{settings.MAONI_BASE_URL}{path}"


def _one_line(text: str) -> str:
    return " ".join(text.split())


def shorten(text: str, limit: int) -> str:
    """``text``, or as many of its first words as fit in ``limit`` characters and "…"."""
    if len(text) <= limit:
        return text
    cut = text[: limit - 2]
    # A word the cut goes through is left out whole, unless it is the only one.
    went_through = not cut[-1].isspace() and not text[limit - 2].isspace()
    if went_through and " " in cut.strip():
        cut = cut.rsplit(" ", 1)[0]
    return f"{cut.rstrip()} …"


def quoted(text: str) -> str:
    """``text`` with each line marked "> ", as mail programs quote, so it stands apart."""
    lines = text.replace("\r\n", "\n").replace("\r", "\n").strip("\n").split("\n")
    return "\n".join(f"> {line}".rstrip() for line in lines)


def _titles(thread_ids: Sequence[int]) -> dict[int, str]:
    """The title of the page of each thread: its article's, or the page's on another site."""
    pages = Thread.objects.filter(pk__in=thread_ids, site__isnull=False).exclude(title="")
    articles = Article.objects.filter(thread_id__in=thread_ids)
    return {
        **dict(pages.values_list("pk", "title")),
        **dict(articles.values_list("thread_id", "title")),
    }


@dataclass(frozen=True)
class Page:
    """Where a thread's comments are read: its title, address, and whether they are shown."""

    title: str
    url: str
    shows_comments: bool

    def link_to(self, comment: Comment) -> str:
        return (
            f"{self.url}#comment-{comment.pk}"
            if self.url.startswith("http")
            else (_absolute(comment.get_absolute_url()))
        )


def page_of(thread_id: int) -> Page | None:
    """The published page a thread's comments are under, or None."""
    article = Article.objects.published().filter(thread_id=thread_id).first()
    if article is not None:
        return Page(article.title, article.get_absolute_url(), article.shows_comments)
    thread = Thread.objects.filter(pk=thread_id, site__isnull=False).first()
    if thread is None:
        return None
    return Page(thread.title or thread.key, thread.url, shows_comments=True)


# Moderators' digest.


@dataclass(frozen=True)
class DigestSent:
    comment_ids: list[int]
    recipients: int


def digest_recipients() -> QuerySet[User]:
    """Active users who may moderate comments and have an e-mail address."""
    moderators = User.objects.with_perm(
        "comments.moderate_comment", is_active=True, include_superusers=True
    )
    return moderators.exclude(email="").order_by("pk")


def comments_held(*, comment_ids: list[int]) -> None:
    """Comments were held for review (posted into the queue, or unpublished).

    They wait for the next digest, which is sent at once when none was sent
    in the last MAONI_DIGEST_MINUTES minutes; ``send_digests`` sends the
    later ones.
    """
    try:
        now = timezone.now()
        held = Comment.objects.filter(pk__in=comment_ids, status=Status.PENDING)
        HeldComment.objects.bulk_create(
            [HeldComment(comment_id=pk, held=now) for pk in held.values_list("pk", flat=True)],
            # A comment held again before a digest named it keeps its place.
            ignore_conflicts=True,
        )
        digest_send(now=now)
    except Exception:
        logger.exception("Held comments %s could not be passed on to moderators.", comment_ids)


def digest_send(*, now: datetime | None = None) -> DigestSent | None:
    """Mails moderators the comments waiting for a digest, if one is due.

    A digest is due when none was sent in the last MAONI_DIGEST_MINUTES
    minutes. It names the waiting comments that are still held; the others
    are dropped from the waiting list. Returns what was sent, or None when
    nothing was: not due, nothing held, nobody to mail, or the mail server
    failed (then the comments wait for the next try). Of two processes
    calling this at once, at most one sends.
    """
    now = now or timezone.now()
    recipients = list(digest_recipients())
    if not recipients:
        return None
    interval = timedelta(minutes=settings.MAONI_DIGEST_MINUTES)
    with transaction.atomic():
        clock, _created = DigestClock.objects.select_for_update().get_or_create(pk=1)
        if clock.last_sent is not None and now < clock.last_sent + interval:
            return None
        waiting = list(HeldComment.objects.select_related("comment").order_by("held", "comment_id"))
        # Only the rows read here: on databases that lock rows rather than
        # the whole database, more may arrive meanwhile for the next digest.
        HeldComment.objects.filter(pk__in=[row.pk for row in waiting]).delete()
        still_held = [row for row in waiting if row.comment.status == Status.PENDING]
        if not still_held:
            return None
        clock.last_sent = now
        clock.save(update_fields=["last_sent"])
    # Moderators read the site's language, whoever's comment set the digest off.
    with translation.override(settings.LANGUAGE_CODE):
        messages = _digest_messages(recipients, [row.comment for row in still_held])
    try:
        with get_connection() as connection:
            connection.send_messages(messages)
    except Exception:
        logger.exception("The moderators' digest could not be sent; it is tried again later.")
        HeldComment.objects.bulk_create(
            [HeldComment(comment_id=row.comment_id, held=row.held) for row in still_held],
            ignore_conflicts=True,
        )
        return None
    return DigestSent(
        comment_ids=[row.comment_id for row in still_held], recipients=len(recipients)
    )


def _digest_messages(recipients: list[User], comments: list[Comment]) -> list[EmailMessage]:
    """One digest for each recipient, greeting them by name."""
    count = len(comments)
    site_name = settings.MAONI_SITE_NAME
    titles = _titles([comment.thread_id for comment in comments])
    entries = [
        {
            "title": _one_line(titles.get(comment.thread_id, gettext("a page without an article"))),
            "author": _one_line(comment.display_name),
            "excerpt": Truncator(_one_line(comment.body)).chars(EXCERPT_CHARACTERS),
            "reasons": "; ".join(reason_label(str(reason)) for reason in comment.reasons),
            "link": _absolute(reverse("moderation:comment", kwargs={"comment_id": comment.pk})),
        }
        for comment in comments[:DIGEST_LISTED]
    ]
    subject = ngettext(
        "%(count)s comment waits for review on %(site)s",
        "%(count)s comments wait for review on %(site)s",
        count,
    ) % {"count": count, "site": site_name}
    messages = []
    for moderator in recipients:
        context = {
            "name": user_display_name(moderator),
            "count": count,
            "entries": entries,
            "more": count - len(entries),
            "queue_link": _absolute(reverse("moderation:queue")),
            "minutes": settings.MAONI_DIGEST_MINUTES,
            "site_name": site_name,
        }
        body = render_to_string("notifications/email/digest_body.txt", context)
        messages.append(EmailMessage(_one_line(subject), body, to=[moderator.email]))
    return messages


# Readers' reply notices.


def reply_published(*, reply_id: int) -> None:
    """A reply became public (posted published, or published by a moderator).

    Mails the author of the comment it answers, when they asked for it, at
    most once per reply.
    """
    try:
        reply_notice_send(reply_id=reply_id)
    except Exception:
        logger.exception("The notice of reply %s could not be sent.", reply_id)


def no_notice_reason(*, reply: Comment, parent: Comment, page: Page | None) -> str | None:
    """Why the author of ``parent`` is not to be told of ``reply``; None when they are."""
    if reply.status != Status.PUBLISHED:
        return "the reply is not public"
    if parent.status != Status.PUBLISHED:
        return "the comment replied to is not public"
    if page is None or not page.shows_comments:
        return "the page's comments are not public"
    if not parent.notify_replies:
        return "its author did not ask for notices"
    address = parent.author_email.strip().lower()
    if not address:
        return "its author left no e-mail address"
    if parent.user_id is not None and parent.user_id == reply.user_id:
        return "the author replied to themselves"
    if address == reply.author_email.strip().lower():
        return "the author replied to themselves"
    unsubscribed = Unsubscription.objects.filter(email=address, unsubscribed__gte=parent.created)
    if unsubscribed.exists():
        return "the address unsubscribed after posting the comment"
    if not confirmations.address_proved(comment=parent):
        # Double opt-in: a typed address gets notices only once its owner
        # followed the link mailed to it (see confirmations).
        return "the address is not confirmed"
    return None


def reply_notice_send(*, reply_id: int, now: datetime | None = None) -> bool:
    """Mails the author of the comment a public reply answers; returns whether it did.

    The notice is recorded before it is sent, so a reply that is published,
    unpublished and published again, or two processes racing, mail once.
    """
    now = now or timezone.now()
    with transaction.atomic():
        # Locked, so a moderator unpublishing it meanwhile waits for the decision.
        reply = Comment.objects.select_for_update().filter(pk=reply_id).first()
        if reply is None or reply.parent is None:
            return False
        parent = reply.parent
        page = page_of(reply.thread_id)
        reason = no_notice_reason(reply=reply, parent=parent, page=page)
        if reason is not None or page is None:
            logger.debug("No notice of reply %s: %s.", reply_id, reason)
            return False
        try:
            with transaction.atomic():
                ReplyNotice.objects.create(reply=reply, sent=now)
        except IntegrityError:
            return False
    with translation.override(subscription_language(comment=parent)):
        message = _reply_message(reply=reply, parent=parent, page=page)
    try:
        message.send()
    except Exception:
        # Not retried: a second try could not tell whether the first one
        # reached the reader after all.
        logger.exception("The notice of reply %s could not be sent.", reply_id)
        return False
    return True


def _reply_message(*, reply: Comment, parent: Comment, page: Page) -> EmailMessage:
    unsubscribe = unsubscribe_link(comment=parent)
    title = shorten(_one_line(page.title), SUBJECT_TITLE_CHARACTERS)
    context = {
        # Names and text only: neither author's e-mail address goes into the mail.
        # Names and titles are made one line, so they cannot pose as lines of their own.
        "name": _one_line(parent.author_name),
        "replier": _one_line(reply.display_name),
        "title": _one_line(page.title),
        "body": quoted(reply.body),
        "link": page.link_to(reply),
        "unsubscribe_link": unsubscribe,
        "site_name": settings.MAONI_SITE_NAME,
    }
    subject = gettext("%(name)s replied to your comment on “%(title)s”") % {
        "name": reply.display_name,
        "title": title,
    }
    body = render_to_string("notifications/email/reply_body.txt", context)
    return EmailMessage(
        _one_line(subject),
        body,
        to=[parent.author_email.strip()],
        headers={
            # RFC 8058: mail programs show an unsubscribe button that POSTs to the link.
            "List-Unsubscribe": f"<{unsubscribe}>",
            "List-Unsubscribe-Post": "List-Unsubscribe=One-Click",
        },
    )


# Unsubscribing.


class UnsubscribeLinkInvalid(Exception):
    """An unsubscribe link that names no address."""


def _address_digest(email: str) -> str:
    # The link carries a keyed digest of the address, not the address, so
    # it does not land in access logs; the comment id says where to look.
    return salted_hmac(UNSUBSCRIBE_SALT, email.strip().lower(), algorithm="sha256").hexdigest()[:24]


def unsubscribe_token(*, comment: Comment) -> str:
    """A signed token, valid for good, that names the address of ``comment``'s author."""
    payload = {"comment": comment.pk, "email": _address_digest(comment.author_email)}
    return signing.dumps(payload, salt=UNSUBSCRIBE_SALT)


def unsubscribe_link(*, comment: Comment) -> str:
    path = reverse(
        "notifications:unsubscribe", kwargs={"token": unsubscribe_token(comment=comment)}
    )
    return _absolute(path)


def unsubscribe_address(*, token: str) -> str:
    """The lowercased address an unsubscribe token names, changing nothing.

    Raises UnsubscribeLinkInvalid when the token is damaged or tampered
    with, or its comment is gone or now has another address.
    """
    try:
        payload = signing.loads(token, salt=UNSUBSCRIBE_SALT)
    except signing.BadSignature as error:
        raise UnsubscribeLinkInvalid from error
    # The signature vouches for the payload's shape; only this module signs with this salt.
    comment = Comment.objects.filter(pk=payload["comment"]).only("author_email").first()
    if comment is None or not comment.author_email.strip():
        raise UnsubscribeLinkInvalid
    if not hmac.compare_digest(_address_digest(comment.author_email), payload["email"]):
        raise UnsubscribeLinkInvalid
    return comment.author_email.strip().lower()


def address_unsubscribe(*, token: str, now: datetime | None = None) -> int:
    """Stops reply notices to the address a token names; returns how many comments asked for them.

    Every comment from the address stops asking, and the time is recorded,
    so comments posted before it are never the subject of a notice even if
    they are stored later. Raises UnsubscribeLinkInvalid like
    ``unsubscribe_address``.
    """
    address = unsubscribe_address(token=token)
    now = now or timezone.now()
    with transaction.atomic():
        stopped = comments_stop_reply_notices(address=address)
        Unsubscription.objects.update_or_create(email=address, defaults={"unsubscribed": now})
    return stopped
