"""The unsubscribe link: a page with a button, the button, and RFC 8058's one-click POST."""

from __future__ import annotations

import html
import re
from datetime import timedelta

import pytest
from django.core import signing
from django.test import Client

from maoni.accounts.services import CONFIRMATION_SALT
from maoni.comments.models import Comment
from maoni.notifications.models import Unsubscription
from maoni.notifications.services import UNSUBSCRIBE_SALT, unsubscribe_token
from tests.notifications.conftest import BASE_URL, confirmed, post, sent_to

AMINA = "amina@example.org"
LINK = re.compile(rf"{BASE_URL}(/notifications/unsubscribe/[^/\s]+/)")
INVALID = "This unsubscribe link is not valid."


@pytest.fixture
def parent(kisumu) -> Comment:
    return confirmed(post(kisumu, author_name="Amina", author_email=AMINA, notify_replies=True))


@pytest.fixture
def csrf_client() -> Client:
    # Mail programs and scanners carry no CSRF cookie; the link must work without one.
    return Client(enforce_csrf_checks=True)


def reply_to(parent: Comment, body: str = "A reply.") -> Comment:
    return post(
        parent.thread.article,
        parent=parent,
        author_name="Akinyi",
        author_email="akinyi@example.org",
        body=body,
    )


@pytest.fixture
def link(parent, on_commit, mailoutbox) -> str:
    """The unsubscribe path from the first notice Amina got."""
    with on_commit():
        reply_to(parent)
    match = LINK.search(str(sent_to(AMINA)[0].body))
    assert match is not None
    return match.group(1)


def notified(parent: Comment, on_commit) -> bool:
    """Whether a new reply to ``parent`` mails its author."""
    before = len(sent_to(AMINA))
    with on_commit():
        reply_to(parent, body="Another reply.")
    return len(sent_to(AMINA)) > before


def test_opening_the_link_changes_nothing(link, parent, csrf_client, on_commit):
    response = csrf_client.get(link)
    assert response.status_code == 200
    page = html.unescape(response.content.decode())
    assert "<title>Stop e-mails about replies | Maoni</title>" in page
    assert '<form method="post">' in page
    assert "Stop these e-mails</button>" in page
    assert AMINA not in page
    parent.refresh_from_db()
    assert parent.notify_replies
    assert not Unsubscription.objects.exists()
    assert notified(parent, on_commit)


def test_the_button_unsubscribes_every_comment_from_the_address(
    link, parent, kisumu, csrf_client, on_commit, mailoutbox
):
    other = post(kisumu, author_name="Amina", author_email="Amina@Example.org", notify_replies=True)
    stranger = post(kisumu, author_email="baraka@example.org", notify_replies=True)
    response = csrf_client.post(link)
    assert response.status_code == 200
    page = html.unescape(response.content.decode())
    assert "You will no longer be e-mailed when someone replies" in page
    assert list(
        Comment.objects.filter(pk__in=[parent.pk, other.pk, stranger.pk])
        .order_by("pk")
        .values_list("notify_replies", flat=True)
    ) == [False, False, True]
    assert list(Unsubscription.objects.values_list("email", flat=True)) == [AMINA]
    assert not notified(parent, on_commit)
    assert not notified(other, on_commit)


def test_the_one_click_post_of_rfc_8058_unsubscribes(link, parent, csrf_client, on_commit):
    response = csrf_client.post(
        link, "List-Unsubscribe=One-Click", content_type="application/x-www-form-urlencoded"
    )
    assert response.status_code == 200
    parent.refresh_from_db()
    assert not parent.notify_replies
    assert not notified(parent, on_commit)


def test_unsubscribing_twice_is_harmless(link, csrf_client):
    assert csrf_client.post(link).status_code == 200
    assert csrf_client.post(link).status_code == 200
    assert Unsubscription.objects.count() == 1


def test_a_comment_from_before_the_unsubscription_is_never_the_subject_of_a_notice(
    link, parent, csrf_client, on_commit
):
    csrf_client.post(link)
    # As if it had been posted in a race with the unsubscription, or imported later.
    Comment.objects.filter(pk=parent.pk).update(notify_replies=True)
    assert not notified(parent, on_commit)


def test_ticking_the_box_on_a_later_comment_opts_in_again(
    link, kisumu, csrf_client, on_commit, monkeypatch
):
    csrf_client.post(link)
    later = Unsubscription.objects.get().unsubscribed + timedelta(seconds=1)
    monkeypatch.setattr("django.utils.timezone.now", lambda: later)
    again = post(kisumu, author_name="Amina", author_email=AMINA, notify_replies=True)
    assert again.created > Unsubscription.objects.get().unsubscribed
    assert notified(again, on_commit)


def bad_token(kind: str, parent: Comment) -> str:
    if kind == "garbled":
        return "not-a-token"
    if kind == "another address":
        return signing.dumps({"comment": parent.pk, "email": "0" * 24}, salt=UNSUBSCRIBE_SALT)
    if kind == "another salt":
        payload = signing.loads(unsubscribe_token(comment=parent), salt=UNSUBSCRIBE_SALT)
        return signing.dumps(payload, salt=CONFIRMATION_SALT)
    # Another comment's payload under this comment's signature.
    payload, signed = unsubscribe_token(comment=parent).split(":", 1)
    other = post(parent.thread.article, author_email="baraka@example.org", notify_replies=True)
    other_payload = unsubscribe_token(comment=other).split(":", 1)[0]
    assert other_payload != payload
    return f"{other_payload}:{signed}"


@pytest.mark.parametrize("kind", ["garbled", "another address", "another salt", "tampered"])
@pytest.mark.parametrize("method", ["get", "post"])
def test_a_bad_link_gets_a_clear_400_and_changes_nothing(parent, csrf_client, kind, method):
    token = bad_token(kind, parent)
    response = getattr(csrf_client, method)(f"/notifications/unsubscribe/{token}/")
    assert response.status_code == 400
    page = html.unescape(response.content.decode())
    assert "<h1>Unsubscribe link not valid</h1>" in page
    assert INVALID in page
    assert Comment.objects.filter(notify_replies=False).count() == 0
    assert not Unsubscription.objects.exists()


def test_a_link_for_a_removed_comment_gets_a_400(link, parent, csrf_client):
    parent.delete()
    response = csrf_client.get(link)
    assert response.status_code == 400
    assert INVALID in html.unescape(response.content.decode())


def test_the_link_does_not_expire(parent, csrf_client, monkeypatch):
    with monkeypatch.context() as past:
        # Signed in 2001.
        past.setattr("time.time", lambda: 1_000_000_000.0)
        token = unsubscribe_token(comment=parent)
    assert csrf_client.get(f"/notifications/unsubscribe/{token}/").status_code == 200


def test_other_methods_are_refused(link, csrf_client):
    assert csrf_client.put(link).status_code == 405
