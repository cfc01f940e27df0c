"""Logging in and out, the hint for unconfirmed accounts, and safe redirects."""

from __future__ import annotations

import pytest
from django.contrib.auth.models import User
from django.test import Client

from tests.accounts.conftest import PASSWORD, log_in, make_user, page

WRONG = "The name, e-mail address or password is not right. Check them and try again."
UNCONFIRMED = "Your e-mail address is not confirmed yet."


def logged_in_as(client: Client) -> int | None:
    user_id = client.session.get("_auth_user_id")
    return None if user_id is None else int(user_id)


def test_the_login_page_has_the_form_and_the_way_out(client, db):
    text = page(client.get("/accounts/login/"))
    assert "<title>Log in | Maoni</title>" in text
    assert '<label for="id_username">Name or e-mail address' in text
    assert 'autocomplete="current-password"' in text
    assert 'href="/accounts/password-reset/"' in text
    assert 'href="/accounts/register/"' in text


@pytest.mark.parametrize(
    "typed",
    ["Amina Otieno", "amina otieno", " Amina  Otieno ", "amina@example.org", "AMINA@Example.org"],
)
def test_a_reader_logs_in_by_name_or_address(client, reader_account, typed):
    response = log_in(client, typed)
    assert response.status_code == 302
    assert response["Location"] == "/"
    assert logged_in_as(client) == reader_account.pk


@pytest.mark.parametrize(
    ("username", "password"),
    [("Amina Otieno", "wrong-password"), ("Nobody Here", PASSWORD), ("no@example.org", PASSWORD)],
)
def test_wrong_details_get_one_message(client, reader_account, username, password):
    response = log_in(client, username, password)
    assert response.status_code == 400
    text = page(response)
    assert WRONG in text
    assert UNCONFIRMED not in text
    assert f'value="{username}"' in text
    assert logged_in_as(client) is None


def test_empty_fields_are_named(client, db):
    response = client.post("/accounts/login/", {"username": "", "password": ""})
    assert response.status_code == 400
    text = page(response)
    assert "Name or e-mail address field is required." in text
    assert "Password field is required." in text


def test_an_unconfirmed_reader_is_told_to_confirm(client, unconfirmed):
    response = log_in(client, "amina@example.org")
    assert response.status_code == 400
    text = page(response)
    assert UNCONFIRMED in text
    assert 'href="/accounts/confirm/resend/"' in text
    assert WRONG not in text
    assert logged_in_as(client) is None


def test_a_wrong_password_does_not_tell_an_account_awaits_confirmation(client, unconfirmed):
    text = page(log_in(client, "Amina Otieno", "wrong-password"))
    assert WRONG in text
    assert UNCONFIRMED not in text


def test_a_deactivated_reader_gets_no_confirmation_hint(client, reader_account):
    User.objects.filter(pk=reader_account.pk).update(
        is_active=False, last_login=reader_account.date_joined
    )
    text = page(log_in(client, "Amina Otieno"))
    assert WRONG in text
    assert UNCONFIRMED not in text


def test_logging_out_takes_a_post(client, reader_account):
    client.force_login(reader_account)
    assert client.get("/accounts/logout/").status_code == 405
    assert logged_in_as(client) == reader_account.pk
    response = client.post("/accounts/logout/")
    assert response.status_code == 302
    assert response["Location"] == "/"
    assert logged_in_as(client) is None


def test_logging_out_needs_the_csrf_token(reader_account):
    browser = Client(enforce_csrf_checks=True)
    browser.force_login(reader_account)
    assert browser.post("/accounts/logout/").status_code == 403
    front = browser.get("/").content.decode()
    token = browser.cookies["csrftoken"].value
    assert 'action="/accounts/logout/"' in front
    response = browser.post("/accounts/logout/", {"csrfmiddlewaretoken": token})
    assert response.status_code == 302
    assert logged_in_as(browser) is None


def test_login_returns_to_the_page_it_was_asked_from(client, reader_account):
    response = log_in(client, "Amina Otieno", next="/news/some-article/?page=2")
    assert response["Location"] == "/news/some-article/?page=2"


@pytest.mark.parametrize(
    "target",
    [
        "https://evil.example/",
        "//evil.example/",
        "https:evil.example",
        "/\\evil.example",
        "javascript:alert(1)",
    ],
)
def test_login_does_not_follow_a_redirect_off_the_site(client, reader_account, target):
    # The form does not even carry the address on.
    assert 'name="next"' not in page(client.get("/accounts/login/", {"next": target}))
    response = log_in(client, "Amina Otieno", next=target)
    assert response.status_code == 302
    assert response["Location"] == "/"


def test_the_header_offers_log_in_and_register_when_logged_out(client, make_article):
    article = make_article(slug="mvua-kubwa")
    text = page(client.get(article.get_absolute_url()))
    assert '<a href="/accounts/login/?next=/news/mvua-kubwa/">Log in</a>' in text
    assert '<a href="/accounts/register/">Register</a>' in text
    assert "Log out" not in text


def test_the_header_shows_the_name_and_log_out_when_logged_in(client, make_article):
    user = make_user("Kamau <Njoroge>", "kamau@example.org")
    client.force_login(user)
    text = client.get(make_article().get_absolute_url()).content.decode()
    assert '<span class="account-name">Kamau &lt;Njoroge&gt;</span>' in text
    assert '<button type="submit" class="link-button">Log out</button>' in text
    assert 'href="/accounts/login/' not in text
