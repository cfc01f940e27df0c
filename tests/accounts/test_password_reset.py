"""Resetting a forgotten password through the link Django's views mail."""

from __future__ import annotations

from django.contrib.auth.models import User

from tests.accounts.conftest import BASE_URL, PASSWORD, link_in, log_in, make_user, page

NEW_PASSWORD = "mvua-ya-masika-2025"
DONE = "If an account with a confirmed e-mail address uses the address you typed"


def ask_for_reset(client, email: str):
    return client.post("/accounts/password-reset/", {"email": email})


def test_a_forgotten_password_is_reset_through_the_mailed_link(client, reader_account, mailoutbox):
    response = ask_for_reset(client, "AMINA@example.org")
    assert response.status_code == 302
    assert response["Location"] == "/accounts/password-reset/done/"
    assert DONE in page(client.get(response["Location"]))

    assert len(mailoutbox) == 1
    message = mailoutbox[0]
    assert message.to == ["amina@example.org"]
    assert message.subject == "Choose a new password for Maoni"
    assert "Hello Amina Otieno," in message.body
    assert f"{BASE_URL}/accounts/password-reset/" in message.body

    # Django moves the token out of the address before showing the form.
    response = client.get(link_in(message))
    assert response.status_code == 302
    form_url = response["Location"]
    assert form_url.endswith("/set-password/")
    form = page(client.get(form_url))
    assert "Choose a new password" in form
    assert form.count('type="password"') == 2

    response = client.post(form_url, {"new_password1": NEW_PASSWORD, "new_password2": NEW_PASSWORD})
    assert response.status_code == 302
    assert response["Location"] == "/accounts/password-reset/complete/"
    assert "Your new password is set." in page(client.get(response["Location"]))

    assert log_in(client, "Amina Otieno", PASSWORD).status_code == 400
    response = log_in(client, "Amina Otieno", NEW_PASSWORD)
    assert response.status_code == 302
    assert client.session["_auth_user_id"] == str(reader_account.pk)


def test_a_used_link_is_refused(client, reader_account, mailoutbox):
    ask_for_reset(client, "amina@example.org")
    link = link_in(mailoutbox[0])
    form_url = client.get(link)["Location"]
    client.post(form_url, {"new_password1": NEW_PASSWORD, "new_password2": NEW_PASSWORD})
    response = client.get(link)
    assert response.status_code == 400
    text = page(response)
    assert "This link to choose a new password is not valid" in text
    assert 'href="/accounts/password-reset/"' in text


def test_a_made_up_link_is_refused(client, reader_account):
    response = client.get("/accounts/password-reset/MQ/abc-123/")
    assert response.status_code == 400


def test_unknown_and_unconfirmed_addresses_get_the_same_answer_and_no_mail(client, db, mailoutbox):
    make_user(confirmed=False)
    for email in ("nobody@example.org", "amina@example.org"):
        response = ask_for_reset(client, email)
        assert response["Location"] == "/accounts/password-reset/done/"
    assert mailoutbox == []


def test_the_request_wants_a_valid_address(client, db):
    response = ask_for_reset(client, "amina")
    assert response.status_code == 400
    text = page(response)
    assert "Enter a valid e-mail address." in text
    assert 'value="amina"' in text


def test_new_passwords_follow_the_rules_and_match(client, reader_account, mailoutbox):
    ask_for_reset(client, "amina@example.org")
    form_url = client.get(link_in(mailoutbox[0]))["Location"]
    response = client.post(form_url, {"new_password1": NEW_PASSWORD, "new_password2": "other"})
    assert response.status_code == 400
    assert "The two passwords do not match. Type the same password twice." in page(response)
    response = client.post(form_url, {"new_password1": "12345678", "new_password2": "12345678"})
    assert response.status_code == 400
    assert "This password is entirely numeric." in page(response)
    assert User.objects.get().check_password(PASSWORD)


def test_the_link_points_at_the_configured_site_not_the_request_host(
    client, reader_account, mailoutbox, settings
):
    settings.ALLOWED_HOSTS = ["*"]
    client.post(
        "/accounts/password-reset/", {"email": "amina@example.org"}, HTTP_HOST="evil.example"
    )
    assert "evil.example" not in mailoutbox[0].body
    assert link_in(mailoutbox[0]).startswith("/accounts/password-reset/")


def test_reset_links_are_mailed_to_one_address_three_times_an_hour(
    client, reader_account, mailoutbox
):
    for _ in range(3):
        assert ask_for_reset(client, "amina@example.org").status_code == 302
    refused = ask_for_reset(client, "amina@example.org")
    assert refused.status_code == 429
    assert int(refused["Retry-After"]) > 0
    assert "Nothing was sent; ask again in 20 minutes" in page(refused)
    assert len(mailoutbox) == 3
