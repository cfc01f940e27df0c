"""Readers report comments; enough reports hold one; a decision is told to those it concerns."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

import pytest
from django.contrib.auth.models import User
from django.test import Client

from maoni.articles.models import Article
from maoni.comments.models import AddressConfirmation, Comment, CommentSettings
from maoni.comments.services import comment_post, comments_moderate
from maoni.moderation.models import AuditEntry
from maoni.reports.models import Report

pytestmark = pytest.mark.django_db

ILLEGAL = {
    "reason": "illegal",
    "legal_ground": "Computer Misuse and Cybercrimes Act, section 27",
    "explanation": "It threatens a named person with violence.",
    "name": "Achieng",
    "email": "achieng@example.org",
}


def reader(number: int = 1) -> Client:
    """A reader on a network of their own."""
    return Client(REMOTE_ADDR=f"198.51.100.{number}")


def report(comment: Comment, client: Client | None = None, /, **fields: str) -> Any:
    data = {"reason": "spam", **fields}
    return (client or reader()).post(f"/comment/{comment.pk}/report/", data)


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


def test_every_public_comment_has_a_report_link(client, article, comment) -> None:
    page = client.get(article.get_absolute_url()).content.decode()
    assert f'href="/comment/{comment.pk}/report/"' in page
    Article.objects.filter(pk=article.pk).update(comments=Article.CommentMode.CLOSED)
    assert (
        f'href="/comment/{comment.pk}/report/"'
        in client.get(article.get_absolute_url()).content.decode()
    )


def test_a_report_is_stored_and_thanked_for_and_tells_nobody_who(client, article, comment) -> None:
    form = client.get(f"/comment/{comment.pk}/report/")
    assert form.status_code == 200
    assert "Buy cheap watches today." in form.content.decode()
    response = report(
        comment, details="The same text is under every story.", email="me@example.org"
    )
    assert response.status_code == 200
    assert "Thank you. Your report has reached the moderators." in response.content.decode()
    stored = Report.objects.get()
    assert (stored.reason, stored.comment_ref, stored.decision) == ("spam", comment.pk, "")
    assert stored.reporter_key.startswith("client:")
    assert "198.51.100" not in stored.reporter_key
    page = client.get(article.get_absolute_url()).content.decode()
    assert "me@example.org" not in page


@pytest.mark.parametrize("status", ["pending", "spam", "deleted"])
def test_only_public_comments_can_be_reported(article, comment, status) -> None:
    Comment.objects.filter(pk=comment.pk).update(status=status)
    assert reader().get(f"/comment/{comment.pk}/report/").status_code == 404
    assert report(comment).status_code == 404
    assert Report.objects.count() == 0


def test_no_report_under_a_draft_or_hidden_article(article, comment) -> None:
    Article.objects.filter(pk=article.pk).update(comments=Article.CommentMode.HIDDEN)
    assert report(comment).status_code == 404
    Article.objects.filter(pk=article.pk).update(
        comments=Article.CommentMode.OPEN, status=Article.Status.DRAFT
    )
    assert report(comment).status_code == 404
    assert reader().get("/comment/999999/report/").status_code == 404


def test_a_notice_of_illegal_content_needs_its_legal_ground(comment) -> None:
    response = report(comment, reason="illegal", explanation="It is a threat.")
    assert response.status_code == 400
    text = response.content.decode()
    assert "A notice of illegal content needs the law or rule the comment breaks" in text
    assert "It is a threat." in text  # kept
    assert 'aria-invalid="true"' in text
    assert report(comment, reason="nonsense").status_code == 400
    assert report(comment, details="nul\x00").status_code == 400
    assert Report.objects.count() == 0


def test_a_reader_reports_a_comment_once(comment) -> None:
    same = reader(7)
    report(comment, same)
    again = report(comment, same, reason="abuse")
    assert "You reported this comment before" in again.content.decode()
    assert Report.objects.count() == 1


def test_enough_readers_hold_a_published_comment(article, comment) -> None:
    settings = CommentSettings.load()
    settings.reports_to_hold = 2
    settings.save()
    report(comment, reader(1))
    comment.refresh_from_db()
    assert comment.status == Comment.Status.PUBLISHED
    report(comment, reader(2), reason="abuse")
    comment.refresh_from_db()
    assert comment.status == Comment.Status.PENDING
    article.thread.refresh_from_db()
    assert article.thread.public_count == 0
    entry = AuditEntry.objects.get(action=AuditEntry.Action.UNPUBLISH)
    assert entry.actor is None
    assert entry.note == "Held for review: reported by 2 readers."
    assert Report.objects.filter(decision="").count() == 2


def test_reports_hold_nothing_when_the_setting_is_zero(comment) -> None:
    settings = CommentSettings.load()
    settings.reports_to_hold = 0
    settings.save()
    for number in range(1, 5):
        report(comment, reader(number))
    comment.refresh_from_db()
    assert comment.status == Comment.Status.PUBLISHED


def test_a_notice_is_acknowledged_and_told_the_decision_with_its_reasons(
    comment, editor, mails, mailoutbox
) -> None:
    with mails():
        report(comment, **ILLEGAL)
    (receipt,) = mailoutbox
    assert receipt.to == ["achieng@example.org"]
    assert "received your notice of illegal content" in receipt.body
    assert "Computer Misuse and Cybercrimes Act, section 27" in receipt.body
    with mails():
        comments_moderate(
            comment_ids=[comment.pk], action="delete", actor=editor, note="A threat of violence."
        )
    decided = Report.objects.get()
    assert (decided.decision, decided.decided_by, decided.decision_note) == (
        "removed",
        editor,
        "A threat of violence.",
    )
    statement = mailoutbox[1]
    assert statement.to == ["achieng@example.org"]
    assert "Decision: the comment was removed" in statement.body
    assert "A threat of violence." in statement.body
    # The author's address was typed, never proved: the author is not mailed.
    assert len(mailoutbox) == 2


def test_the_author_of_a_removed_comment_is_told_why_at_a_proved_address(
    comment, editor, mails, mailoutbox
) -> None:
    AddressConfirmation.objects.create(
        email="otieno@example.org", mailed=comment.created, confirmed=comment.created
    )
    report(comment, reason="abuse")
    with mails():
        comments_moderate(
            comment_ids=[comment.pk], action="spam", actor=editor, note="Advertising."
        )
    (told,) = mailoutbox
    assert told.to == ["otieno@example.org"]
    assert "removed your comment" in told.body
    assert "Readers reported it as: Abuse or harassment" in told.body
    assert "Advertising." in told.body
    assert "198.51.100" not in told.body


def test_publishing_a_held_reported_comment_keeps_it(comment, editor, mails, mailoutbox) -> None:
    settings = CommentSettings.load()
    settings.reports_to_hold = 1
    settings.save()
    with mails():
        report(comment, **ILLEGAL)
        comments_moderate(comment_ids=[comment.pk], action="publish", actor=editor, note="Satire.")
    assert Report.objects.get().decision == "kept"
    assert "Decision: the comment stays" in mailoutbox[-1].body


def test_an_author_deleting_their_comment_closes_its_reports(comment, mails, mailoutbox) -> None:
    report(comment)
    with mails():
        comments_moderate(comment_ids=[comment.pk], action="delete", actor=None, by_author=True)
    decided = Report.objects.get()
    assert (decided.decision, decided.decision_note) == ("removed", "Its author deleted it.")
    assert mailoutbox == []


def test_one_reader_may_send_five_reports_at_once(article) -> None:
    comments = [
        comment_post(thread=article.thread, body=f"Comment {number}.", question_id=None)
        for number in range(6)
    ]
    same = reader(9)
    for comment in comments[:5]:
        assert report(comment, same).status_code == 200
    refused = report(comments[5], same)
    assert refused.status_code == 429
    assert int(refused["Retry-After"]) > 0
    assert "Nothing was sent" in refused.content.decode()
    assert Report.objects.count() == 5
