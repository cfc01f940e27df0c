"""The widget on a page of another site, in a real browser (headless Chromium).

The site's page is served from a second origin (a small HTTP server on
another port) and loads embed.js from pytest-django's live server, as a
news site loads it from Maoni. The questions are read off the page, as a
reader reads them.
"""

from __future__ import annotations

import functools
import re
import threading
from collections.abc import Iterator
from http.server import SimpleHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path

import pytest
from django.utils import translation
from playwright.sync_api import expect

from maoni.api import widget_texts
from maoni.comments import services
from maoni.comments.forms import CAPTCHA_WRONG
from maoni.comments.models import Comment, Site, Thread
from maoni.moderation.models import SpamSettings

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

HOST_PAGE = """<!DOCTYPE html>
<html lang="en"><head><meta charset="utf-8"><title>Water rationing ends</title>
<link rel="canonical" href="{origin}/2026/12/water-rationing"></head>
<body><h1>Water rationing ends</h1><p>The county lifts the rationing.</p>
<div id="maoni-comments" data-maoni-site="example" data-maoni-thread="water-rationing">
<a href="{maoni}/embed/example/?thread=water-rationing">Read and post comments</a></div>
<script src="{maoni}/static/maoni/embed.js" async></script>
</body></html>
"""


class _Quiet(SimpleHTTPRequestHandler):
    def log_message(self, format: str, *args: object) -> None:
        pass


@pytest.fixture
def news_server(tmp_path: Path) -> Iterator[int]:
    """A plain static web server on its own port: the news site's pages."""
    handler = functools.partial(_Quiet, directory=str(tmp_path))
    server = ThreadingHTTPServer(("127.0.0.1", 0), handler)
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    yield server.server_address[1]
    server.shutdown()
    server.server_close()


@pytest.fixture
def news_site(news_server: int, live_server, tmp_path: Path) -> str:
    """The news site registered with Maoni, its page with one comment: its origin."""
    origin = f"http://127.0.0.1:{news_server}"
    # A script types faster than any reader; the time check would hold it.
    SpamSettings.objects.create(min_seconds=0)
    (tmp_path / "water.html").write_text(HOST_PAGE.format(origin=origin, maoni=live_server.url))
    site = Site.objects.create(name="Example News", slug="example", origins=origin)
    thread = Thread.objects.create(
        key=f"{site.pk}:water-rationing", site=site, title="Water rationing ends"
    )
    services.comment_post(
        thread=thread,
        author_name="Otieno",
        body="About time the taps ran again.",
        question_id=None,
        status=Comment.Status.PUBLISHED,
    )
    return origin


def answer_on(page) -> str:
    """Reads the math question as a person would and works out the answer."""
    prompt = page.locator(".captcha .field-prefix").inner_text()
    match = re.fullmatch(r"(\d+) \+ (\d+) =", prompt.strip())
    assert match is not None, prompt
    return str(int(match.group(1)) + int(match.group(2)))


def test_a_reader_on_the_news_site_reads_posts_and_edits(browser, news_site):
    context = browser.new_context()
    page = context.new_page()
    try:
        page.goto(f"{news_site}/water.html")
        expect(page.get_by_text("About time the taps ran again.")).to_be_visible()
        expect(page.get_by_role("heading", name="Add new comment")).to_be_visible()
        page.get_by_label("Your name").fill("Wanjiru")
        page.get_by_label("Email").fill("wanjiru@example.org")
        page.get_by_role("textbox", name="Comment").fill("Now fix the pipes in Kibera.")
        page.get_by_label("Math question").fill(str((int(answer_on(page)) + 1) % 21))
        page.get_by_role("button", name="Save").click()
        expect(page.get_by_role("status")).to_have_text(
            "The answer you entered for the CAPTCHA was not correct."
        )
        assert Comment.objects.count() == 1
        assert page.get_by_role("textbox", name="Comment").input_value() == (
            "Now fix the pipes in Kibera."
        )
        page.get_by_label("Math question").fill(answer_on(page))
        with page.expect_request(lambda sent: sent.method == "POST") as sending:
            page.get_by_role("button", name="Save").click()
        sent = sending.value.post_data_json
        assert sent["title"] == "Water rationing ends"
        assert sent["url"] == f"{news_site}/2026/12/water-rationing"

        expect(page.get_by_role("status")).to_have_text("Your comment has been posted.")
        comment = Comment.objects.get(author_name="Wanjiru")
        posted = page.locator(f"#comment-{comment.pk}")
        expect(posted).to_contain_text("Now fix the pipes in Kibera.")
        expect(posted).to_be_focused()
        assert "wanjiru@example.org" not in page.content()

        posted.get_by_role("button", name="Edit").click()
        posted.get_by_role("textbox", name="Comment").fill("Now fix the pipes in Kibera, please.")
        posted.get_by_role("button", name="Save").click()
        expect(page.get_by_role("status")).to_have_text("Your comment has been updated.")
        expect(posted.locator(".maoni-body")).to_have_text("Now fix the pipes in Kibera, please.")
        comment.refresh_from_db()
        assert comment.body == "Now fix the pipes in Kibera, please."

        # A permalink: the page opens at the comment. The edit token stays with the tab.
        linked = context.new_page()
        linked.goto(f"{news_site}/water.html#comment-{comment.pk}")
        expect(linked.locator(f"#comment-{comment.pk}")).to_be_focused()
        assert linked.get_by_role("button", name="Edit").count() == 0
    finally:
        context.close()


def test_a_page_of_an_origin_no_site_lists_gets_no_form(browser, news_site, news_server):
    context = browser.new_context()
    page = context.new_page()
    stranger = f"http://localhost:{news_server}"
    try:
        with page.expect_console_message(lambda message: "Maoni:" in message.text) as said:
            page.goto(f"{stranger}/water.html")
        error = said.value
        assert error.type == "error"
        assert stranger in error.text
        assert "allowed origins" in error.text
        # The fallback link stays: the page at Maoni's origin still works.
        expect(page.get_by_role("link", name="Read and post comments")).to_be_visible()
        assert page.locator("form").count() == 0
        assert page.get_by_text("About time the taps ran again.").count() == 0
    finally:
        context.close()


def test_a_listing_gets_its_counts_in_one_request(browser, news_site, live_server, tmp_path):
    (tmp_path / "index.html").write_text(
        '<!DOCTYPE html><html lang="en"><head><title>News</title></head><body>'
        '<p>Water rationing ends: <span data-maoni-count="water-rationing"></span></p>'
        '<p>Matatu fares rise: <span data-maoni-count="matatu-fares"></span></p>'
        f'<script src="{live_server.url}/static/maoni/count.js" data-maoni-site="example" async>'
        "</script></body></html>"
    )
    context = browser.new_context()
    page = context.new_page()
    asked: list[str] = []
    page.on("request", lambda request: asked.append(request.url))
    try:
        page.goto(f"{news_site}/index.html")
        expect(page.locator('[data-maoni-count="water-rationing"]')).to_have_text("1 comment")
        expect(page.locator('[data-maoni-count="matatu-fares"]')).to_have_text("0 comments")
        assert len([url for url in asked if "/api/v1/counts" in url]) == 1
    finally:
        context.close()


def test_without_the_script_the_link_leads_to_a_page_that_posts(browser, news_site):
    context = browser.new_context(java_script_enabled=False)
    page = context.new_page()
    try:
        page.goto(f"{news_site}/water.html")
        page.get_by_role("link", name="Read and post comments").click()
        expect(page.get_by_text("About time the taps ran again.")).to_be_visible()
        page.get_by_label("Your name").fill("Baraka")
        page.get_by_role("textbox", name="Comment").fill("No script, still heard.")
        page.get_by_label("Math question").fill(answer_on(page))
        page.get_by_role("button", name="Save").click()

        expect(page.get_by_text("Your comment has been posted.")).to_be_visible()
        comment = Comment.objects.get(author_name="Baraka")
        expect(page.locator(f"#comment-{comment.pk}")).to_contain_text("No script, still heard.")
    finally:
        context.close()


def swahili_texts() -> dict[str, object]:
    """The widget's Swahili, as the catalog gives it (and texts.js carries it)."""
    texts = widget_texts.texts_of("sw")
    assert texts["add"] != "Add new comment", "no Swahili catalog compiled yet"
    return texts


def test_the_widget_and_its_messages_speak_the_pages_language(
    browser, news_site, live_server, tmp_path
):
    sw = swahili_texts()
    with translation.override("sw"):
        wrong = str(CAPTCHA_WRONG)
    page_html = HOST_PAGE.format(origin=news_site, maoni=live_server.url)
    (tmp_path / "maji.html").write_text(page_html.replace('lang="en"', 'lang="sw-KE"'))
    context = browser.new_context()
    page = context.new_page()
    try:
        page.goto(f"{news_site}/maji.html")
        expect(page.get_by_role("heading", name=str(sw["add"]))).to_be_visible()
        expect(page.get_by_role("heading", name=str(sw["heading"]), exact=True)).to_be_visible()
        # The page says it is in Swahili already: the widget adds no lang of its own.
        assert page.locator("section.maoni").get_attribute("lang") is None
        page.get_by_label(str(sw["name"])).fill("Wanjiru")
        page.get_by_role("textbox", name=str(sw["comment"])).fill("Mabomba yarekebishwe.")
        page.get_by_label(str(sw["math"])).fill(str((int(answer_on(page)) + 1) % 21))
        with page.expect_request(lambda sent: sent.method == "POST") as sending:
            page.get_by_role("button", name=str(sw["save"])).click()
        assert sending.value.headers["accept-language"] == "sw"
        # The API's message, in the widget's language.
        assert wrong != "The answer you entered for the CAPTCHA was not correct."
        expect(page.get_by_role("status")).to_have_text(wrong)
    finally:
        context.close()


def test_the_widgets_element_may_ask_for_its_own_language(
    browser, news_site, live_server, tmp_path
):
    sw = swahili_texts()
    page_html = HOST_PAGE.format(origin=news_site, maoni=live_server.url)
    (tmp_path / "mixed.html").write_text(
        page_html.replace(
            'data-maoni-site="example"', 'data-maoni-lang="sw" data-maoni-site="example"'
        )
    )
    context = browser.new_context()
    page = context.new_page()
    try:
        page.goto(f"{news_site}/mixed.html")
        expect(page.get_by_role("heading", name=str(sw["add"]))).to_be_visible()
        assert page.locator("section.maoni").get_attribute("lang") == "sw"
        expect(page.get_by_role("button", name=str(sw["reply"]))).to_be_visible()
    finally:
        context.close()


def test_counts_speak_the_listings_language(browser, news_site, live_server, tmp_path):
    with translation.override("sw"):
        one, none = (widget_texts.count_form(n) % {"count": n} for n in (1, 0))
    assert one == "maoni 1"
    assert none == "maoni 0"
    for name, lang in (("orodha.html", "sw"), ("liste.html", "fr")):
        (tmp_path / name).write_text(
            f'<!DOCTYPE html><html lang="{lang}"><head><title>Habari</title></head><body>'
            '<p><span data-maoni-count="water-rationing"></span></p>'
            '<p><span data-maoni-count="matatu-fares"></span></p>'
            f'<script src="{live_server.url}/static/maoni/count.js" data-maoni-site="example" '
            "async></script></body></html>"
        )
    context = browser.new_context()
    page = context.new_page()
    try:
        page.goto(f"{news_site}/orodha.html")
        expect(page.locator('[data-maoni-count="water-rationing"]')).to_have_text(one)
        expect(page.locator('[data-maoni-count="matatu-fares"]')).to_have_text(none)
        # A language Maoni does not speak gets English.
        page.goto(f"{news_site}/liste.html")
        expect(page.locator('[data-maoni-count="water-rationing"]')).to_have_text("1 comment")
    finally:
        context.close()
