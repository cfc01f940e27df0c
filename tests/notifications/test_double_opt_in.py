"""Double opt-in: reply notices go to a typed address only once its owner confirmed it."""

from __future__ import annotations

import re
import time

import pytest
from django.contrib.auth.models import User
from django.core import mail
from django.test import Client

from maoni.articles.models import Article
from maoni.comments.confirmations import confirmation_token
from maoni.comments.models import Comment
from maoni.notifications.services import no_notice_reason, page_of
from tests.conftest import Reader
from tests.notifications.conftest import BASE_URL, post, sent_to

AMINA = "amina@example.org"
CONFIRM_LINK = re.compile(rf"{BASE_URL}(/notifications/confirm/[^/\s]+/)")
SUBJECT = "Confirm your e-mail address for reply notices on Maoni"
TOLD = "To get e-mails about replies, confirm your e-mail address"
EXPIRED = "This confirmation link has expired"
BROKEN = "This confirmation link is not valid."


def ask(article: Article, on_commit, **fields) -> Comment:
    """Amina posts a comment and ticks the box, without an account."""
    values = {"author_name": "Amina", "author_email": AMINA, "notify_replies": True}
    values.update(fields)
    with on_commit():
        return post(article, **values)


def replied(parent: Comment, on_commit) -> bool:
    """Whether a new reply to ``parent`` mails its author a notice."""
    before = len(notices())
    with on_commit():
        post(parent.thread.article, parent=parent, author_name="Akinyi", body="A reply.")
    return len(notices()) > before


def notices() -> list[mail.EmailMessage]:
    return [message for message in sent_to(AMINA) if message.subject != SUBJECT]


def confirmations_sent() -> list[mail.EmailMessage]:
    return [message for message in mail.outbox if message.subject == SUBJECT]


def link_in(message) -> str:
    match = CONFIRM_LINK.search(message.body)
    assert match is not None
    return match.group(1)


@pytest.fixture
def browser() -> Client:
    # Opened from a mail: no CSRF cookie.
    return Client(enforce_csrf_checks=True)


def test_ticking_the_box_mails_one_confirmation_and_no_notice(kisumu, on_commit, mailoutbox):
    parent = ask(kisumu, on_commit)
    (confirmation,) = mailoutbox
    assert confirmation.to == [AMINA]
    assert confirmation.subject == SUBJECT
    assert confirmation.body.startswith("Hello,\n\n")
    # The address may be a stranger's: nothing the commenter typed is in it.
    assert "Amina" not in confirmation.body
    assert "within 3 days" in confirmation.body
    # The link names the comment and a keyed digest, not the address.
    assert "amina" not in link_in(confirmation).lower()
    assert not replied(parent, on_commit)
    reply = Comment.objects.get(parent=parent)
    reason = no_notice_reason(reply=reply, parent=parent, page=page_of(kisumu.thread_id))
    assert reason == "the address is not confirmed"


def test_one_confirmation_a_day_however_many_comments(clock, kisumu, on_commit, mailoutbox):
    for _ in range(3):
        ask(kisumu, on_commit)
    ask(kisumu, on_commit, author_email=AMINA.upper())
    assert len(confirmations_sent()) == 1
    clock.advance(hours=25)
    ask(kisumu, on_commit)
    assert len(confirmations_sent()) == 2


def test_opening_the_link_does_not_confirm_and_the_button_does(
    kisumu, on_commit, mailoutbox, browser
):
    parent = ask(kisumu, on_commit)
    link = link_in(mailoutbox[0])
    page = browser.get(link)
    assert page.status_code == 200
    assert "Confirm my address" in page.content.decode()
    browser.head(link)
    assert not replied(parent, on_commit)

    confirmed = browser.post(link)
    assert confirmed.status_code == 200
    assert "Your e-mail address is confirmed" in confirmed.content.decode()
    assert replied(parent, on_commit)
    # Comments posted before the confirmation are told of from now on too,
    # and a confirmed address is not asked again.
    later = ask(kisumu, on_commit)
    assert replied(later, on_commit)
    assert len(confirmations_sent()) == 1
    # Using the link again is harmless.
    assert browser.post(link).status_code == 200


def test_the_reader_is_told_after_posting(reader: Reader, on_commit, mailoutbox):
    with on_commit():
        response = reader.post(name="Amina", mail=AMINA, body="Tell me of replies.", notify="1")
    assert response.status_code == 302
    page = reader.client.get(response["Location"]).content.decode()
    assert TOLD in page
    assert len(confirmations_sent()) == 1


def test_nothing_to_confirm_without_the_box_ticked(reader: Reader, on_commit, mailoutbox):
    with on_commit():
        response = reader.post(name="Amina", mail=AMINA, body="No replies, please.")
    assert TOLD not in reader.client.get(response["Location"]).content.decode()
    assert mailoutbox == []


def test_a_confirmed_account_needs_no_confirmation(kisumu, on_commit, mailoutbox):
    amina = User.objects.create_user("Amina", AMINA, "pw")
    with on_commit():
        parent = post(kisumu, user=amina, body="Mine.", notify_replies=True)
    assert mailoutbox == []
    assert replied(parent, on_commit)


def test_imported_comments_mail_nobody(kisumu, on_commit, mailoutbox):
    with on_commit():
        post(
            kisumu,
            author_email=AMINA,
            notify_replies=True,
            status=Comment.Status.PUBLISHED,
        )
    assert mailoutbox == []


def test_an_expired_link_gets_a_clear_400(kisumu, on_commit, browser, monkeypatch):
    parent = ask(kisumu, on_commit)
    link = f"/notifications/confirm/{confirmation_token(comment=parent)}/"
    later = time.time() + 4 * 24 * 3600
    monkeypatch.setattr("django.core.signing.time.time", lambda: later)
    for response in (browser.get(link), browser.post(link)):
        assert response.status_code == 400
        assert EXPIRED in response.content.decode()
    monkeypatch.undo()
    assert not replied(parent, on_commit)


@pytest.mark.parametrize(
    "token",
    ["nonsense", "eyJjb21tZW50IjoxfQ:1tAmpe:tampered", "a" * 300],
)
def test_a_damaged_link_gets_a_clear_400(kisumu, on_commit, browser, token):
    ask(kisumu, on_commit)
    for response in (
        browser.get(f"/notifications/confirm/{token}/"),
        browser.post(f"/notifications/confirm/{token}/"),
    ):
        assert response.status_code == 400
        assert BROKEN in response.content.decode()


def test_a_link_for_a_comment_whose_address_changed_is_refused(kisumu, on_commit, browser):
    parent = ask(kisumu, on_commit)
    link = f"/notifications/confirm/{confirmation_token(comment=parent)}/"
    Comment.objects.filter(pk=parent.pk).update(author_email="someone@example.org")
    assert browser.post(link).status_code == 400
    Comment.objects.filter(pk=parent.pk).update(author_email=AMINA)
    assert not replied(parent, on_commit)


def test_other_methods_are_refused(kisumu, on_commit, browser):
    parent = ask(kisumu, on_commit)
    link = f"/notifications/confirm/{confirmation_token(comment=parent)}/"
    assert browser.put(link).status_code == 405
