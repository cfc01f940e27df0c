"""Mail about comments goes out in the language of the person it is for.

A reply notice is written in the language its reader was answered in when
they asked for notices, whoever's reply sets it off; the moderators' digest
in the site's language, whoever's comment was held. The tests that expect
Swahili read the real catalog (locale/sw), so they pass once it is compiled.
"""

from __future__ import annotations

from django.utils import translation

from maoni.comments.models import Comment
from maoni.notifications.models import ReplySubscription
from tests.notifications.conftest import confirmed, hold_everything, make_staff, post, sent_to

AMINA = "amina@example.org"
MODERATOR = "moderator@newsroom.example.org"


def ask_in(language: str, article, on_commit) -> Comment:
    """Amina, reading in ``language``, posts a comment and asks for reply notices."""
    with translation.override(language), on_commit():
        comment = post(article, author_name="Amina", author_email=AMINA, notify_replies=True)
    return confirmed(comment)


def reply_in(language: str, parent: Comment, on_commit) -> None:
    """Akinyi, reading in ``language``, replies to ``parent``."""
    with translation.override(language), on_commit():
        post(
            parent.thread.article,
            parent=parent,
            author_name="Akinyi",
            author_email="akinyi@example.org",
            body="Until ten.",
        )


def notice() -> str:
    """The subject and body of the one reply notice Amina got (not her address confirmation)."""
    (message,) = [
        message for message in sent_to(AMINA) if "List-Unsubscribe" in message.extra_headers
    ]
    return f"{message.subject}\n{message.body}"


def test_a_comment_asking_for_notices_keeps_the_language_it_was_posted_in(kisumu, on_commit):
    asked = ask_in("sw", kisumu, on_commit)
    assert ReplySubscription.objects.get(comment=asked).language == "sw"
    with translation.override("en"), on_commit():
        silent = post(kisumu, author_name="Juma", author_email="juma@example.org")
    assert not ReplySubscription.objects.filter(comment=silent).exists()


def test_an_english_reader_is_told_in_english_of_a_reply_from_a_swahili_page(
    kisumu, on_commit, mailoutbox
):
    parent = ask_in("en", kisumu, on_commit)
    reply_in("sw", parent, on_commit)
    text = notice()
    assert text.startswith("Akinyi replied to your comment on “Kisumu lakefront park")
    assert "\nHello Amina,\n" in text


# Needs the compiled Swahili catalog.
def test_a_swahili_reader_is_told_in_swahili_of_a_reply_written_in_english(
    kisumu, on_commit, mailoutbox
):
    parent = ask_in("sw", kisumu, on_commit)
    reply_in("en", parent, on_commit)
    text = notice()
    assert text.startswith("Akinyi amejibu maoni yako kwenye “Kisumu lakefront park")
    assert "\nHabari Amina,\n" in text
    assert "Soma jibu mahali lilipo katika mjadala" in text
    assert "replied" not in text


# Needs the compiled Swahili catalog.
def test_a_comment_with_no_language_kept_is_told_in_the_site_language(
    kisumu, on_commit, mailoutbox, settings
):
    parent = ask_in("en", kisumu, on_commit)
    ReplySubscription.objects.filter(comment=parent).delete()
    settings.LANGUAGE_CODE = "sw"
    reply_in("en", parent, on_commit)
    assert "\nHabari Amina,\n" in notice()


def test_the_digest_is_in_the_site_language_whoever_set_it_off(kisumu, on_commit, mailoutbox):
    make_staff("moderator")
    hold_everything()
    with translation.override("sw"), on_commit():
        post(kisumu, author_name="Akinyi", body="Taa ni mpya.")
    (digest,) = sent_to(MODERATOR)
    assert digest.subject == "1 comment waits for review on Maoni"
    assert "One comment is waiting for review on Maoni." in digest.body


# Needs the compiled Swahili catalog.
def test_a_swahili_site_mails_its_moderators_in_swahili(kisumu, on_commit, mailoutbox, settings):
    settings.LANGUAGE_CODE = "sw"
    make_staff("moderator")
    hold_everything()
    with translation.override("en"), on_commit():
        post(kisumu, author_name="Akinyi", body="The lights are new.")
    (digest,) = sent_to(MODERATOR)
    assert digest.subject == "Maoni 1 yanasubiri ukaguzi kwenye Maoni"
    assert "Foleni ya usimamizi:" in digest.body
    # Why it was held, in the digest's language too (stored in English).
    assert "kila maoni huidhinishwa kabla ya kuchapishwa" in digest.body
    assert "every comment is approved first" not in digest.body


# Needs the compiled Swahili catalog.
def test_the_address_confirmation_is_in_the_language_of_the_request(kisumu, on_commit, mailoutbox):
    with translation.override("sw"), on_commit():
        post(kisumu, author_name="Amina", author_email=AMINA, notify_replies=True)
    (confirmation,) = sent_to(AMINA)
    assert "Ili upate barua pepe hizo, thibitisha anwani" in confirmation.body
    assert confirmation.body.startswith("Habari,\n")
