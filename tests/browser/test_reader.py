"""A reader posts a comment in a real browser (headless Chromium, Debian's build).

Runs against pytest-django's live server. Skipped where Chromium is missing,
except in CI (CI=true), where a missing browser is a failure: .ci/run installs it.
"""

from __future__ import annotations

import re

import pytest
from playwright.sync_api import expect

from maoni.comments.models import Comment
from maoni.moderation.models import SpamSettings

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def answer_on(page) -> str:
    """Reads the math question as a person would and works out the answer."""
    prompt = page.locator(".captcha .field-prefix").inner_text()
    match = re.fullmatch(r"(\d+) \+ (\d+) =", prompt.strip())
    assert match is not None, prompt
    return str(int(match.group(1)) + int(match.group(2)))


def test_reader_posts_after_a_wrong_answer(browser, live_server, make_article):
    # A script types faster than any reader; the time check would hold it.
    SpamSettings.objects.create(min_seconds=0)
    article = make_article(title="Nairobi river clean-up begins")
    page = browser.new_page()
    try:
        page.goto(f"{live_server.url}{article.get_absolute_url()}")
        assert page.locator("h1").inner_text() == "Nairobi river clean-up begins"

        page.get_by_label("Your name").fill("Maina WaLucy")
        page.get_by_label("Email").fill("maina@example.org")
        page.get_by_role("textbox", name="Comment").fill("Tumechoka na taka.\nLet the work start!")
        wrong = str((int(answer_on(page)) + 1) % 21)
        page.get_by_label("Math question").fill(wrong)
        page.get_by_role("button", name="Save").click()

        # Assertions wait: the click starts a navigation that may not have
        # finished loading when it returns.
        expect(
            page.get_by_text("The answer you entered for the CAPTCHA was not correct.")
        ).to_be_visible()
        assert page.get_by_role("textbox", name="Comment").input_value() == (
            "Tumechoka na taka.\nLet the work start!"
        )
        assert page.get_by_label("Your name").input_value() == "Maina WaLucy"
        assert page.get_by_label("Math question").input_value() == ""
        assert Comment.objects.count() == 0

        page.get_by_label("Math question").fill(answer_on(page))
        page.get_by_role("button", name="Save").click()

        expect(page.get_by_text("Your comment has been posted.")).to_be_visible()
        comment = Comment.objects.get()
        assert page.url.endswith(f"{article.get_absolute_url()}#comment-{comment.pk}")
        posted = page.locator(f"#comment-{comment.pk}")
        assert "Maina WaLucy (not verified)" in posted.inner_text()
        assert "Tumechoka na taka.\nLet the work start!" in posted.inner_text()
        assert "maina@example.org" not in page.content()
    finally:
        page.close()


def test_reader_without_javascript_posts_through_the_preview(browser, live_server, make_article):
    SpamSettings.objects.create(min_seconds=0)
    article = make_article(title="Matatu fares rise again")
    url = f"{live_server.url}{article.get_absolute_url()}"
    context = browser.new_context(java_script_enabled=False)
    page = context.new_page()
    try:
        page.goto(url)
        # The shared page shows the question's fieldset as the seed page does;
        # the question itself needs the script (or the preview) to be asked.
        expect(page.locator(".captcha legend")).to_have_text("CAPTCHA")
        expect(page.get_by_label("Math question")).to_be_visible()
        assert page.locator(".captcha .field-prefix").inner_text() == ""
        page.get_by_label("Your name").fill("Chebet")
        page.get_by_role("textbox", name="Comment").fill("Fares up, wages flat.")
        page.get_by_role("button", name="Save").click()

        expect(page.get_by_text("Your comment is not saved yet")).to_be_visible()
        assert "Fares up, wages flat." in page.locator(".comment-preview").inner_text()
        assert Comment.objects.count() == 0
        page.get_by_label("Math question").fill(answer_on(page))
        page.get_by_role("button", name="Save").click()

        expect(page.get_by_text("Your comment has been posted.")).to_be_visible()
        comment = Comment.objects.get()
        assert comment.body == "Fares up, wages flat."
    finally:
        context.close()


def test_the_script_asks_each_reader_their_own_question(browser, live_server, make_article):
    article = make_article(title="Rains expected in the west")
    url = f"{live_server.url}{article.get_absolute_url()}"
    prompts = []
    ids = []
    for _ in range(2):
        context = browser.new_context()
        page = context.new_page()
        try:
            page.goto(url)
            page.get_by_role("textbox", name="Comment").focus()
            page.locator(".captcha .field-prefix").wait_for()
            prompts.append(page.locator(".captcha .field-prefix").inner_text())
            ids.append(page.locator('input[name="captcha_id"]').input_value())
            assert page.locator('input[name="csrfmiddlewaretoken"]').input_value()
            assert page.locator('input[name="idempotency_key"]').input_value()
        finally:
            context.close()
    assert ids[0] != ids[1]
    assert all(re.fullmatch(r"\d+ \+ \d+ =", prompt) for prompt in prompts)
