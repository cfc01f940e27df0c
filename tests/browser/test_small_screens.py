"""The pages people use fit a small phone and a 200% zoom, without sideways scrolling.

Two sizes (WCAG 1.4.10 Reflow and 1.4.4 Resize text):

- a phone 320 CSS pixels wide;
- a 1280x800 window zoomed to 200%. Zooming divides the CSS viewport by the zoom
  factor and draws each CSS pixel with two device pixels, so it is the same as a
  640x400 viewport with ``device_scale_factor=2``, which is what the test uses.

On each page, in English and in Swahili (whose words may be longer), the page
must not be wider than the window, and every field and button of its forms must
lie whole inside the window's width. The article page is also photographed, full
length, for docs/accessibility.md: the test writes docs/screenshots/article-*.png
each time it runs.
"""

from __future__ import annotations

from datetime import UTC, datetime
from pathlib import Path
from typing import Any

import pytest
from django.contrib.auth.models import Group, User

from maoni.comments import captcha
from maoni.comments.models import Comment
from maoni.comments.services import comment_post
from maoni.moderation.models import SpamSettings
from maoni.moderation.roles import MODERATORS
from tests.browser.test_moderator import logged_in_page

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

SCREENSHOTS = Path(__file__).resolve().parents[2] / "docs" / "screenshots"
LANGUAGES = ("en", "sw")
SIZES: dict[str, dict[str, Any]] = {
    "320px": {"viewport": {"width": 320, "height": 640}},
    # 200% zoom of a 1280x800 window: 640x400 CSS pixels, each drawn 2x2.
    "200pct": {"viewport": {"width": 640, "height": 400}, "device_scale_factor": 2},
}
READER_PAGES = ("article", "report", "register", "login")
DESK_PAGES = {"queue": "/moderation/?status=all", "stats": "/moderation/stats/"}

# Fields and buttons a person can see (not the honeypot, nor visually hidden
# labels' inputs) that stick out of the window on either side.
CUT_OFF = """() => {
  const width = document.documentElement.clientWidth;
  const controls = document.querySelectorAll(
    'input:not([type=hidden]), textarea, select, button');
  return [...controls]
    .filter(e => !e.closest('[aria-hidden=true]'))
    .map(e => [e, e.getBoundingClientRect()])
    .filter(([e, box]) => box.width > 1 && box.height > 1)
    .filter(([e, box]) => box.left < 0 || box.right > width + 0.5)
    .map(([e, box]) => `${e.tagName.toLowerCase()}#${e.id}[name=${e.name}] `
      + `${Math.round(box.left)}..${Math.round(box.right)} of ${width}`);
}"""

# The elements that reach past the window's right edge, deepest first (for messages).
WIDEST = """() => {
  const width = document.documentElement.clientWidth;
  return [...document.querySelectorAll('body *')]
    .filter(e => e.getBoundingClientRect().right > width + 0.5)
    .filter(e => ![...e.children].some(c => c.getBoundingClientRect().right > width + 0.5))
    .slice(0, 5)
    .map(e => [e, e.getBoundingClientRect()])
    .map(([e, box]) => `${e.tagName.toLowerCase()}.${e.className} `
      + `"${e.textContent.trim().slice(0, 40)}" ${Math.round(box.left)}..${Math.round(box.right)}`);
}"""


def fits(page: Any) -> None:
    """No sideways scrolling, and every field and button whole inside the window."""
    width = page.evaluate("document.documentElement.scrollWidth")
    window = page.evaluate("window.innerWidth")
    assert width <= window, (
        f"{page.url} scrolls sideways: {width} > {window}: {page.evaluate(WIDEST)}"
    )
    cut_off = page.evaluate(CUT_OFF)
    assert cut_off == [], f"{page.url}: controls cut off: {cut_off}"


def window(browser: Any, size: str, language: str, **options: Any) -> tuple[Any, Any]:
    context = browser.new_context(
        **SIZES[size], locale=language, extra_http_headers={"Accept-Language": language}, **options
    )
    return context, context.new_page()


@pytest.fixture
def article(make_article: Any, monkeypatch: pytest.MonkeyPatch) -> Any:
    """A short article with three comments (one a reply), dated so that its picture
    is the same on every run; every question asked is 3 + 4."""
    SpamSettings.objects.create(min_seconds=0)
    monkeypatch.setattr(captcha, "make_sum", lambda _rng: captcha.Sum(first=3, second=4))
    article = make_article(
        title="Kisumu port reopens after the dredging",
        body=(
            "The port of Kisumu took its first cargo ship in two years on Monday, after "
            "the dredging of the bay.\n\nTraders expect the price of goods from Uganda "
            "and Tanzania to fall within weeks."
        ),
        published_at=datetime(2024, 3, 10, 6, 0, tzinfo=UTC),
    )
    first = comment_post(
        thread=article.thread,
        author_name="Akinyi Odhiambo",
        body="Good news for traders. Now fix the road to the port: "
        "https://example.org/a-very-long-address-that-must-wrap-on-a-phone",
        question_id=None,
        created=datetime(2024, 3, 10, 7, 30, tzinfo=UTC),
    )
    comment_post(
        thread=article.thread,
        author_name="Otieno",
        body="The road is next, they say.",
        parent=first,
        question_id=None,
        created=datetime(2024, 3, 10, 7, 45, tzinfo=UTC),
    )
    comment_post(
        thread=article.thread,
        author_name="A reader with a name much longer than twenty characters",
        body="At last, the ferries run again.",
        question_id=None,
        created=datetime(2024, 3, 10, 8, 30, tzinfo=UTC),
    )
    return article


def question_shown(page: Any) -> None:
    """The script fetches the reader's question when the form comes near the view."""
    page.locator("#comment-form").scroll_into_view_if_needed()
    page.wait_for_function(
        r"() => /\d/.test((document.querySelector('.captcha .field-prefix') || {}).textContent)"
    )
    page.evaluate("window.scrollTo(0, 0)")


@pytest.mark.parametrize("language", LANGUAGES)
@pytest.mark.parametrize("size", SIZES)
def test_article_page(browser, live_server, article, size, language):
    context, page = window(browser, size, language)
    try:
        page.goto(f"{live_server.url}{article.get_absolute_url()}")
        assert page.evaluate("document.documentElement.lang") == language
        question_shown(page)
        fits(page)
        SCREENSHOTS.mkdir(parents=True, exist_ok=True)
        page.screenshot(
            path=SCREENSHOTS / f"article-{size}-{language}.png",
            full_page=True,
            # CSS pixels: the 200% picture is 640 pixels wide, not 1280.
            scale="css",
            animations="disabled",
            caret="hide",
        )
    finally:
        context.close()


@pytest.mark.parametrize("language", LANGUAGES)
@pytest.mark.parametrize("size", SIZES)
@pytest.mark.parametrize("name", READER_PAGES[1:])
def test_reader_pages(browser, live_server, article, name, size, language):
    comment = Comment.objects.order_by("pk").first()
    assert comment is not None
    path = {
        "report": f"/comment/{comment.pk}/report/",
        "register": "/accounts/register/",
        "login": "/accounts/login/",
    }[name]
    context, page = window(browser, size, language)
    try:
        page.goto(f"{live_server.url}{path}")
        assert page.evaluate("document.documentElement.lang") == language
        assert page.locator("main form").count() >= 1
        fits(page)
        if name == "report":
            # With its errors shown, too: sent as a notice of illegal content with no law named.
            page.locator("input[name=reason][value=illegal]").check()
            with page.expect_navigation():
                page.locator(".report-form button[type=submit]").press("Enter")
            assert page.locator(".form-errors").count() == 1
            fits(page)
    finally:
        context.close()


@pytest.mark.parametrize("language", LANGUAGES)
@pytest.mark.parametrize("size", SIZES)
@pytest.mark.parametrize("name", DESK_PAGES)
def test_moderation_pages(browser, live_server, article, name, size, language):
    comment_post(
        thread=article.thread,
        author_name="Promo",
        author_email="promo@example.org",
        body="Win big at the casino tonight! https://casino.example/a-long-tracking-address",
        question_id=None,
        status=Comment.Status.PENDING,
    )
    moderator = User.objects.create_user("desk", "desk@example.org", "pw")
    moderator.groups.add(Group.objects.get(name=MODERATORS))
    context, page = logged_in_page(
        browser,
        live_server,
        moderator,
        **SIZES[size],
        locale=language,
        extra_http_headers={"Accept-Language": language},
    )
    try:
        page.goto(f"{live_server.url}{DESK_PAGES[name]}")
        assert page.evaluate("document.documentElement.lang") == language
        assert page.locator("h1").count() == 1
        fits(page)
    finally:
        context.close()
