"""A moderator's hand on a whole thread: close it now, hold every new comment."""

from __future__ import annotations

from maoni.articles.models import Article
from maoni.comments import services
from maoni.comments.models import Comment
from maoni.moderation.models import AuditEntry
from tests.comments.test_closing_rules import CLOSED, settings_row
from tests.conftest import Reader


def test_a_moderator_closes_and_reopens_a_thread_at_once(
    mod_client, reader: Reader, moderator
) -> None:
    thread = reader.article.thread
    url = f"/moderation/thread/{thread.pk}/"
    opened_before = reader.open()
    response = mod_client.post(url, {"do": "close", "note": "Getting out of hand."})
    assert response.status_code == 302
    assert CLOSED in reader.open()
    assert reader.post(opened_before, body="Still?").status_code == 403
    assert Comment.objects.count() == 0
    entry = AuditEntry.objects.get(action=AuditEntry.Action.COMMENTS_CLOSE)
    assert (entry.actor, entry.thread_id, entry.note) == (
        moderator,
        thread.pk,
        "Getting out of hand.",
    )
    mod_client.post(url, {"do": "reopen"})
    assert "Add new comment" in reader.open()
    assert AuditEntry.objects.filter(action=AuditEntry.Action.COMMENTS_OPEN).count() == 1


def test_a_moderator_holds_every_new_comment_of_a_thread(mod_client, reader: Reader) -> None:
    url = f"/moderation/thread/{reader.article.thread_id}/"
    mod_client.post(url, {"do": "hold", "note": "Night shift."})
    reader.post(name="Juma", body="Is anyone reading these?")
    held = Comment.objects.get()
    assert held.status == Comment.Status.PENDING
    assert held.reasons == ["pre-moderation: every comment is approved first"]
    assert AuditEntry.objects.get(action=AuditEntry.Action.HOLD_ALL).note == "Night shift."
    mod_client.post(url, {"do": "release"})
    reader.post(name="Juma", body="And now?")
    assert Comment.objects.filter(status=Comment.Status.PUBLISHED).count() == 1
    assert AuditEntry.objects.filter(action=AuditEntry.Action.HOLD_END).count() == 1


def test_the_desk_shows_the_thread_state_with_its_buttons(mod_client, make_comment) -> None:
    settings_row(close_after_days=14)
    comment = make_comment(status=Comment.Status.PENDING)
    page = mod_client.get(f"/moderation/comment/{comment.pk}/").content.decode()
    assert "Comments are open; they close by themselves on" in page
    assert 'value="close"' in page
    assert 'value="hold"' in page
    services.thread_close(thread=comment.thread, closed=True, actor=None, note="")  # type: ignore[arg-type]
    page = mod_client.get(f"/moderation/comment/{comment.pk}/").content.decode()
    assert "Comments are closed by hand." in page
    assert 'value="reopen"' in page


def test_only_moderators_may_close_a_thread(client_as, article: Article) -> None:
    url = f"/moderation/thread/{article.thread_id}/"
    assert client_as("reader").post(url, {"do": "close"}).status_code == 403
    assert client_as("anonymous").post(url, {"do": "close"}).status_code == 302  # to log in
    article.thread.refresh_from_db()
    assert not article.thread.comments_closed


def test_a_wrong_control_is_a_400_that_keeps_the_note(mod_client, article: Article) -> None:
    response = mod_client.post(
        f"/moderation/thread/{article.thread_id}/", {"do": "explode", "note": "Kept note."}
    )
    assert response.status_code == 400
    page = response.content.decode()
    assert "Choose close, reopen, hold or release." in page
    assert "Kept note." in page
    assert mod_client.post("/moderation/thread/999999/", {"do": "close"}).status_code == 404
