"""The embed's pages on Maoni's origin: the thread without the script, and the fragment."""

from __future__ import annotations

import re
from html import unescape

import pytest
from django.test import Client

from maoni.comments.models import Comment, Site, Thread
from maoni.pagecache.store import page_store
from tests.api.conftest import ORIGIN, Widget, answer_to, shown_a_while_ago

pytestmark = pytest.mark.django_db

PAGE = "/embed/example/"
THREAD = "/2026/12/water-rationing"


def hidden(html: str, name: str) -> str:
    match = re.search(rf'name="{name}" value="([^"]*)"', html)
    assert match is not None, name
    return unescape(match.group(1))


def prompt_in(html: str) -> str:
    match = re.search(r'class="field-prefix"[^>]*>([^<]*)<', html)
    assert match is not None
    return match.group(1)


def filled(html: str, body: str, *, right: bool = True, **more: str) -> dict[str, str]:
    """The page's form as a reader fills it, answering its question (rightly, unless told)."""
    answer = answer_to(prompt_in(html))
    return {
        "csrfmiddlewaretoken": hidden(html, "csrfmiddlewaretoken"),
        "form_stamp": shown_a_while_ago(),
        "idempotency_key": hidden(html, "idempotency_key"),
        "page_title": hidden(html, "page_title"),
        "page_url": hidden(html, "page_url"),
        "captcha_id": hidden(html, "captcha_id"),
        "captcha_answer": answer if right else str(int(answer) + 1),
        "name": "Akinyi",
        "mail": "akinyi@example.org",
        "body": body,
        "op": "save",
        **more,
    }


def test_a_reader_without_the_script_posts_the_pages_first_comment(site: Site) -> None:
    client = Client(enforce_csrf_checks=True)
    url = f"{ORIGIN}{THREAD}"
    shown = client.get(PAGE, {"thread": THREAD, "title": "Water rationing ends", "url": url})
    assert shown.status_code == 200
    html = shown.content.decode()
    assert "No comments yet." in html
    assert "Add new comment" in html
    assert f'href="{url}"' in html
    assert Thread.objects.filter(site=site).count() == 0

    sent = client.post(f"{PAGE}?thread={THREAD}", filled(html, "Kaptembwo had it worst."))
    comment = Comment.objects.get()
    assert sent.status_code == 302
    assert sent["Location"] == f"{PAGE}?thread=%2F2026%2F12%2Fwater-rationing#comment-{comment.pk}"
    assert comment.thread.title == "Water rationing ends"
    assert comment.thread.url == url
    after = client.get(sent["Location"]).content.decode()
    assert "Your comment has been posted." in after
    assert f'id="comment-{comment.pk}"' in after
    assert "Kaptembwo had it worst." in after
    assert "akinyi@example.org" not in after


def test_a_wrong_answer_shows_the_form_again_with_what_was_typed(site: Site) -> None:
    client = Client()
    html = client.get(PAGE, {"thread": THREAD}).content.decode()
    again = client.post(f"{PAGE}?thread={THREAD}", filled(html, "Maji ni uhai.", right=False))
    assert again.status_code == 400
    page = again.content.decode()
    assert "The answer you entered for the CAPTCHA was not correct." in page
    assert "Maji ni uhai." in page
    assert hidden(page, "captcha_id")
    assert Comment.objects.count() == 0
    posted = client.post(f"{PAGE}?thread={THREAD}", filled(page, "Maji ni uhai."))
    assert posted.status_code == 302
    assert Comment.objects.get().body == "Maji ni uhai."


def test_a_page_address_of_another_site_is_not_kept_as_the_threads(site: Site) -> None:
    client = Client()
    html = client.get(PAGE, {"thread": THREAD, "url": "https://spam.example/"}).content.decode()
    assert hidden(html, "page_url") == ""
    client.post(f"{PAGE}?thread={THREAD}", filled(html, "A comment."))
    assert Thread.objects.get(site=site).url == ""


def test_replies_and_previews_without_the_script(widget: Widget) -> None:
    first = widget.post("The first comment.").json()["comment"]["id"]
    client = Client()
    html = client.get(PAGE, {"thread": widget.thread, "parent": first}).content.decode()
    assert f'name="parent" value="{first}"' in html
    shown = client.post(
        f"{PAGE}?thread={widget.thread}", filled(html, "Just looking.", op="preview")
    )
    assert shown.status_code == 200
    assert "Preview comment" in shown.content.decode()
    assert Comment.objects.count() == 1
    client.post(f"{PAGE}?thread={widget.thread}", filled(html, "A reply.", parent=str(first)))
    assert Comment.objects.get(body="A reply.").parent_id == first


def test_an_unknown_site_or_thread_id_is_said_plainly(site: Site) -> None:
    assert Client().get("/embed/nowhere/", {"thread": THREAD}).status_code == 404
    assert Client().get(PAGE, {"thread": "has spaces"}).status_code == 400


def test_a_closed_site_shows_its_comments_without_a_form(widget: Widget, site: Site) -> None:
    widget.post("Before it closed.")
    site.comments_closed = True
    site.save()
    html = Client().get(PAGE, {"thread": widget.thread}).content.decode()
    assert "Before it closed." in html
    assert "Comments are closed." in html
    assert 'id="comment-form"' not in html


def test_the_fragment_holds_the_comments_and_a_link_to_post(widget: Widget) -> None:
    widget.post("For the static build.", mail="secret@example.org")
    client = Client()
    first = client.get("/embed/example/fragment", {"thread": widget.thread})
    assert first.status_code == 200
    html = first.content.decode()
    assert "For the static build." in html
    assert "secret@example.org" not in html
    assert "<form" not in html
    assert "<html" not in html
    assert "http://testserver/embed/example/?thread=%2F2026%2F12%2Fwater-rationing" in html
    assert "ETag" in first
    kept = client.get(
        "/embed/example/fragment", {"thread": widget.thread}, HTTP_IF_NONE_MATCH=first["ETag"]
    )
    assert kept.status_code == 304
    assert len(page_store()) == 1


def test_the_fragment_of_a_page_without_comments_is_not_kept(site: Site) -> None:
    response = Client().get("/embed/example/fragment", {"thread": THREAD})
    assert "No comments yet." in response.content.decode()
    assert len(page_store()) == 0
