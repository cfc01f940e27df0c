"""A report's mails go out in the language of the person they are for.

The sender of a notice of illegal content gets the receipt and, later, the
decision in the language they reported in, whatever language the moderator
works in; the author of a removed comment is written to in the site's
language, since a comment does not record its author's. The tests that
expect Swahili read the real catalog (locale/sw), so they pass once it is
compiled.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

import pytest
from django.contrib.auth.models import User
from django.test import Client
from django.utils import translation

from maoni.articles.models import Article
from maoni.comments.models import AddressConfirmation, Comment
from maoni.comments.services import comment_post, comments_moderate
from maoni.reports.models import Report

pytestmark = pytest.mark.django_db

ILLEGAL = {
    "reason": "illegal",
    "legal_ground": "Computer Misuse and Cybercrimes Act, section 27",
    "explanation": "It threatens a named person with violence.",
    "name": "Achieng",
    "email": "achieng@example.org",
}


def report_in(language: str, comment: Comment, **fields: str) -> Any:
    """A reader whose browser asks for ``language`` reports ``comment``."""
    reader = Client(REMOTE_ADDR="198.51.100.1", HTTP_ACCEPT_LANGUAGE=language)
    return reader.post(f"/comment/{comment.pk}/report/", {"reason": "spam", **fields})


@pytest.fixture
def comment(article: Article) -> Comment:
    return comment_post(
        thread=article.thread,
        body="Buy cheap watches today.",
        author_name="Otieno",
        author_email="otieno@example.org",
        question_id=None,
    )


@pytest.fixture
def editor() -> User:
    return User.objects.create_user("desk", "desk@example.org", "pw", is_staff=True)


@pytest.fixture
def mails(
    mailoutbox: list[Any], django_capture_on_commit_callbacks: Callable[..., Any]
) -> Callable[[], Any]:
    return lambda: django_capture_on_commit_callbacks(execute=True)


def moderate_in(language: str, comment: Comment, editor: User, action: str) -> None:
    with translation.override(language):
        comments_moderate(comment_ids=[comment.pk], action=action, actor=editor, note="Hapana.")


def test_a_report_keeps_the_language_it_was_sent_in(comment) -> None:
    assert report_in("sw", comment).status_code == 200
    assert Report.objects.get().language == "sw"


def test_an_english_notice_is_answered_in_english_by_a_swahili_moderator(
    comment, editor, mails, mailoutbox
) -> None:
    with mails():
        report_in("en", comment, **ILLEGAL)
        moderate_in("sw", comment, editor, "delete")
    receipt, decision = mailoutbox
    assert "received your notice of illegal content" in receipt.body
    assert decision.subject == "Your notice about a comment on Maoni"
    assert "Decision: the comment was removed" in decision.body


# Needs the compiled Swahili catalog.
def test_a_swahili_notice_is_answered_in_swahili_by_an_english_moderator(
    comment, editor, mails, mailoutbox
) -> None:
    with mails():
        report_in("sw", comment, **ILLEGAL)
    (receipt,) = mailoutbox
    assert receipt.subject == "Taarifa yako kuhusu maoni kwenye Maoni"
    assert receipt.body.startswith("Habari Achieng,\n")
    assert "imepokea taarifa yako ya maudhui haramu" in receipt.body
    with mails():
        moderate_in("en", comment, editor, "delete")
    decision = mailoutbox[1]
    assert decision.subject == "Taarifa yako kuhusu maoni kwenye Maoni"
    assert "Uamuzi: maoni yaliondolewa" in decision.body
    assert "Sababu za msimamizi:\nHapana." in decision.body
    assert "Decision" not in decision.body


# Needs the compiled Swahili catalog.
def test_maonis_own_note_is_translated_but_stored_in_english(comment, mails, mailoutbox) -> None:
    with mails():
        report_in("sw", comment, **ILLEGAL)
    with mails():
        comments_moderate(comment_ids=[comment.pk], action="delete", actor=None, by_author=True)
    assert Report.objects.get().decision_note == "Its author deleted it."
    assert "Sababu za msimamizi:\nMwandishi wake aliyafuta." in mailoutbox[-1].body


def test_the_author_of_a_removed_comment_is_told_in_the_site_language(
    comment, editor, mails, mailoutbox
) -> None:
    AddressConfirmation.objects.create(
        email="otieno@example.org", mailed=comment.created, confirmed=comment.created
    )
    report_in("sw", comment, reason="abuse")
    with mails():
        moderate_in("sw", comment, editor, "spam")
    (told,) = mailoutbox
    assert told.subject == "Your comment on Maoni was removed"
    assert "Readers reported it as: Abuse or harassment" in told.body


# Needs the compiled Swahili catalog.
def test_a_swahili_site_tells_the_author_in_swahili(
    comment, editor, mails, mailoutbox, settings
) -> None:
    settings.LANGUAGE_CODE = "sw"
    AddressConfirmation.objects.create(
        email="otieno@example.org", mailed=comment.created, confirmed=comment.created
    )
    report_in("en", comment, reason="abuse")
    with mails():
        moderate_in("en", comment, editor, "spam")
    (told,) = mailoutbox
    assert told.subject == "Maoni yako kwenye Maoni yameondolewa"
    assert "Wasomaji waliyaripoti kama: Matusi au unyanyasaji" in told.body
