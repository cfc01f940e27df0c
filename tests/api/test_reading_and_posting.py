"""The API's readers' half: reading threads, asking, previewing, posting, changing one's own."""

from __future__ import annotations

from datetime import timedelta

import pytest
from django.test import Client
from django.utils import timezone

from maoni.articles.models import Article
from maoni.comments.models import Comment, Site, Thread
from maoni.moderation.models import SpamSettings
from tests.api.conftest import ELSEWHERE, ORIGIN, Widget, answer_to, shown_a_while_ago

pytestmark = pytest.mark.django_db


def test_reading_a_page_of_a_site_creates_no_thread(widget: Widget) -> None:
    response = widget.read()
    assert response.status_code == 200
    assert response.json()["comments"] == []
    assert response.json()["count"] == 0
    widget.form()
    assert Thread.objects.filter(site__isnull=False).count() == 0


def test_the_first_comment_creates_the_thread_with_the_pages_title_and_address(
    widget: Widget,
) -> None:
    response = widget.post(
        "Rationing hit Kaptembwo hardest; good to see it end.",
        title="Water rationing ends",
        url=f"{ORIGIN}/2026/12/water-rationing",
    )
    assert response.status_code == 201, response.content
    data = response.json()
    assert data["outcome"] == "posted"
    assert data["status"] == "published"
    assert data["message"] == "Your comment has been posted."
    assert data["edit_token"]
    thread = Thread.objects.get(site__slug="example")
    assert thread.title == "Water rationing ends"
    assert thread.url == f"{ORIGIN}/2026/12/water-rationing"
    listed = widget.read().json()
    assert listed["count"] == 1
    assert listed["comments"][0]["html"] == (
        "<p>Rationing hit Kaptembwo hardest; good to see it end.</p>\n"
    )
    assert listed["comments"][0]["url"].endswith(f"#comment-{data['comment']['id']}")


def test_replies_come_after_what_they_answer_in_both_orders(widget: Widget) -> None:
    first = widget.post("The first comment here.").json()["comment"]["id"]
    second = widget.post("A second top-level comment.").json()["comment"]["id"]
    reply = widget.post("A reply to the first.", parent=first).json()["comment"]["id"]
    oldest = [comment["id"] for comment in widget.read().json()["comments"]]
    newest = [comment["id"] for comment in widget.read(order="newest").json()["comments"]]
    assert oldest == [first, reply, second]
    assert newest == [second, first, reply]
    replied = widget.read().json()["comments"][1]
    assert replied["parent"] == first
    assert replied["depth"] == 1


def test_pages_of_fifty_follow_the_cursor_without_gaps(widget: Widget, site: Site) -> None:
    thread = Thread.objects.create(key=f"{site.pk}:{widget.thread}", site=site, title="Busy")
    from maoni.comments import services

    start = timezone.now() - timedelta(days=1)
    for number in range(120):
        services.comment_post(
            thread=thread,
            body=f"Comment number {number}",
            question_id=None,
            created=start + timedelta(seconds=number),
            status=Comment.Status.PUBLISHED,
        )
    for order in ("oldest", "newest"):
        seen: list[int] = []
        cursor = None
        for _page in range(5):
            query = {"order": order} | ({"cursor": cursor} if cursor else {})
            data = widget.read(**query).json()
            seen += [comment["id"] for comment in data["comments"]]
            cursor = data["next"]
            if cursor is None:
                break
        assert len(seen) == 120 == len(set(seen))
        assert seen == sorted(seen, reverse=order == "newest")


def test_a_wrong_answer_is_a_400_with_a_new_question_and_stores_nothing(widget: Widget) -> None:
    response = widget.post("A comment with a wrong sum.", solve=False)
    assert response.status_code == 400
    data = response.json()
    assert data["code"] == "wrong_answer"
    assert data["message"] == "The answer you entered for the CAPTCHA was not correct."
    assert data["question"]["prompt"].endswith("=")
    assert Comment.objects.count() == 0


def test_a_question_is_tried_once(widget: Widget) -> None:
    form = widget.form()
    sent = {
        "body": "Trying the same question twice.",
        "form_stamp": shown_a_while_ago(),
        "idempotency_key": form["idempotency_key"],
        "captcha_id": form["question"]["id"],
    }
    assert widget.send(**sent, captcha_answer="999").status_code == 400
    right = answer_to(form["question"]["prompt"])
    again = widget.send(**sent, captcha_answer=right)
    assert again.status_code == 400
    assert again.json()["code"] == "wrong_answer"


def test_the_same_form_sent_twice_posts_once(widget: Widget) -> None:
    form = widget.form()
    sent = {
        "body": "Sent twice by a flaky connection.",
        "form_stamp": shown_a_while_ago(),
        "idempotency_key": form["idempotency_key"],
        "captcha_id": form["question"]["id"],
        "captcha_answer": answer_to(form["question"]["prompt"]),
    }
    first = widget.send(**sent)
    second = widget.send(**sent)
    assert first.status_code == 201
    assert second.status_code == 200
    assert second.json()["outcome"] == "sent_before"
    assert second.json()["comment"]["id"] == first.json()["comment"]["id"]
    assert Comment.objects.count() == 1


def test_preview_stores_nothing_and_keeps_the_question(widget: Widget) -> None:
    form = widget.form()
    sent = {
        "body": "Line one\nline two",
        "form_stamp": shown_a_while_ago(),
        "idempotency_key": form["idempotency_key"],
        "captcha_id": form["question"]["id"],
        "captcha_answer": answer_to(form["question"]["prompt"]),
    }
    shown = widget.send("previews", **sent)
    assert shown.status_code == 200, shown.content
    assert shown.json()["outcome"] == "preview"
    assert shown.json()["comment"]["html"] == "<p>Line one<br />\nline two</p>\n"
    assert Comment.objects.count() == 0
    posted = widget.send(**sent)
    assert posted.status_code == 201


def test_premoderated_sites_queue_with_a_reason(widget: Widget, site: Site) -> None:
    site.premoderation = "anonymous"
    site.save()
    response = widget.post("Held for the night editor.")
    assert response.status_code == 202
    data = response.json()
    assert data["outcome"] == "queued"
    assert data["reason"] == "premoderation"
    assert data["message"].startswith("Your comment has been queued for review")
    assert widget.read().json()["comments"] == []


def test_a_closed_site_refuses_new_comments(widget: Widget, site: Site) -> None:
    site.comments_closed = True
    site.save()
    response = widget.post("Too late.")
    assert response.status_code == 403
    assert response.json() == {
        "code": "closed",
        "message": "Comments are closed.",
        "fields": {},
        "question": None,
        "retry_after": None,
    }


def test_missing_fields_are_a_400_that_names_them(widget: Widget) -> None:
    response = widget.send(body="")
    assert response.status_code == 400
    assert response.json()["code"] in {"invalid", "wrong_answer", "question_required"}
    bad = widget.client.post(
        "/api/v1/comments", "{not json", content_type="application/json", HTTP_ORIGIN=ORIGIN
    )
    assert bad.status_code == 400
    assert bad.json()["code"] == "bad_request"


def test_flooding_is_a_429_with_retry_after(widget: Widget) -> None:
    SpamSettings.objects.update_or_create(pk=1, defaults={"client_per_hour": 1, "client_burst": 1})
    assert widget.post("One is fine.").status_code == 201
    response = widget.post("Two is too many.")
    assert response.status_code == 429
    assert response.json()["code"] == "too_fast"
    assert int(response["Retry-After"]) > 0


class TestOrigins:
    def test_an_allowed_origin_may_read_the_answer(self, widget: Widget) -> None:
        response = widget.read()
        assert response["Access-Control-Allow-Origin"] == ORIGIN
        assert "Access-Control-Allow-Credentials" not in response

    def test_another_origin_is_refused_with_a_clear_error(self, site: Site) -> None:
        stranger = Widget(Client(), "example", "/2026/12/water-rationing", origin=ELSEWHERE)
        sent = stranger.send(body="From a page nobody listed.")
        for response in (stranger.read(), stranger.get("form", site="example", thread="x"), sent):
            assert response.status_code == 403
            assert response.json()["code"] == "origin_not_allowed"
            assert ELSEWHERE in response.json()["message"]
            assert "Access-Control-Allow-Origin" not in response
        assert Comment.objects.count() == 0

    def test_preflights(self, site: Site) -> None:
        client = Client()
        allowed = client.options("/api/v1/comments", HTTP_ORIGIN=ORIGIN)
        assert allowed.status_code == 204
        assert allowed["Access-Control-Allow-Origin"] == ORIGIN
        assert "X-Maoni-Edit-Token" in allowed["Access-Control-Allow-Headers"]
        refused = client.options("/api/v1/comments", HTTP_ORIGIN=ELSEWHERE)
        assert refused.status_code == 403

    def test_an_unknown_site_is_a_404(self, db: None) -> None:
        response = Client().get("/api/v1/thread", {"site": "nobody", "thread": "x"})
        assert response.status_code == 404
        assert response.json()["code"] == "unknown_site"


class TestAuthorsChanges:
    def test_edit_and_delete_with_the_token(self, widget: Widget) -> None:
        posted = widget.post("Typo in thsi comment.").json()
        comment_id, token = posted["comment"]["id"], posted["edit_token"]
        edited = widget.client.patch(
            f"/api/v1/comments/{comment_id}",
            {"body": "No typo in this comment."},
            content_type="application/json",
            HTTP_ORIGIN=ORIGIN,
            HTTP_X_MAONI_EDIT_TOKEN=token,
        )
        assert edited.status_code == 200, edited.content
        assert edited.json()["comment"]["html"] == "<p>No typo in this comment.</p>\n"
        assert Comment.objects.get().body == "No typo in this comment."
        deleted = widget.client.delete(
            f"/api/v1/comments/{comment_id}", HTTP_ORIGIN=ORIGIN, HTTP_X_MAONI_EDIT_TOKEN=token
        )
        assert deleted.status_code == 200
        assert Comment.objects.get().status == Comment.Status.DELETED

    def test_without_the_token_or_after_the_window_it_is_refused(self, widget: Widget) -> None:
        posted = widget.post("Mine to change.").json()
        comment_id, token = posted["comment"]["id"], posted["edit_token"]
        refused = widget.client.delete(f"/api/v1/comments/{comment_id}", HTTP_ORIGIN=ORIGIN)
        assert refused.status_code == 403
        assert refused.json()["code"] == "not_yours"
        Comment.objects.update(created=timezone.now() - timedelta(minutes=16))
        late = widget.client.delete(
            f"/api/v1/comments/{comment_id}", HTTP_ORIGIN=ORIGIN, HTTP_X_MAONI_EDIT_TOKEN=token
        )
        assert late.status_code == 403
        assert Comment.objects.get().status == Comment.Status.PUBLISHED


def test_counts_of_many_pages_in_one_request(widget: Widget) -> None:
    widget.post("One comment on this page.")
    response = widget.get("counts", site="example", thread=[widget.thread, "/never-commented"])
    assert response.status_code == 200
    assert response.json() == {"counts": {widget.thread: 1, "/never-commented": 0}}


def test_maonis_own_articles_are_one_more_site(article: Article) -> None:
    own = Widget(Client(), "maoni", article.slug, origin="http://testserver")
    response = own.post("Through the API, on an article.")
    assert response.status_code == 201, response.content
    assert Comment.objects.get().thread_id == article.thread_id
    assert own.read().json()["title"] == article.title
    assert own.get("counts", site="maoni", thread=[article.slug]).json() == {
        "counts": {article.slug: 1}
    }


def test_one_public_comment(widget: Widget) -> None:
    comment_id = widget.post("Readable alone.").json()["comment"]["id"]
    response = widget.get(f"comments/{comment_id}")
    assert response.status_code == 200
    assert response.json()["html"] == "<p>Readable alone.</p>\n"
    assert widget.get("comments/999999").status_code == 404


def test_numbers_past_what_the_database_holds_are_a_400(widget: Widget) -> None:
    assert widget.get(f"comments/{2**70}").status_code == 400
    response = widget.send(body="A reply to nothing.", parent=2**70)
    assert response.status_code == 400
    assert response.json()["code"] == "bad_request"


def test_a_page_address_off_the_site_is_not_kept(widget: Widget) -> None:
    widget.post("Where do I link to?", title="Story", url="javascript:alert(1)")
    assert Thread.objects.get(site__slug="example").url == ""


def test_the_moderation_queue_names_the_page_and_its_site(widget: Widget, site: Site) -> None:
    from django.contrib.auth.models import User

    site.premoderation = "everyone"
    site.save()
    widget.post("Held on a partner page.", title="Water rationing ends", url=f"{ORIGIN}/w")
    editor = User.objects.create_superuser("boss", "boss@example.org", "pw")
    client = Client()
    client.force_login(editor)
    page = client.get("/moderation/").content.decode()
    assert f'<a href="{ORIGIN}/w">Water rationing ends</a> (Example News)' in page


def test_a_site_may_ask_its_question_only_when_suspicious(widget: Widget, site: Site) -> None:
    assert widget.form()["question"] is not None
    site.captcha = "suspicious"
    site.save()
    assert widget.form()["question"] is None
    response = widget.post("A plain comment needs no question here.")
    assert response.status_code == 201, response.content


def test_asking_for_the_form_writes_nothing(widget: Widget) -> None:
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    from tests.questions import questions_kept

    widget.form()  # the settings rows are made on first use, once per site
    with CaptureQueriesContext(connection) as queries:
        for _number in range(200):
            assert widget.form()["question"] is not None
    writes = [
        query["sql"]
        for query in queries.captured_queries
        if query["sql"].lstrip().upper().startswith(("INSERT", "UPDATE", "DELETE"))
    ]
    assert writes == []
    assert questions_kept() == 0
    assert Thread.objects.filter(site__isnull=False).count() == 0


def test_the_form_says_whether_a_name_and_address_are_asked(widget: Widget) -> None:
    from maoni.comments.models import CommentSettings

    assert widget.form()["contact"] == "optional"
    settings_row = CommentSettings.load()
    settings_row.anonymous_contact = "forbidden"
    settings_row.save()
    assert widget.form()["contact"] == "forbidden"


def test_a_reader_reports_a_comment_through_the_api(widget: Widget, site: Site) -> None:
    from maoni.reports.models import Report

    posted = widget.post("Buy followers now.").json()["comment"]["id"]
    url = f"/api/v1/comments/{posted}/reports"
    sent = widget.client.post(
        url, {"reason": "spam", "details": "An advert."}, content_type="application/json",
        HTTP_ORIGIN=widget.origin,
    )  # fmt: skip
    assert sent.status_code == 201
    assert sent.json()["outcome"] == "reported"
    assert sent["Access-Control-Allow-Origin"] == widget.origin
    again = widget.client.post(url, {"reason": "abuse"}, content_type="application/json")
    assert (again.status_code, again.json()["outcome"]) == (200, "reported_before")
    notice = widget.client.post(
        url, {"reason": "illegal"}, content_type="application/json", REMOTE_ADDR="198.51.100.9"
    )
    assert notice.status_code == 400
    assert set(notice.json()["fields"]) == {"legal_ground", "explanation"}
    assert (
        widget.client.post(
            "/api/v1/comments/999999/reports", {"reason": "spam"}, content_type="application/json"
        ).status_code
        == 404
    )
    assert (
        widget.client.post(url, {"reason": "rude"}, content_type="application/json").status_code
        == 400
    )
    assert Report.objects.count() == 1
