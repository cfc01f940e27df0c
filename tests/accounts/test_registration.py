"""Registering through the form: the happy path, every rule, and taken names."""

from __future__ import annotations

import pytest
from django.contrib.auth.models import User

from maoni.accounts import services
from tests.accounts.conftest import BASE_URL, PASSWORD, TYPED, link_in, make_user, page

CONFIRMED = "Your e-mail address is confirmed. Welcome!"
NAME_TAKEN = "That name is already taken. Choose another one."
EMAIL_TAKEN = (
    "An account with this e-mail address exists already. "
    "Log in, or reset your password if you have forgotten it."
)


def test_the_form_asks_for_name_email_and_password_twice(client, db):
    response = client.get("/accounts/register/")
    assert response.status_code == 200
    text = response.content.decode()
    assert "<title>Register | Maoni</title>" in text
    for name in ("name", "email", "password", "password_confirm"):
        assert f'name="{name}"' in text
    assert '<label for="id_name">Name' in text
    assert 'type="email" id="id_email"' in text
    assert text.count('type="password"') == 2


def test_registering_creates_an_inactive_account_and_mails_a_link(register, mailoutbox):
    response = register(name="  Amina   Otieno ")
    assert response.status_code == 302
    assert response["Location"] == "/accounts/register/done/"
    user = User.objects.get()
    assert user.username == "Amina Otieno"
    assert user.email == "amina@example.org"
    assert not user.is_active
    assert user.check_password(PASSWORD)
    assert len(mailoutbox) == 1
    message = mailoutbox[0]
    assert message.to == ["amina@example.org"]
    assert message.subject == "Confirm your e-mail address for Maoni"
    assert "Hello Amina Otieno," in message.body
    assert f"{BASE_URL}/accounts/confirm/" in message.body
    assert PASSWORD not in message.body
    # The address itself does not travel in the link.
    assert "amina" not in link_in(message)


def test_the_done_page_says_to_check_the_mailbox(register, client):
    response = client.get(register()["Location"])
    assert response.status_code == 200
    assert "Check your mailbox" in response.content.decode()


def test_following_the_link_activates_and_logs_in(register, client, mailoutbox):
    register()
    opened = client.get(link_in(mailoutbox[0]))
    assert opened.status_code == 200
    assert "Confirm and log in" in opened.content.decode()
    response = client.post(link_in(mailoutbox[0]))
    assert response.status_code == 302
    assert response["Location"] == "/"
    user = User.objects.get()
    assert user.is_active
    assert client.session["_auth_user_id"] == str(user.pk)
    front = page(client.get("/"))
    assert CONFIRMED in front
    assert '<span class="account-name">Amina Otieno</span>' in front
    assert 'action="/accounts/logout/"' in front


def test_a_mail_server_that_is_down_keeps_the_account(register, monkeypatch, caplog):
    def refuse(*args, **kwargs):
        raise ConnectionRefusedError("no mail server")

    monkeypatch.setattr("django.core.mail.EmailMessage.send", refuse)
    response = register()
    assert response.status_code == 302
    assert User.objects.filter(username="Amina Otieno", is_active=False).exists()
    assert "no mail server" in caplog.text


@pytest.mark.parametrize(
    ("fields", "field", "message"),
    [
        ({"name": "  "}, "name", "Name field is required."),
        ({"name": "A"}, "name", "A name must be at least 2 characters long."),
        ({"name": "x" * 61}, "name", "A name may be at most 60 characters long."),
        (
            {"name": "amina@home"},
            "name",
            "A name may contain only letters, digits, spaces and the characters . - _ ' "
            "(“@” is not one of them).",
        ),
        ({"name": "..."}, "name", "A name needs at least one letter or digit."),
        ({"email": ""}, "email", "E-mail address field is required."),
        ({"email": "amina.example.org"}, "email", "Enter a valid e-mail address."),
        (
            {"email": "a" * 245 + "@example.org"},
            "email",
            "An e-mail address may be at most 254 characters long.",
        ),
        ({"password": "", "password_confirm": ""}, "password", "Password field is required."),
        ({"password_confirm": ""}, "password_confirm", "Confirm password field is required."),
        (
            {"password": "short1", "password_confirm": "short1"},
            "password",
            "This password is too short. It must contain at least 8 characters.",
        ),
        (
            {"password": "password123", "password_confirm": "password123"},
            "password",
            "This password is too common.",
        ),
        (
            {"password": "4815162342", "password_confirm": "4815162342"},
            "password",
            "This password is entirely numeric.",
        ),
        (
            {"password": "AminaOtieno1", "password_confirm": "AminaOtieno1"},
            "password",
            "The password is too similar to the username.",
        ),
        (
            {"password_confirm": PASSWORD + "!"},
            "password_confirm",
            "The two passwords do not match. Type the same password twice.",
        ),
    ],
)
def test_each_rule_refuses_with_a_message_and_keeps_what_was_typed(
    register, mailoutbox, fields, field, message
):
    response = register(**fields)
    assert response.status_code == 400
    text = page(response)
    typed = {**TYPED, **fields}
    assert f'<p class="field-error" id="id_{field}-error">' in text
    assert message in text
    assert f'id="id_{field}" name="{field}"' in text
    assert "Your account was not created" in text
    # Name and address come back as typed; passwords never do.
    assert f'value="{typed["name"]}"' in text
    assert f'value="{typed["email"]}"' in text
    assert PASSWORD not in text
    assert 'aria-invalid="true"' in text
    assert not User.objects.exists()
    assert mailoutbox == []


@pytest.mark.parametrize(
    ("typed", "stored"),
    [
        ("Nyambura wa Kĩmani", "Nyambura wa Kĩmani"),
        ("प्रिया", "प्रिया"),
        ("O\u2019Brien", "O'Brien"),
    ],
)
def test_names_of_any_script_are_welcome(register, typed, stored):
    assert register(name=typed).status_code == 302
    assert User.objects.get().username == stored


def test_the_address_domain_is_stored_in_lower_case(register):
    assert register(email="Amina@Example.ORG").status_code == 302
    assert User.objects.get().email == "Amina@example.org"


@pytest.mark.parametrize(
    ("existing", "typed"),
    [
        ("Amina Otieno", "amina otieno"),
        ("Amina Otieno", "  AMINA   OTIENO "),
        ("Ñandú Kariuki", "ñANDÚ kariuki"),
        ("editor", "Editor"),
    ],
)
def test_a_taken_name_is_refused_whatever_its_case(register, db, existing, typed):
    make_user(existing, "someone@example.org")
    response = register(name=typed)
    assert response.status_code == 400
    text = page(response)
    assert f'<p class="field-error" id="id_name-error">{NAME_TAKEN}</p>' in text
    assert User.objects.count() == 1


def test_a_taken_address_is_refused_whatever_its_case(register, db):
    make_user("Someone Else", "amina@example.org")
    response = register(email="AMINA@Example.org")
    assert response.status_code == 400
    assert f'<p class="field-error" id="id_email-error">{EMAIL_TAKEN}</p>' in page(response)


def test_an_unconfirmed_account_holds_its_name_and_address_for_three_days(register, db):
    make_user(confirmed=False, joined_days_ago=2)
    response = register(name="AMINA OTIENO", email="amina@example.org")
    text = page(response)
    assert NAME_TAKEN in text
    assert EMAIL_TAKEN in text


def test_an_abandoned_unconfirmed_account_gives_way(register, db, mailoutbox):
    squatter = make_user(confirmed=False, joined_days_ago=4)
    assert register(name="amina otieno").status_code == 302
    assert not User.objects.filter(pk=squatter.pk).exists()
    assert User.objects.get().username == "amina otieno"
    assert len(mailoutbox) == 1


def test_a_deactivated_account_still_holds_its_name(register, db):
    # Staff switched it off after it was confirmed and used.
    banned = make_user(joined_days_ago=30)
    User.objects.filter(pk=banned.pk).update(is_active=False, last_login=banned.date_joined)
    assert NAME_TAKEN in page(register(email="new@example.org"))


def test_the_service_checks_again_whoever_calls_it(db):
    make_user("Amina Otieno", "amina@example.org")
    with pytest.raises(services.RegistrationRejected) as rejected:
        services.user_register(name="AMINA OTIENO", email="new@example.org", password=PASSWORD)
    assert rejected.value.field == "name"
    with pytest.raises(services.RegistrationRejected) as rejected:
        services.user_register(name="Someone", email="Amina@example.org", password=PASSWORD)
    assert rejected.value.field == "email"
    with pytest.raises(services.RegistrationRejected) as rejected:
        services.user_register(name="Someone", email="s@example.org", password="123")
    assert rejected.value.field == "password"
    assert User.objects.count() == 1
