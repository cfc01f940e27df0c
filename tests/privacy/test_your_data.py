"""A reader sees, downloads and erases what is kept about their address, from a mailed link."""

from __future__ import annotations

import json
import re
from typing import Any
from urllib.parse import urlsplit

import pytest
from django.test import Client

from maoni.comments.models import Comment
from maoni.comments.services import comment_post
from maoni.privacy.models import DataRequest
from maoni.reports.models import Report
from maoni.reports.services import report_file

LINK = re.compile(r"https?://\S+/your-data/\S+/")


@pytest.fixture
def written(article) -> list[Comment]:
    mine = [
        comment_post(
            thread=article.thread,
            body=f"My view number {n}.",
            author_name="Wairimu",
            author_email="Wairimu@Example.org",
            notify_replies=True,
            question_id=None,
            client_key="e" * 32,
        )
        for n in (1, 2)
    ]
    comment_post(
        thread=article.thread, body="A reply to Wairimu.", parent=mine[0], question_id=None
    )
    report_file(
        comment=mine[1], reason="spam", reporter_key="client:x", reporter_email="other@example.org"
    )
    return mine


def link_for(address: str, mailoutbox: list[Any], capture: Any) -> str:
    with capture(execute=True):
        response = Client().post("/your-data/", {"email": address})
    assert response.status_code == 200
    assert "a link to it is on its way there" in response.content.decode()
    (message,) = mailoutbox
    assert message.to == [address.lower()]
    found = LINK.search(message.body)
    assert found is not None
    return urlsplit(found.group(0)).path


def test_a_reader_sees_and_downloads_their_data(
    written, mailoutbox, django_capture_on_commit_callbacks
) -> None:
    url = link_for("wairimu@example.org", mailoutbox, django_capture_on_commit_callbacks)
    page = Client().get(url)
    text = page.content.decode()
    assert "What is kept about wairimu@example.org" in text
    assert "My view number 1." in text
    assert "A reply to Wairimu." not in text
    assert "reply notices on" in text
    assert page["Referrer-Policy"] == "same-origin"  # the token never leaves the site
    data = json.loads(Client().get(url, {"format": "json"}).content)
    assert [comment["text"] for comment in data["comments"]] == [
        "My view number 1.",
        "My view number 2.",
    ]
    kinds = sorted(DataRequest.objects.values_list("kind", flat=True))
    assert kinds == ["download", "link", "view"]


def test_an_unknown_address_gets_the_same_answer_and_no_mail(db, mailoutbox) -> None:
    response = Client().post("/your-data/", {"email": "nobody@example.org"})
    assert "a link to it is on its way there" in response.content.decode()
    assert mailoutbox == []


@pytest.mark.parametrize("how", ["anonymise", "delete"])
def test_a_reader_erases_their_comments(
    written, mailoutbox, django_capture_on_commit_callbacks, how, article
) -> None:
    url = link_for("wairimu@example.org", mailoutbox, django_capture_on_commit_callbacks)
    done = Client().post(url, {"erase": how})
    assert done.status_code == 200
    for comment in written:
        comment.refresh_from_db()
        assert (comment.author_name, comment.author_email, comment.notify_replies) == (
            "",
            "",
            False,
        )
        assert comment.client_key == ""
        assert comment.status == ("deleted" if how == "delete" else "published")
    page = Client().get(article.get_absolute_url()).content.decode()
    assert "Wairimu" not in page.replace("A reply to Wairimu.", "")
    assert "A reply to Wairimu." in page
    assert DataRequest.objects.filter(kind=how).count() == 1


def test_reports_sent_keep_no_address_after_erasing(
    written, mailoutbox, django_capture_on_commit_callbacks
) -> None:
    url = link_for("other@example.org", mailoutbox, django_capture_on_commit_callbacks)
    assert "Comment " in Client().get(url).content.decode()
    Client().post(url, {"erase": "anonymise"})
    assert Report.objects.get().reporter_email == ""


def test_a_bad_or_old_link_is_refused(db) -> None:
    assert Client().get("/your-data/not-a-token/").status_code == 404


def test_asking_is_limited_like_every_mailed_link(db) -> None:
    client = Client()
    for _ in range(3):
        client.post("/your-data/", {"email": "wairimu@example.org"})
    refused = client.post("/your-data/", {"email": "wairimu@example.org"})
    assert refused.status_code == 429
    assert client.post("/your-data/", {"email": "not an address"}).status_code == 400


def test_an_account_holder_sees_erases_and_deletes_their_account(article) -> None:
    from django.contrib.auth.models import User

    user = User.objects.create_user("Njeri", "njeri@example.org", "pw")
    comment_post(thread=article.thread, body="Signed with my account.", user=user, question_id=None)
    client = Client()
    assert client.get("/your-data/account/").status_code == 302  # to log in
    client.force_login(user)
    page = client.get("/your-data/account/").content.decode()
    assert "Signed with my account." in page
    assert 'href="/your-data/account/">Your data</a>' in page
    data = json.loads(client.get("/your-data/account/", {"format": "json"}).content)
    assert data["address"] == "njeri@example.org"
    assert client.post("/your-data/account/", {"erase": "explode"}).status_code == 400
    done = client.post("/your-data/account/", {"erase": "delete_account"})
    assert "Your account is deleted" in done.content.decode()
    assert not User.objects.filter(username="Njeri").exists()
    comment = Comment.objects.get()
    assert (comment.user_id, comment.author_name, comment.status) == (None, "", "deleted")
    assert "_auth_user_id" not in client.session
