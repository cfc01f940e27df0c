"""Posting a comment through the form, as a reader's browser does (CSRF on)."""

from __future__ import annotations

import re
from datetime import timedelta

import pytest
from django.test import Client
from django.utils import timezone

from maoni.articles.models import Article
from maoni.comments import questions
from maoni.comments.models import Comment, CommentSettings, Premoderation
from maoni.moderation.models import SpamSettings
from tests.conftest import Reader, captcha_id_in, open_page, solve
from tests.questions import expired, question

WRONG = "The answer you entered for the CAPTCHA was not correct."
POSTED = "Your comment has been posted."
QUEUED = (
    "Your comment has been queued for review by site administrators "
    "and will be published after approval."
)


def follow(reader: Reader, response) -> str:
    assert response.status_code == 302, response.content.decode()[:3000]
    page = reader.client.get(response["Location"])
    assert page.status_code == 200
    return page.content.decode()


def test_posting_lands_on_the_comment_with_a_message(reader: Reader):
    response = reader.post(name="Menye", mail="menye@example.org", body="Habari\nza asubuhi")
    comment = Comment.objects.get()
    assert response["Location"] == f"{reader.article.get_absolute_url()}#comment-{comment.pk}"
    html = follow(reader, response)
    assert POSTED in html
    assert f'id="comment-{comment.pk}"' in html
    assert "<p>Habari<br />\nza asubuhi</p>" in html
    assert comment.status == Comment.Status.PUBLISHED
    assert comment.body == "Habari\nza asubuhi"
    assert comment.body_html == "<p>Habari<br />\nza asubuhi</p>\n"
    assert comment.author_email == "menye@example.org"
    assert comment.client_key
    reader.article.thread.refresh_from_db()
    assert reader.article.thread.public_count == 1
    assert reader.article.thread.version == 1


def test_post_lands_on_the_right_page(reader: Reader):
    for number in range(50):
        Comment.objects.create(
            thread=reader.article.thread,
            body=f"old {number}",
            body_html="<p>old</p>",
            created=timezone.now() - timedelta(days=1),
            path=f"{number:017d}.",
        )
    reader.article.thread.public_count = 50
    reader.article.thread.save()
    response = reader.post(body="The fifty-first.")
    comment = Comment.objects.get(body="The fifty-first.")
    assert response["Location"].endswith(f"?page=2#comment-{comment.pk}")
    assert "The fifty-first." in follow(reader, response)


def test_empty_name_is_anonymous(reader: Reader):
    html = follow(reader, reader.post(name="   ", body="No name here."))
    assert "Anonymous</span> (not verified)" in html


def test_wrong_answer_keeps_the_comment(reader: Reader):
    html = reader.open()
    first_id, answer = solve(html)
    response = reader.client.post(
        reader.post_url,
        {
            "name": "Mwororo",
            "mail": "m@example.org",
            "body": "Mvua imenyesha <leo>",
            "captcha_id": first_id,
            "captcha_answer": str(int(answer) + 1),
            "op": "save",
            "csrfmiddlewaretoken": reader.csrf(),
        },
    )
    assert response.status_code == 400
    page = response.content.decode()
    assert WRONG in page
    assert 'value="Mwororo"' in page
    assert 'value="m@example.org"' in page
    assert ">Mvua imenyesha &lt;leo&gt;</textarea>" in page
    # The answer is emptied and a new question is asked; the old one is gone.
    assert 'name="captcha_answer" value=""' in page
    assert captcha_id_in(page) != first_id
    assert question(first_id, reader.article.thread) is None
    assert Comment.objects.count() == 0
    # The new question works.
    response = reader.post(page, name="Mwororo", body="Second try.")
    assert response.status_code == 302
    assert Comment.objects.get().body == "Second try."


@pytest.mark.parametrize("typed", ["", "   "])
def test_missing_answer_asks_again(reader: Reader, typed):
    html = reader.open()
    _challenge_id, _answer = solve(html)
    response = reader.post(html, body="Hello", captcha_answer=typed)
    assert response.status_code == 400
    assert "Math question field is required." in response.content.decode()
    assert Comment.objects.count() == 0


def test_answer_with_whitespace_is_accepted(reader: Reader):
    html = reader.open()
    _id, answer = solve(html)
    response = reader.post(html, body="Spaces", captcha_answer=f"  {answer} ")
    assert response.status_code == 302


def test_unknown_or_expired_question_asks_a_new_one(reader: Reader):
    html = reader.open()
    challenge_id, _answer = solve(html)
    html = html.replace(challenge_id, expired(reader.article.thread).id)
    response = reader.post(html, body="Late")
    assert response.status_code == 400
    page = response.content.decode()
    assert "The CAPTCHA question has expired. Answer the new question." in page
    assert captcha_id_in(page) != challenge_id
    assert ">Late</textarea>" in page


def test_preview_shows_the_comment_and_posts_nothing(reader: Reader):
    response = reader.post(
        name="BFW", body="See https://example.org/x\nand <b>this</b>", op="preview"
    )
    assert response.status_code == 200
    page = response.content.decode()
    assert "Preview comment" in page
    assert (
        '<a href="https://example.org/x" rel="nofollow ugc">https://example.org/x</a><br />\n'
        "and &lt;b&gt;this&lt;/b&gt;"
    ) in page
    assert "BFW</span> (not verified)" in page
    assert ">See https://example.org/x\nand &lt;b&gt;this&lt;/b&gt;</textarea>" in page
    assert Comment.objects.count() == 0


def test_preview_then_save_does_not_ask_twice(reader: Reader):
    html = reader.open()
    challenge_id, _answer = solve(html)
    preview = reader.post(html, body="Draft", op="preview").content.decode()
    # The solved question is carried, not asked again.
    assert "<legend>CAPTCHA</legend>" not in preview
    assert captcha_id_in(preview) == challenge_id
    response = reader.client.post(
        reader.post_url,
        {
            "body": "Draft, edited",
            "captcha_id": challenge_id,
            "op": "save",
            "csrfmiddlewaretoken": reader.csrf(),
        },
    )
    assert response.status_code == 302
    assert Comment.objects.get().body == "Draft, edited"


def test_a_solved_question_posts_one_comment_only(reader: Reader):
    html = reader.open()
    challenge_id, answer = solve(html)
    data = {
        "body": "Once",
        "captcha_id": challenge_id,
        "captcha_answer": answer,
        "op": "save",
        "csrfmiddlewaretoken": reader.csrf(),
    }
    assert reader.client.post(reader.post_url, data).status_code == 302
    replay = reader.client.post(reader.post_url, {**data, "body": "Twice"})
    assert replay.status_code == 400
    page = replay.content.decode()
    assert "The CAPTCHA question has expired. Answer the new question." in page
    assert ">Twice</textarea>" in page
    assert list(Comment.objects.values_list("body", flat=True)) == ["Once"]


def test_a_right_answer_on_a_send_that_fails_is_kept_for_the_next(reader: Reader):
    html = reader.open()
    challenge_id, answer = solve(html)
    data = {
        "name": "Wanjiru",
        "body": "x" * 10_001,
        "captcha_id": challenge_id,
        "captcha_answer": answer,
        "op": "save",
        "csrfmiddlewaretoken": reader.csrf(),
    }
    refused = reader.client.post(reader.post_url, data)
    assert refused.status_code == 400
    page = refused.content.decode()
    # Answered once: the form carries the same question, solved, not a new one.
    assert "<legend>CAPTCHA</legend>" not in page
    assert captcha_id_in(page) == challenge_id
    kept = question(challenge_id, reader.article.thread)
    assert kept is not None
    assert kept.solved
    again = {**data, "body": "Shorter now.", "captcha_answer": ""}
    assert reader.client.post(reader.post_url, again).status_code == 302
    assert list(Comment.objects.values_list("body", flat=True)) == ["Shorter now."]
    assert question(challenge_id, reader.article.thread) is None


def test_premoderation_queues_anonymous_comments(reader: Reader):
    CommentSettings.objects.create(premoderation=Premoderation.ANONYMOUS)
    response = reader.post(name="Rhino", body="Held for now.")
    assert response["Location"] == reader.article.get_absolute_url()
    html = follow(reader, response)
    assert QUEUED in html
    assert "Held for now." not in html
    assert Comment.objects.get().status == Comment.Status.PENDING
    reader.article.thread.refresh_from_db()
    assert reader.article.thread.public_count == 0
    assert reader.client.get(Comment.objects.get().get_absolute_url()).status_code == 404


def test_registered_name_is_refused(reader: Reader, django_user_model):
    django_user_model.objects.create_user("Willys")
    response = reader.post(name="willys", body="Pretending.")
    assert response.status_code == 400
    page = response.content.decode()
    assert "The name you used belongs to a registered user." in page
    assert 'id="edit-name-error"' in page
    assert Comment.objects.count() == 0


def test_staff_post_under_their_own_name(article: Article, django_user_model):
    user = django_user_model.objects.create_user(
        "desk", email="desk@example.org", first_name="Night", last_name="Desk", is_staff=True
    )
    client = Client(enforce_csrf_checks=True)
    client.force_login(user)
    reader = Reader(client, article)
    html = follow(reader, reader.post(body="From the newsroom.", name="Someone else"))
    assert "Night Desk</span>\n" in html
    comment = Comment.objects.get()
    assert comment.user == user
    assert comment.author_email == "desk@example.org"


@pytest.mark.parametrize(
    ("fields", "message"),
    [
        ({"body": ""}, "Comment field is required."),
        ({"body": " \n\t "}, "Comment field is required."),
        ({"body": "x" * 10_001}, "A comment may be at most 10,000 characters long (it has 10001)."),
        ({"name": "n" * 61}, "Your name may be at most 60 characters long (it has 61)."),
        ({"mail": "not-an-address"}, "The e-mail address is not valid."),
        ({"mail": "a" * 250 + "@example.org"}, "The e-mail address may be at most 254"),
        ({"body": "nul\x00byte"}, "Null characters are not allowed."),
    ],
)
def test_limits_have_clear_messages_and_keep_the_input(reader: Reader, fields, message):
    data = {"name": "Maina", "body": "A fine comment.", **fields}
    response = reader.post(**data)
    assert response.status_code == 400
    page = response.content.decode()
    assert message in page
    assert 'value="Maina"' in page or "name" in fields
    assert Comment.objects.count() == 0


def test_longest_allowed_comment_is_stored_whole(reader: Reader):
    body = "ab " * 3333 + "c"
    assert len(body) == 10_000
    assert reader.post(body=body).status_code == 302
    assert Comment.objects.get().body == body


@pytest.mark.parametrize(
    ("mode", "status"),
    [(Article.CommentMode.CLOSED, 403), (Article.CommentMode.HIDDEN, 403)],
)
def test_posting_to_a_closed_or_hidden_article_is_refused(reader: Reader, mode, status):
    html = reader.open()
    Article.objects.filter(pk=reader.article.pk).update(comments=mode)
    response = reader.post(html, body="Too late.")
    assert response.status_code == status
    assert "Comments on this article are closed." in response.content.decode()
    assert Comment.objects.count() == 0


def test_posting_to_a_draft_is_not_found(reader: Reader):
    html = reader.open()
    Article.objects.filter(pk=reader.article.pk).update(status=Article.Status.DRAFT)
    response = reader.post(html, body="Hello?")
    assert response.status_code == 404
    assert Comment.objects.count() == 0


def test_a_wrong_csrf_token_is_refused_and_the_text_is_not_lost(reader: Reader):
    html = reader.open()
    challenge_id, answer = solve(html)
    response = reader.client.post(
        reader.post_url,
        {
            "body": "Forged <i>",
            "captcha_id": challenge_id,
            "captcha_answer": answer,
            "csrfmiddlewaretoken": "x" * 32,
            "op": "save",
        },
    )
    assert response.status_code == 403
    assert ">Forged &lt;i&gt;</textarea>" in response.content.decode()
    assert Comment.objects.count() == 0


def test_without_a_token_save_only_previews_with_a_question(reader: Reader):
    """A shared page whose script did not run sends no token: nothing is saved."""
    SpamSettings.objects.create(min_seconds=0)  # the final Save follows at once
    page = reader.client.get(reader.article.get_absolute_url()).content.decode()
    assert "csrfmiddlewaretoken" not in page
    response = reader.client.post(
        reader.post_url, {"name": "Wanjiru", "body": "Sent without a script", "op": "save"}
    )
    assert response.status_code == 200
    html = response.content.decode()
    assert "Your comment is not saved yet" in html
    assert 'class="comment comment-preview"' in html
    assert ">Sent without a script</textarea>" in html
    assert 'value="Wanjiru"' in html
    assert Comment.objects.count() == 0
    # The preview page carries all that the final Save needs.
    challenge_id, answer = solve(html)
    stamp = re.search(r'name="form_stamp" value="([^"]+)"', html).group(1)  # type: ignore[union-attr]
    response = reader.client.post(
        reader.post_url,
        {
            "name": "Wanjiru",
            "body": "Sent without a script",
            "op": "save",
            "form_stamp": stamp,
            "captcha_id": challenge_id,
            "captcha_answer": answer,
            "csrfmiddlewaretoken": reader.csrf(),
        },
    )
    assert response.status_code == 302
    assert Comment.objects.get().body == "Sent without a script"


def test_without_a_token_a_bad_form_keeps_what_was_typed(reader: Reader):
    response = reader.client.post(reader.post_url, {"mail": "not an address", "body": "Hello"})
    assert response.status_code == 400
    html = response.content.decode()
    assert ">Hello</textarea>" in html
    assert "<legend>CAPTCHA</legend>" in html
    assert Comment.objects.count() == 0


def test_get_on_the_post_address_leads_to_the_form(client: Client, article: Article):
    response = client.get(f"/news/{article.slug}/comment/")
    assert response.status_code == 302
    assert response["Location"] == f"{article.get_absolute_url()}#comment-form"


class TestMalformedRequests:
    """Whatever arrives, the answer is a 4xx with a message, never a 500."""

    @pytest.fixture
    def client(self, article: Article) -> Client:
        return Client(raise_request_exception=False)

    def url(self, article: Article) -> str:
        return f"/news/{article.slug}/comment/"

    def test_missing_fields(self, client, article):
        response = client.post(self.url(article), {})
        assert response.status_code == 400
        assert b"Comment field is required." in response.content

    def test_repeated_fields_and_odd_values(self, client, article):
        response = client.post(
            self.url(article),
            "body=a&body=b&captcha_id=%00&name[]=x&op=weird",
            content_type="application/x-www-form-urlencoded",
        )
        assert response.status_code == 400

    def test_invalid_utf8(self, client, article):
        response = client.post(
            self.url(article),
            b"body=%ff%fe&name=abc",
            content_type="application/x-www-form-urlencoded",
        )
        assert response.status_code == 400
        assert b"The form was not sent as UTF-8 text." in response.content

    def test_huge_body(self, client, article):
        response = client.post(self.url(article), {"body": "x" * 2_000_000})
        assert response.status_code == 400
        assert b"Bad request" in response.content

    def test_too_many_fields(self, client, article):
        data = "&".join(f"f{number}=1" for number in range(1500))
        response = client.post(
            self.url(article), data, content_type="application/x-www-form-urlencoded"
        )
        assert response.status_code == 400

    def test_json_instead_of_a_form(self, client, article):
        response = client.post(self.url(article), {"body": [1, 2]}, content_type="application/json")
        assert response.status_code == 400

    def test_wrong_method(self, client, article):
        assert client.put(self.url(article)).status_code == 405

    def test_unknown_comment(self, client):
        assert client.get("/comment/999999/").status_code == 404
        assert client.get("/comment/99999999999999999999999/").status_code == 404


def test_two_visitors_never_share_a_question(client: Client, article: Article):
    first = Client().get(article.get_absolute_url()).content
    again = Client().get(article.get_absolute_url()).content
    assert first == again  # the second came from the store
    assert b"captcha_id" not in first
    ids = {captcha_id_in(open_page(Client(), article.get_absolute_url())) for _ in range(20)}
    assert len(ids) == 20
    # Signed tokens, each with a nonce of its own, that the form takes whole.
    assert all(re.fullmatch(r"[A-Za-z0-9_-]+:[A-Za-z0-9]+:[A-Za-z0-9_-]{43}", i) for i in ids)
    assert all(len(challenge_id) <= questions.ID_MAX_LENGTH for challenge_id in ids)
    found = [questions.find(i, thread_key=article.thread.key) for i in ids]
    assert len({question.digest for question in found if question is not None}) == 20


@pytest.mark.parametrize(
    "typed", ["amina  otieno", " AMINA OTIENO ", "Amina Otieno", "ÁMINA OTIENO"]
)
def test_registered_names_are_matched_as_registration_stores_them(
    reader: Reader, django_user_model, typed
):
    django_user_model.objects.create_user("Amina Otieno")
    django_user_model.objects.create_user("Ámina Otieno")
    response = reader.post(name=typed, body="Pretending.")
    assert response.status_code == 400
    assert "The name you used belongs to a registered user." in response.content.decode()
