"""Authors changing their own comments: registered any time, anonymous for 15 minutes."""

from __future__ import annotations

from datetime import timedelta

import pytest
from django.test import Client
from django.utils import timezone

from maoni.comments.models import Comment, CommentSettings, Premoderation
from maoni.comments.services import comment_post
from maoni.moderation.models import AuditEntry, SpamSettings
from tests.conftest import Reader

TOO_LATE = "You can no longer change this comment."


def posted(reader: Reader, body: str = "First thoughts.") -> Comment:
    response = reader.post(body=body, name="Baraka")
    assert response.status_code == 302
    return Comment.objects.get(body=body)


def age(comment: Comment, minutes: float) -> None:
    Comment.objects.filter(pk=comment.pk).update(
        created=timezone.now() - timedelta(minutes=minutes)
    )


def test_anonymous_author_edits_within_fifteen_minutes(reader: Reader):
    comment = posted(reader)
    page = reader.client.get(reader.article.get_absolute_url()).content.decode()
    assert f'href="/comment/{comment.pk}/edit/"' in page
    form = reader.client.get(f"/comment/{comment.pk}/edit/")
    assert form.status_code == 200
    assert ">First thoughts.</textarea>" in form.content.decode()
    response = reader.client.post(
        f"/comment/{comment.pk}/edit/",
        {"body": "Second thoughts.", "csrfmiddlewaretoken": reader.csrf()},
    )
    assert response.status_code == 302
    comment.refresh_from_db()
    assert comment.body_html == "<p>Second thoughts.</p>\n"
    assert comment.edited is not None
    html = reader.client.get(reader.article.get_absolute_url()).content.decode()
    assert "Second thoughts." in html
    assert "(edited <time" in html
    entry = AuditEntry.objects.get()
    assert entry.action == "edit"
    assert entry.actor is None
    assert entry.details == {
        "before": "First thoughts.",
        "after": "Second thoughts.",
        "by_author": True,
    }


def test_anonymous_author_cannot_edit_after_fifteen_minutes(reader: Reader):
    comment = posted(reader)
    age(comment, 15.5)
    page = reader.client.get(reader.article.get_absolute_url()).content.decode()
    assert f'href="/comment/{comment.pk}/edit/"' not in page
    for action in ["edit", "delete"]:
        response = reader.client.post(
            f"/comment/{comment.pk}/{action}/",
            {"body": "Too late", "csrfmiddlewaretoken": reader.csrf()},
        )
        assert response.status_code == 403
        assert TOO_LATE in response.content.decode()
    comment.refresh_from_db()
    assert comment.body == "First thoughts."
    assert comment.status == Comment.Status.PUBLISHED


def test_another_browser_cannot_edit_an_anonymous_comment(reader: Reader):
    comment = posted(reader)
    other = Client()
    page = other.get(reader.article.get_absolute_url()).content.decode()
    assert f'href="/comment/{comment.pk}/edit/"' not in page
    response = other.post(f"/comment/{comment.pk}/edit/", {"body": "Hijacked"})
    assert response.status_code == 403
    # A forged cookie does not help either.
    other.cookies["maoni_own"] = f"[{comment.pk}]"
    assert other.post(f"/comment/{comment.pk}/delete/").status_code == 403
    comment.refresh_from_db()
    assert comment.body == "First thoughts."


def test_anonymous_author_deletes_and_moderators_can_restore(reader: Reader):
    comment = posted(reader)
    confirm = reader.client.get(f"/comment/{comment.pk}/delete/")
    assert "Delete your comment?" in confirm.content.decode()
    response = reader.client.post(
        f"/comment/{comment.pk}/delete/", {"csrfmiddlewaretoken": reader.csrf()}, follow=True
    )
    assert "Your comment has been deleted." in response.content.decode()
    assert "First thoughts." not in response.content.decode()
    comment.refresh_from_db()
    assert comment.status == Comment.Status.DELETED
    assert comment.status_before_deletion == Comment.Status.PUBLISHED
    entry = AuditEntry.objects.get()
    assert entry.details == {"by_author": True}
    reader.article.thread.refresh_from_db()
    assert reader.article.thread.public_count == 0


def test_registered_author_edits_any_time(article, django_user_model):
    user = django_user_model.objects.create_user("wanjiru", "w@example.org", "pw")
    comment = comment_post(thread=article.thread, body="Old words", user=user, question_id=None)
    age(comment, 60 * 24 * 30)
    client = Client()
    client.force_login(user)
    page = client.get(article.get_absolute_url()).content.decode()
    assert f'href="/comment/{comment.pk}/edit/"' in page
    response = client.post(f"/comment/{comment.pk}/edit/", {"body": "New words"})
    assert response.status_code == 302
    comment.refresh_from_db()
    assert comment.body == "New words"
    assert AuditEntry.objects.get().actor == user


def test_registered_users_cannot_change_others_comments(article, django_user_model):
    author = django_user_model.objects.create_user("author")
    other = django_user_model.objects.create_user("other")
    comment = comment_post(thread=article.thread, body="Mine", user=author, question_id=None)
    client = Client()
    client.force_login(other)
    assert client.post(f"/comment/{comment.pk}/edit/", {"body": "Yours"}).status_code == 403
    assert client.post(f"/comment/{comment.pk}/delete/").status_code == 403


def test_an_empty_edit_is_refused_and_kept(reader: Reader):
    comment = posted(reader)
    response = reader.client.post(
        f"/comment/{comment.pk}/edit/", {"body": "  ", "csrfmiddlewaretoken": reader.csrf()}
    )
    assert response.status_code == 400
    assert "Comment field is required." in response.content.decode()
    comment.refresh_from_db()
    assert comment.body == "First thoughts."


def test_held_comments_stay_hidden_from_others_but_editable_by_their_author(reader: Reader):
    CommentSettings.objects.create(premoderation=Premoderation.ANONYMOUS)
    reader.post(body="Waiting", name="Baraka")
    comment = Comment.objects.get()
    assert comment.status == Comment.Status.PENDING
    assert reader.client.get(f"/comment/{comment.pk}/edit/").status_code == 200
    assert Client().get(f"/comment/{comment.pk}/edit/").status_code == 404


@pytest.mark.parametrize("action", ["edit", "delete"])
def test_deleted_or_unknown_comments_are_not_found(reader: Reader, action):
    comment = posted(reader)
    Comment.objects.filter(pk=comment.pk).update(status=Comment.Status.SPAM)
    assert reader.client.get(f"/comment/{comment.pk}/{action}/").status_code == 404
    assert reader.client.get(f"/comment/987654/{action}/").status_code == 404


def test_edits_count_against_the_client_like_new_comments(reader: Reader):
    SpamSettings.objects.create(client_per_hour=60, client_burst=2)
    comment = posted(reader)  # the first send of this client
    token = {"csrfmiddlewaretoken": reader.csrf()}
    url = f"/comment/{comment.pk}/edit/"
    assert reader.client.post(url, {"body": "Second thoughts.", **token}).status_code == 302
    refused = reader.client.post(url, {"body": "Third thoughts.", **token})
    assert refused.status_code == 429
    assert 1 <= int(refused["Retry-After"]) <= 60
    page = refused.content.decode()
    assert "You are sending changes faster than this site allows." in page
    assert ">Third thoughts.</textarea>" in page
    comment.refresh_from_db()
    assert comment.body == "Second thoughts."
