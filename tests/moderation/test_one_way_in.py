"""Every door changes comments through the comment service, and leaves the same books.

Whatever the door — the form, the JSON API, an import, an author's edit or deletion, a moderator's
decision or reply, the demo loader — the thread's public count matches its
public comments, its version and its page counter move, and a change to an
existing comment is in the audit log.
"""

from __future__ import annotations

from collections.abc import Iterator
from contextlib import contextmanager
from io import StringIO

from django.core.management import call_command

from maoni.articles.models import Article
from maoni.comments.models import Comment, Thread
from maoni.moderation.models import AuditEntry
from maoni.pagecache.counters import thread_slot
from maoni.pagecache.store import counters
from tests.conftest import Reader


def books_balance(thread_id: int) -> bool:
    thread = Thread.objects.get(pk=thread_id)
    public = Comment.objects.filter(thread_id=thread_id, status=Comment.Status.PUBLISHED)
    return thread.public_count == public.count()


@contextmanager
def moves_on(thread_id: int) -> Iterator[None]:
    """The door's change must move the thread's version and its page counter."""
    version = Thread.objects.get(pk=thread_id).version
    counter = counters().read(thread_slot(thread_id))
    yield
    assert Thread.objects.get(pk=thread_id).version > version
    assert counters().read(thread_slot(thread_id)) != counter
    assert books_balance(thread_id)


def test_the_form(reader: Reader):
    with moves_on(reader.article.thread_id):
        assert reader.post(body="Through the form.").status_code == 302


def test_the_author_editing_and_deleting(reader: Reader):
    assert reader.post(body="First words.").status_code == 302
    comment = Comment.objects.get()
    token = {"csrfmiddlewaretoken": reader.csrf()}
    with moves_on(comment.thread_id):
        edit = reader.client.post(
            f"/comment/{comment.pk}/edit/", {"body": "Better words.", **token}
        )
        assert edit.status_code == 302
    with moves_on(comment.thread_id):
        assert reader.client.post(f"/comment/{comment.pk}/delete/", token).status_code == 302
    assert list(AuditEntry.objects.order_by("pk").values_list("action", flat=True)) == [
        "edit",
        "delete",
    ]


def test_a_moderator_deciding_and_replying(mod_client, make_comment, article: Article):
    held = make_comment(status=Comment.Status.PENDING, body="Waiting for a moderator.")
    with moves_on(article.thread_id):
        mod_client.post("/moderation/act/", {"only": f"publish:{held.pk}", "next": "/moderation/"})
    with moves_on(article.thread_id):
        mod_client.post(f"/moderation/comment/{held.pk}/", {"reply": "1", "body": "Thank you."})
    assert list(AuditEntry.objects.order_by("pk").values_list("action", flat=True)) == [
        "publish",
        "reply",
    ]


def test_the_demo_loader(db):
    call_command("load_demo")
    for thread_id in Thread.objects.values_list("pk", flat=True):
        assert books_balance(thread_id)
    assert Comment.objects.filter(status=Comment.Status.PENDING).exclude(reasons=[]).exists()


def test_the_api_posting_editing_deleting_and_moderating(db):
    from django.contrib.auth.models import User
    from django.test import Client

    from maoni.api.models import ApiToken
    from maoni.comments.models import Site
    from tests.api.conftest import ORIGIN, Widget

    site = Site.objects.create(name="Partner", slug="example", origins=ORIGIN)
    widget = Widget(Client(), "example", "/story")
    posted = widget.post("Through the API.").json()
    thread_id = Thread.objects.get(site=site).pk
    assert books_balance(thread_id)
    headers = {"HTTP_ORIGIN": ORIGIN, "HTTP_X_MAONI_EDIT_TOKEN": posted["edit_token"]}
    url = f"/api/v1/comments/{posted['comment']['id']}"
    with moves_on(thread_id):
        edit = widget.client.patch(
            url, {"body": "Better words."}, content_type="application/json", **headers
        )
        assert edit.status_code == 200
    with moves_on(thread_id):
        assert widget.client.delete(url, **headers).status_code == 200
    _row, token = ApiToken.make(
        user=User.objects.create_superuser("desk", "desk@example.org", "pw"), name="tool"
    )
    with moves_on(thread_id):
        restored = Client().post(
            "/api/v1/moderation/actions",
            {"action": "restore", "comments": [posted["comment"]["id"]]},
            content_type="application/json",
            HTTP_AUTHORIZATION=f"Bearer {token}",
        )
        assert restored.json()["changed"] == [posted["comment"]["id"]]
    assert list(AuditEntry.objects.order_by("pk").values_list("action", flat=True)) == [
        "edit",
        "delete",
        "restore",
    ]


def test_an_import(db):
    from pathlib import Path

    from maoni.comments.models import Site

    site = Site.objects.create(name="Old site", slug="old", origins="https://old.example")
    isso = Path(__file__).resolve().parent.parent / "data" / "isso-comments.db"
    call_command("import_comments", "isso", str(isso), "--site", "old", stdout=StringIO())
    threads = list(Thread.objects.filter(site=site).values_list("pk", flat=True))
    assert len(threads) == 3
    for thread_id in threads:
        assert books_balance(thread_id)
        # Each published comment moved its thread on, and its page counter with it.
        assert Thread.objects.get(pk=thread_id).version > 0
    assert Comment.objects.filter(source="isso").count() == 18
