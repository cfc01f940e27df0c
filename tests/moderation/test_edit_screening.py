"""An author's edit meets the spam checks a new comment meets, and moderators' lessons follow it."""

from __future__ import annotations

import time
from collections.abc import Callable
from typing import Any

import pytest
from django.contrib.auth.models import User
from django.core import mail, signing
from django.test import Client

from maoni.articles.models import Article
from maoni.comments.models import Comment
from maoni.comments.services import comment_post
from maoni.moderation.models import AuditEntry, BlockEntry, FilterFeature, FilterTotals, Training
from tests.conftest import Reader

REJECTED = "Your comment could not be posted."
QUEUED = "Your comment has been queued for review by site administrators"
CLEAN = "The new bus stage at Kibuye market has made the morning trip much easier."
LINK_SPAM = (
    "Cheap phones here: http://a.example/1 http://b.example/2 http://c.example/3 http://d.example/4"
)
DUPLICATES_ONCE = "same text posted 1 times recently"


def aged_stamp(seconds: float = 30) -> str:
    """A form stamp from a form shown ``seconds`` ago, as a patient reader sends it."""
    return signing.dumps(time.time() - seconds, salt="maoni.moderation.form-shown")


def posted(reader: Reader, body: str = CLEAN, mail: str = "") -> Comment:
    response = reader.post(body=body, name="Baraka", mail=mail, form_stamp=aged_stamp())
    assert response.status_code == 302
    return Comment.objects.get(body=body)


def edit(client: Client, comment: Comment, body: str, **kwargs: Any) -> Any:
    data = {"body": body}
    if "csrftoken" in client.cookies:
        data["csrfmiddlewaretoken"] = client.cookies["csrftoken"].value
    return client.post(f"/comment/{comment.pk}/edit/", data, **kwargs)


def test_a_clean_comment_edited_into_link_spam_goes_back_to_the_queue(
    reader: Reader,
    mod_client: Client,
    django_capture_on_commit_callbacks: Callable[..., Any],
):
    comment = posted(reader)
    assert comment.status == Comment.Status.PUBLISHED
    with django_capture_on_commit_callbacks(execute=True):
        response = edit(reader.client, comment, LINK_SPAM, follow=True)
    assert QUEUED in response.content.decode()
    comment.refresh_from_db()
    assert comment.status == Comment.Status.PENDING
    assert "edited: 4 links" in comment.reasons
    assert all(reason.startswith("edited: ") for reason in comment.reasons)
    public = Client().get(reader.article.get_absolute_url()).content.decode()
    assert "Cheap phones here" not in public
    assert "Kibuye" not in public
    reader.article.thread.refresh_from_db()
    assert reader.article.thread.public_count == 0
    entry = AuditEntry.objects.get(comment=comment)
    assert (entry.action, entry.from_status, entry.to_status) == ("edit", "published", "pending")
    assert entry.details["held"] == comment.reasons
    assert entry.details["before"] == CLEAN
    assert "edited: 4 links" in mod_client.get("/moderation/").content.decode()
    # The moderators hear of it as of any held comment.
    assert len(mail.outbox) == 1
    assert "edited: 4 links" in mail.outbox[0].body


def test_a_held_comment_edited_stays_held_with_the_new_reasons(reader: Reader):
    three = "See http://a.example http://b.example http://c.example for more."
    comment = posted(reader, body=three)
    assert "3 links" in comment.reasons
    response = edit(reader.client, comment, LINK_SPAM, follow=True)
    assert QUEUED in response.content.decode()
    comment.refresh_from_db()
    assert comment.status == Comment.Status.PENDING
    assert "edited: 4 links" in comment.reasons
    assert all(reason.startswith("edited: ") for reason in comment.reasons)
    entry = AuditEntry.objects.get(comment=comment)
    assert (entry.from_status, entry.to_status) == ("pending", "pending")


def test_the_duplicate_check_follows_the_edited_text(reader: Reader):
    comment = posted(reader)
    # The same words again, spelt a little differently: not its own duplicate.
    assert edit(reader.client, comment, CLEAN.upper() + "!").status_code == 302
    comment.refresh_from_db()
    assert comment.status == Comment.Status.PUBLISHED
    edited = "Matatu fares to Kondele went up again this week, twenty shillings more."
    assert edit(reader.client, comment, edited).status_code == 302
    comment.refresh_from_db()
    assert comment.status == Comment.Status.PUBLISHED
    # Another reader posting the edited text repeats it; the old text is free again.
    again = posted(reader, body=edited.lower())
    assert again.status == Comment.Status.PENDING
    assert DUPLICATES_ONCE in again.reasons
    assert posted(reader, body=CLEAN).status == Comment.Status.PUBLISHED


@pytest.mark.parametrize(
    ("kind", "value", "fields", "typed"),
    [
        (BlockEntry.Kind.EMAIL_DOMAIN, "spam.example", {"mail": "a@spam.example"}, CLEAN + " Yes."),
        (BlockEntry.Kind.NETWORK, "127.0.0.0/8", {}, CLEAN + " Yes."),
        (BlockEntry.Kind.URL_DOMAIN, "odds.example", {}, "Bet at https://mega.odds.example/x"),
    ],
)
def test_an_edit_the_checks_reject_is_refused_and_the_old_text_kept(
    reader: Reader, kind: str, value: str, fields: dict[str, str], typed: str
):
    comment = posted(reader, **fields)
    BlockEntry.objects.create(kind=kind, value=value)
    response = edit(reader.client, comment, typed)
    assert response.status_code == 400
    html = response.content.decode()
    assert REJECTED in html
    assert f">{typed}</textarea>" in html
    comment.refresh_from_db()
    assert comment.body == CLEAN
    assert comment.status == Comment.Status.PUBLISHED
    assert not AuditEntry.objects.filter(comment=comment).exists()
    assert CLEAN in Client().get(reader.article.get_absolute_url()).content.decode()


def test_the_same_edit_is_held_from_a_reader_but_not_from_a_moderator(
    article: Article, make_user: Callable[[str], User | None]
):
    edited: dict[str, Comment] = {}
    for role in ["reader", "moderator"]:
        user = make_user(role)
        assert user is not None
        client = Client()
        client.force_login(user)
        comment = comment_post(
            thread=article.thread, body=f"{CLEAN} ({role})", user=user, question_id=None
        )
        assert comment.status == Comment.Status.PUBLISHED
        assert edit(client, comment, f"{LINK_SPAM} ({role})").status_code == 302
        comment.refresh_from_db()
        edited[role] = comment
    assert edited["reader"].status == Comment.Status.PENDING
    assert edited["moderator"].status == Comment.Status.PUBLISHED
    assert edited["moderator"].reasons == []


def test_a_moderators_edit_is_not_screened_but_its_text_counts_as_a_duplicate(
    reader: Reader, mod_client: Client
):
    comment = posted(reader)
    BlockEntry.objects.create(kind=BlockEntry.Kind.NETWORK, value="127.0.0.0/8")
    response = mod_client.post(
        f"/moderation/comment/{comment.pk}/", {"edit": "1", "body": LINK_SPAM, "note": "tidied"}
    )
    assert response.status_code == 302
    comment.refresh_from_db()
    assert (comment.body, comment.status) == (LINK_SPAM, Comment.Status.PUBLISHED)
    BlockEntry.objects.all().delete()
    assert reader.post(body=LINK_SPAM, form_stamp=aged_stamp()).status_code == 302
    again = Comment.objects.exclude(pk=comment.pk).get()
    assert DUPLICATES_ONCE in again.reasons


def test_a_moderators_blank_edit_is_refused_in_the_form(reader: Reader, mod_client: Client):
    comment = posted(reader)
    response = mod_client.post(f"/moderation/comment/{comment.pk}/", {"edit": "1", "body": "  "})
    assert response.status_code == 400
    assert "Comment field is required." in response.content.decode()
    comment.refresh_from_db()
    assert comment.body == CLEAN


def test_publishing_a_held_edit_teaches_the_edited_text(reader: Reader, mod_client: Client):
    first = "Kibuyeword here: http://a.example http://b.example http://c.example"
    comment = posted(reader, body=first)
    assert comment.status == Comment.Status.PENDING
    mod_client.post("/moderation/act/", {"only": f"publish:{comment.pk}"})
    assert Training.objects.get(comment=comment).label == "ham"
    assert FilterFeature.objects.get(feature="w:kibuyeword").ham == 1
    # Published, then edited by its author into something held again.
    second = "Kondeleword now: http://a.example http://b.example http://c.example http://d.example"
    edit(reader.client, comment, second)
    comment.refresh_from_db()
    assert "edited: 4 links" in comment.reasons
    mod_client.post("/moderation/act/", {"only": f"publish:{comment.pk}"})
    training = Training.objects.get(comment=comment)
    assert training.label == "ham"
    assert "w:kondeleword" in training.features
    assert "w:kibuyeword" not in training.features
    assert FilterFeature.objects.get(feature="w:kibuyeword").ham == 0
    assert FilterFeature.objects.get(feature="w:kondeleword").ham == 1
    assert FilterTotals.objects.get().ham_documents == 1


def test_marking_a_held_edit_as_spam_teaches_the_edited_text(reader: Reader, mod_client: Client):
    comment = posted(reader)
    edit(reader.client, comment, LINK_SPAM)
    comment.refresh_from_db()
    assert comment.status == Comment.Status.PENDING
    mod_client.post("/moderation/act/", {"only": f"spam:{comment.pk}"})
    training = Training.objects.get(comment=comment)
    assert training.label == "spam"
    assert "w:phones" in training.features
    assert "w:kibuye" not in training.features
