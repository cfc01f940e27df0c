"""Working the moderation queue through its pages, as a moderator without JavaScript."""

from __future__ import annotations

import json
import re
from datetime import timedelta

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.utils import timezone

from maoni.articles.models import Article
from maoni.comments.models import Comment, CommentSettings, Premoderation
from maoni.comments.services import comments_purge_deleted
from maoni.moderation.models import AuditEntry

PENDING = Comment.Status.PENDING
PUBLISHED = Comment.Status.PUBLISHED


def held(make_comment, **fields):
    return make_comment(status=PENDING, **fields)


def test_queue_shows_held_comments_with_article_reasons_and_history(
    mod_client, article, make_comment
):
    CommentSettings.objects.create(premoderation=Premoderation.ANONYMOUS)
    make_comment(status=PUBLISHED, body="Earlier, approved.")
    make_comment(status=Comment.Status.SPAM, body="Earlier, spam.")
    waiting = make_comment(body="Please approve me.")
    assert waiting.status == PENDING
    html = mod_client.get("/moderation/").content.decode()
    assert "Please approve me." in html
    assert "Earlier, approved." not in html
    assert article.title in html
    assert "pre-moderation: comments of anonymous readers are approved first" in html
    assert "reader@example.org" not in html  # a moderator's role sees no addresses
    assert "e-mail address hidden" in html
    # The same e-mail and client: 1 published, 1 held, 1 spam.
    assert html.count("1 published · 1 held · 1 spam · 0 deleted") == 2


def test_queue_query_count_does_not_grow_with_the_page(mod_client, make_comment):
    for number in range(3):
        held(make_comment, author_email=f"r{number}@example.org", client_key=f"{number:032d}")
    with CaptureQueriesContext(connection) as few:
        mod_client.get("/moderation/")
    for number in range(30):
        held(make_comment, author_email=f"s{number}@example.org", client_key=f"9{number:031d}")
    with CaptureQueriesContext(connection) as many:
        mod_client.get("/moderation/")
    assert len(few) == len(many)


@pytest.mark.parametrize(
    ("query", "shown", "hidden"),
    [
        ({"name": "wanj"}, "by Wanjiku", "by Otieno"),
        ({"email": "OTIENO@example.org"}, "by Otieno", "by Wanjiku"),
        ({"client": "b" * 32}, "by Otieno", "by Wanjiku"),
        ({"text": "matatu"}, "by Wanjiku", "by Otieno"),
        ({"status": "published"}, "by Published", "by Wanjiku"),
        ({"status": "all"}, "by Published", "nothing hidden"),
    ],
)
def test_queue_filters(client_as, make_comment, query, shown, hidden):
    # An editor: the e-mail filter is for the roles that see addresses.
    desk = client_as("editor")
    held(make_comment, author_name="Wanjiku", body="The matatu by Wanjiku", client_key="a" * 32)
    held(
        make_comment,
        author_name="Otieno",
        author_email="otieno@example.org",
        body="A word by Otieno",
        client_key="b" * 32,
    )
    make_comment(author_name="Published", body="Out there by Published")
    html = desk.get("/moderation/", query).content.decode()
    assert shown in html
    assert hidden not in html


def test_queue_filters_by_article_and_orders(mod_client, make_article, make_comment, article):
    other = make_article(title="Another story")
    from maoni.comments.services import comment_post

    comment_post(thread=other.thread, body="On the other story", question_id=None, status=PENDING)
    first = held(make_comment, body="First held")
    Comment.objects.filter(pk=first.pk).update(created=timezone.now() - timedelta(hours=2))
    held(make_comment, body="Second held")
    html = mod_client.get("/moderation/", {"article": article.pk}).content.decode()
    assert "On the other story" not in html
    assert html.index("Second held") < html.index("First held")
    html = mod_client.get("/moderation/", {"article": article.pk, "order": "oldest"}).content
    assert html.index(b"First held") < html.index(b"Second held")


def test_bad_filters_do_not_break_the_queue(mod_client):
    response = mod_client.get("/moderation/", {"article": "abc", "status": "nope", "page": "x"})
    assert response.status_code == 200


def test_publishing_one_comment_shows_it_on_the_article(
    mod_client, client, article, make_comment, moderator
):
    comment = held(make_comment, body="Approve me please.")
    assert "Approve me please." not in client.get(article.get_absolute_url()).content.decode()
    response = mod_client.post(
        "/moderation/act/", {"only": f"publish:{comment.pk}", "next": "/moderation/"}
    )
    assert response.status_code == 302
    assert response["Location"] == "/moderation/"
    assert "Approve me please." in client.get(article.get_absolute_url()).content.decode()
    article.thread.refresh_from_db()
    assert article.thread.public_count == 1
    entry = AuditEntry.objects.get()
    assert (entry.actor, entry.action, entry.from_status, entry.to_status) == (
        moderator,
        "publish",
        "pending",
        "published",
    )
    assert "1 comment: published." in mod_client.get("/moderation/").content.decode()


def test_bulk_actions_on_selected_and_all_on_page(mod_client, make_comment, article):
    comments = [held(make_comment, body=f"Spam {number}") for number in range(4)]
    mod_client.post(
        "/moderation/act/",
        {"action": "spam", "ids": [comments[0].pk, comments[1].pk], "note": "casino links"},
    )
    assert Comment.objects.filter(status=Comment.Status.SPAM).count() == 2
    assert set(AuditEntry.objects.values_list("note", flat=True)) == {"casino links"}
    page_ids = [comment.pk for comment in comments]
    mod_client.post(
        "/moderation/act/", {"action": "delete", "all_on_page": "1", "page_ids": page_ids}
    )
    assert Comment.objects.filter(status=Comment.Status.DELETED).count() == 4


def test_actions_that_do_not_fit_are_skipped_and_said(mod_client, make_comment):
    published = make_comment()
    response = mod_client.post("/moderation/act/", {"only": f"restore:{published.pk}"}, follow=True)
    assert "1 was left as it was" in response.content.decode()
    published.refresh_from_db()
    assert published.status == PUBLISHED
    assert not AuditEntry.objects.exists()


@pytest.mark.parametrize(
    "data",
    [
        {},
        {"action": "publish"},
        {"action": "launch", "ids": ["1"]},
        {"action": "publish", "ids": ["x"]},
        {"only": "publish:abc"},
        {"only": "explode:1"},
        {"action": "publish", "ids": [str(n) for n in range(600)]},
    ],
)
def test_malformed_actions_get_a_message(mod_client, data):
    response = mod_client.post("/moderation/act/", data, follow=True)
    assert response.status_code == 200
    assert 'class="message message-error"' in response.content.decode()


def test_json_answers_for_the_queue_script(mod_client, make_comment):
    comment = held(make_comment)
    response = mod_client.post(
        "/moderation/act/",
        {"only": f"publish:{comment.pk}"},
        headers={"accept": "application/json"},
    )
    assert response.status_code == 200
    assert json.loads(response.content)["changed"] == {str(comment.pk): "published"}
    bad = mod_client.post("/moderation/act/", {}, headers={"accept": "application/json"})
    assert bad.status_code == 400
    assert "error" in json.loads(bad.content)


def test_next_must_stay_on_the_site(mod_client, make_comment):
    comment = held(make_comment)
    response = mod_client.post(
        "/moderation/act/", {"only": f"publish:{comment.pk}", "next": "https://evil.example/"}
    )
    assert response["Location"] == "/moderation/"


def test_unpublish_then_restore_and_delete_then_restore(mod_client, make_comment, client, article):
    comment = make_comment(body="Back and forth")
    for action, status in [
        ("unpublish", PENDING),
        ("publish", PUBLISHED),
        ("delete", Comment.Status.DELETED),
        ("restore", PUBLISHED),
    ]:
        mod_client.post("/moderation/act/", {"only": f"{action}:{comment.pk}"})
        comment.refresh_from_db()
        assert comment.status == status, action
        shown = "Back and forth" in client.get(article.get_absolute_url()).content.decode()
        assert shown is (status == PUBLISHED)
    article.thread.refresh_from_db()
    assert article.thread.public_count == 1
    assert AuditEntry.objects.count() == 4


def test_deleted_comments_are_purged_after_thirty_days(mod_client, make_comment):
    old = make_comment(body="Old")
    recent = make_comment(body="Recent")
    mod_client.post("/moderation/act/", {"action": "delete", "ids": [old.pk, recent.pk]})
    Comment.objects.filter(pk=old.pk).update(status_changed=timezone.now() - timedelta(days=31))
    assert comments_purge_deleted() == 1
    assert list(Comment.objects.values_list("body", flat=True)) == ["Recent"]
    purge = AuditEntry.objects.get(action="purge")
    assert purge.comment_ref == old.pk
    log = mod_client.get("/moderation/log/").content.decode()
    assert f"#{old.pk} (purged)" in log


def test_edit_keeps_the_old_text_in_the_history(mod_client, make_comment, client, article):
    comment = make_comment(body="Thieves, all of them!")
    response = mod_client.post(
        f"/moderation/comment/{comment.pk}/",
        {"edit": "1", "body": "[removed: insult]", "note": "house rules"},
    )
    assert response.status_code == 302
    comment.refresh_from_db()
    assert comment.body_html == "<p>[removed: insult]</p>\n"
    assert comment.edited is not None
    page = mod_client.get(f"/moderation/comment/{comment.pk}/").content.decode()
    assert "Thieves, all of them!" in page
    assert "house rules" in page
    assert "[removed: insult]" in client.get(article.get_absolute_url()).content.decode()


def test_edit_with_an_empty_text_is_refused_and_kept(mod_client, make_comment):
    comment = make_comment(body="Keep me")
    response = mod_client.post(
        f"/moderation/comment/{comment.pk}/", {"edit": "1", "body": "x" * 10_001}
    )
    assert response.status_code == 400
    assert "x" * 10_001 in response.content.decode()
    comment.refresh_from_db()
    assert comment.body == "Keep me"


def test_reply_as_the_newsroom(mod_client, make_comment, client, article, moderator):
    comment = make_comment(body="When does the market open?")
    response = mod_client.post(
        f"/moderation/comment/{comment.pk}/", {"reply": "1", "body": "On the first, at six."}
    )
    assert response.status_code == 302
    reply = Comment.objects.get(parent=comment)
    assert reply.user == moderator
    assert reply.status == PUBLISHED
    html = client.get(article.get_absolute_url()).content.decode()
    assert "On the first, at six." in html
    assert AuditEntry.objects.get().action == "reply"


def test_reply_to_a_held_comment_is_refused(mod_client, make_comment):
    comment = held(make_comment)
    response = mod_client.post(
        f"/moderation/comment/{comment.pk}/", {"reply": "1", "body": "Hello"}
    )
    assert response.status_code == 400
    assert "The comment you replied to cannot be found." in response.content.decode()
    assert Comment.objects.count() == 1


def test_close_and_hide_an_article_from_the_queue(mod_client, client, article, make_comment):
    make_comment(body="Visible until hidden")
    page = mod_client.get("/moderation/", {"article": article.pk}).content.decode()
    assert re.search(r'name="mode" value="closed"', page)
    mod_client.post(f"/moderation/article/{article.pk}/comments/", {"mode": "closed"})
    article.refresh_from_db()
    assert article.comments == Article.CommentMode.CLOSED
    html = client.get(article.get_absolute_url()).content.decode()
    assert "Comments on this article are closed." in html
    mod_client.post(f"/moderation/article/{article.pk}/comments/", {"mode": "hidden"})
    html = client.get(article.get_absolute_url()).content.decode()
    assert "Visible until hidden" not in html
    actions = list(AuditEntry.objects.order_by("id").values_list("action", flat=True))
    assert actions == ["comments_close", "comments_hide"]
    response = mod_client.post(
        f"/moderation/article/{article.pk}/comments/", {"mode": "sideways"}, follow=True
    )
    assert "Choose open, closed or hidden." in response.content.decode()
