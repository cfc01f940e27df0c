"""Confirmation links: good, expired, tampered with, used twice, and asked for again."""

from __future__ import annotations

import re
import time
from unittest import mock

import pytest
from django.contrib.auth.models import User
from django.core import signing
from django.test import Client

from maoni.accounts import services
from tests.accounts.conftest import link_in, make_user, page

EXPIRED = "This confirmation link has expired: links work for three days. Ask for a new one."
BROKEN = "This confirmation link is not valid."
USED = "This confirmation link was used already, so there is nothing left to confirm."
RESENT = (
    "If an account at that address is waiting for confirmation, a new link is on its way "
    "to it. The link works for three days."
)
DAY = 24 * 60 * 60
# Masked anew on every response, so left out where pages are compared.
CSRF_TOKEN = re.compile(r'name="csrfmiddlewaretoken" value="[^"]*"')


def link_for(user: User, *, days_ago: float = 0) -> str:
    """A confirmation link for ``user`` as it would have been made ``days_ago``."""
    made_at = time.time() - days_ago * DAY
    # The signer stamps tokens with time.time(); only the making is moved back.
    with mock.patch("django.core.signing.time.time", return_value=made_at):
        return f"/accounts/confirm/{services.confirmation_token(user=user)}/"


def assert_refused(response, message: str) -> None:
    assert response.status_code == 400
    text = page(response)
    assert message in text
    assert 'href="/accounts/confirm/resend/"' in text


def test_a_link_works_for_three_days(client, unconfirmed):
    response = client.post(link_for(unconfirmed, days_ago=2.9))
    assert response.status_code == 302
    unconfirmed.refresh_from_db()
    assert unconfirmed.is_active


def test_an_expired_link_is_refused(client, unconfirmed):
    assert_refused(client.get(link_for(unconfirmed, days_ago=3.1)), EXPIRED)
    unconfirmed.refresh_from_db()
    assert not unconfirmed.is_active
    assert "_auth_user_id" not in client.session


@pytest.mark.parametrize(
    "tamper",
    [
        lambda token: token[:-1] + ("A" if token[-1] != "A" else "B"),
        lambda token: token[: len(token) // 2],
        lambda token: "not-a-token",
    ],
)
def test_a_tampered_link_is_refused(client, unconfirmed, tamper):
    token = services.confirmation_token(user=unconfirmed)
    assert_refused(client.get(f"/accounts/confirm/{tamper(token)}/"), BROKEN)
    unconfirmed.refresh_from_db()
    assert not unconfirmed.is_active


def test_a_token_signed_for_another_purpose_is_refused(client, unconfirmed):
    token = signing.dumps({"user": unconfirmed.pk, "email": "x"})
    assert_refused(client.get(f"/accounts/confirm/{token}/"), BROKEN)


def test_a_link_for_an_address_changed_since_is_refused(client, unconfirmed):
    link = link_for(unconfirmed)
    User.objects.filter(pk=unconfirmed.pk).update(email="other@example.org")
    assert_refused(client.get(link), BROKEN)


def test_a_link_for_a_deleted_account_is_refused(client, unconfirmed):
    link = link_for(unconfirmed)
    unconfirmed.delete()
    assert_refused(client.get(link), BROKEN)


def test_confirming_twice_is_harmless(client, unconfirmed):
    link = link_for(unconfirmed)
    assert client.post(link).status_code == 302
    # The same browser again, still logged in.
    assert_refused(client.get(link), USED)
    assert client.session["_auth_user_id"] == str(unconfirmed.pk)
    # Someone else with the link is not logged in by it.
    other = Client()
    assert_refused(other.get(link), USED)
    assert "_auth_user_id" not in other.session
    unconfirmed.refresh_from_db()
    assert unconfirmed.is_active


def test_a_link_cannot_undo_a_deactivation_by_staff(client, unconfirmed):
    link = link_for(unconfirmed)
    client.post(link)
    User.objects.filter(pk=unconfirmed.pk).update(is_active=False)
    assert_refused(Client().get(link), USED)
    unconfirmed.refresh_from_db()
    assert not unconfirmed.is_active


def test_a_head_request_does_not_use_up_the_link(client, unconfirmed):
    assert client.head(link_for(unconfirmed)).status_code == 405
    unconfirmed.refresh_from_db()
    assert not unconfirmed.is_active


def resend(client: Client, on_commit, email: str):
    with on_commit():
        return client.post("/accounts/confirm/resend/", {"email": email}, follow=True)


def test_resend_mails_a_new_link_that_works(client, unconfirmed, on_commit, mailoutbox):
    response = resend(client, on_commit, "AMINA@example.org")
    assert RESENT in page(response)
    assert [message.to for message in mailoutbox] == [["amina@example.org"]]
    assert client.post(link_in(mailoutbox[0]))["Location"] == "/"
    unconfirmed.refresh_from_db()
    assert unconfirmed.is_active


def test_resend_answers_the_same_whatever_the_address(client, db, on_commit, mailoutbox):
    make_user("Confirmed Reader", "confirmed@example.org")
    make_user("Waiting Reader", "waiting@example.org", confirmed=False)
    answers = {
        email: CSRF_TOKEN.sub("", page(resend(client, on_commit, email)))
        for email in ("nobody@example.org", "confirmed@example.org", "waiting@example.org")
    }
    assert len(set(answers.values())) == 1
    assert RESENT in answers["nobody@example.org"]
    assert [message.to for message in mailoutbox] == [["waiting@example.org"]]


def test_resend_skips_accounts_deactivated_by_staff(client, db, on_commit, mailoutbox):
    banned = make_user()
    User.objects.filter(pk=banned.pk).update(is_active=False, last_login=banned.date_joined)
    resend(client, on_commit, "amina@example.org")
    assert mailoutbox == []


def test_resend_wants_a_valid_address(client, db):
    response = client.post("/accounts/confirm/resend/", {"email": "amina"})
    assert response.status_code == 400
    text = page(response)
    assert "Enter a valid e-mail address." in text
    assert 'value="amina"' in text


def test_opening_the_link_changes_nothing_until_the_reader_confirms(client, unconfirmed):
    """Mail scanners that fetch every link must not use the reader's link up."""
    link = link_for(unconfirmed)
    for _ in range(3):
        assert Client().get(link).status_code == 200
    unconfirmed.refresh_from_db()
    assert not unconfirmed.is_active
    assert client.post(link).status_code == 302
    unconfirmed.refresh_from_db()
    assert unconfirmed.is_active


def test_resend_mails_one_address_three_times_an_hour(client, unconfirmed, on_commit, mailoutbox):
    for _ in range(3):
        assert RESENT in page(resend(client, on_commit, "amina@example.org"))
    refused = client.post("/accounts/confirm/resend/", {"email": "Amina@Example.org"})
    assert refused.status_code == 429
    assert 1000 < int(refused["Retry-After"]) <= 1200
    text = page(refused)
    assert "at most 3 times an hour to one address" in text
    assert "Nothing was sent; ask again in 20 minutes" in text
    assert 'value="Amina@Example.org"' in text
    assert len(mailoutbox) == 3
    # Another address is not held up by this one.
    make_user("Waiting Reader", "waiting@example.org", confirmed=False)
    assert RESENT in page(resend(client, on_commit, "waiting@example.org"))
    assert len(mailoutbox) == 4


def test_resend_limits_one_client_asking_for_many_addresses(client, db, on_commit, mailoutbox):
    for number in range(5):
        assert resend(client, on_commit, f"reader{number}@example.org").status_code == 200
    refused = client.post("/accounts/confirm/resend/", {"email": "reader9@example.org"})
    assert refused.status_code == 429
    # A reader on another network can still ask for that address.
    elsewhere = Client(REMOTE_ADDR="198.51.100.7")
    with on_commit():
        assert (
            elsewhere.post(
                "/accounts/confirm/resend/", {"email": "reader9@example.org"}
            ).status_code
            == 302
        )
