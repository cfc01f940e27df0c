"""Mails about an account go out in the language of the reader's own request.

The confirmation link and the password reset are mailed while the reader
waits, so they are written in the language the reader's page is in. These
tests expect Swahili from the real catalog (locale/sw), so they pass once it
is compiled.
"""

from __future__ import annotations

from django.test import Client

from tests.accounts.conftest import TYPED, Capture, make_user

SWAHILI = {"HTTP_ACCEPT_LANGUAGE": "sw"}


# Needs the compiled Swahili catalog.
def test_a_reader_registering_in_swahili_is_mailed_the_link_in_swahili(
    db, mailoutbox, django_capture_on_commit_callbacks: Capture
) -> None:
    with django_capture_on_commit_callbacks(execute=True):
        response = Client(**SWAHILI).post("/accounts/register/", TYPED)
    assert response.status_code == 302
    (message,) = mailoutbox
    assert message.subject == "Thibitisha anwani yako ya barua pepe kwa Maoni"
    assert message.body.startswith("Habari Amina Otieno,\n")
    assert "fungua kiungo hiki ndani ya siku tatu" in message.body


# Needs the compiled Swahili catalog.
def test_a_password_reset_asked_for_in_swahili_is_mailed_in_swahili(db, mailoutbox) -> None:
    make_user()
    response = Client(**SWAHILI).post("/accounts/password-reset/", {"email": "amina@example.org"})
    assert response.status_code == 302
    (message,) = mailoutbox
    assert message.subject == "Chagua nenosiri jipya kwa Maoni"
    assert "Ili kuchagua nenosiri jipya, fungua kiungo hiki." in message.body


def test_a_reader_registering_in_english_is_mailed_in_english(
    db, mailoutbox, django_capture_on_commit_callbacks: Capture
) -> None:
    with django_capture_on_commit_callbacks(execute=True):
        Client(HTTP_ACCEPT_LANGUAGE="en").post("/accounts/register/", TYPED)
    (message,) = mailoutbox
    assert message.subject == "Confirm your e-mail address for Maoni"
    assert message.body.startswith("Hello Amina Otieno,\n")
