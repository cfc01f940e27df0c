"""axe-core finds no serious or critical accessibility problem on the pages people use.

axe-core comes from the npm registry (tests/browser/axe/package.json, pinned);
the test installs it with ``npm ci`` when missing, and is skipped where Node
and npm are missing, except in CI, where .ci/run installs them. Each page is
checked as a reader with script gets it and, where readers use it without
script, with the site's own scripts blocked (axe itself is put in the page
by the test, past the Content-Security-Policy that would refuse it), in
English and in Swahili (a browser that asks for Swahili first).
"""

from __future__ import annotations

import os
import shutil
import subprocess
from pathlib import Path
from typing import Any

import pytest
from django.contrib.auth.models import Group, User

from maoni.comments.models import Comment, Site, Thread
from maoni.comments.services import comment_post
from maoni.moderation.models import SpamSettings
from maoni.moderation.roles import MODERATORS
from tests.browser.test_embed import news_server, news_site  # noqa: F401 (fixtures)
from tests.browser.test_moderator import logged_in_page

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

AXE_DIR = Path(__file__).resolve().parent / "axe"
AXE = AXE_DIR / "node_modules" / "axe-core" / "axe.min.js"
SERIOUS = ("serious", "critical")
DESK_PAGES = (
    "/moderation/",
    "/moderation/?status=all",
    "/moderation/comment/{held}/",
    "/moderation/stats/",
    "/moderation/sanctions/",
    "/moderation/log/",
)


@pytest.fixture(params=["en", "sw"])
def language(request: pytest.FixtureRequest) -> str:
    return str(request.param)


def in_language(language: str) -> dict[str, Any]:
    """Browser context options for a reader whose browser asks for ``language`` first."""
    locale = "sw-KE" if language == "sw" else "en-GB"
    return {"bypass_csp": True, "locale": locale}


def speaks(page: Any, language: str) -> None:
    assert page.evaluate("document.documentElement.lang") == language


@pytest.fixture(scope="module")
def axe() -> str:
    if not AXE.is_file():
        if shutil.which("npm") is None:
            if os.environ.get("CI"):
                pytest.fail("npm is not installed; .ci/run should have installed it.")
            pytest.skip("npm is not installed (apt-get install nodejs npm).")
        subprocess.run(
            ["npm", "ci", "--no-audit", "--no-fund", "--silent"], cwd=AXE_DIR, check=True
        )
    return AXE.read_text(encoding="utf-8")


def problems(page: Any, axe: str) -> list[str]:
    """The serious and critical violations axe finds on the page as it stands."""
    page.add_script_tag(content=axe)
    found = page.evaluate(
        """async () => (await axe.run()).violations.map(
            v => [v.id, v.impact, v.nodes.map(n => n.target.join(' ')).slice(0, 3)])"""
    )
    return [f"{rule} ({impact}): {where}" for rule, impact, where in found if impact in SERIOUS]


def checked(
    context: Any, url: str, axe: str, *, own_scripts: bool = True, language: str = "en"
) -> list[str]:
    page = context.new_page()
    if not own_scripts:
        page.route("**/static/**/*.js", lambda route: route.abort())
    page.goto(url)
    page.wait_for_load_state("load")
    speaks(page, language)
    found = [f"{url}: {problem}" for problem in problems(page, axe)]
    page.close()
    return found


@pytest.fixture
def pages(live_server, make_article) -> dict[str, str]:
    SpamSettings.objects.create(min_seconds=0)
    article = make_article(title="Kisumu port reopens")
    first = comment_post(thread=article.thread, body="Good news for traders.", question_id=None)
    comment_post(thread=article.thread, body="At last.", parent=first, question_id=None)
    site = Site.objects.create(name="Partner", slug="partner", origins="http://127.0.0.1:9")
    thread = Thread.objects.create(key=f"{site.pk}:story", site=site, title="A partner story")
    comment_post(thread=thread, body="From the partner page.", question_id=None)
    base = live_server.url
    return {
        "article": f"{base}{article.get_absolute_url()}",
        "article, newest first": f"{base}{article.get_absolute_url()}?order=newest",
        "front page": f"{base}/",
        "report": f"{base}/comment/{first.pk}/report/",
        "register": f"{base}/accounts/register/",
        "login": f"{base}/accounts/login/",
        "your data": f"{base}/your-data/",
        "privacy": f"{base}/privacy/",
        "search": f"{base}/search/?q=port",
        "embed page": f"{base}/embed/partner/?thread=story",
    }


def test_reader_pages_with_and_without_script(browser, pages, axe, language) -> None:
    context = browser.new_context(**in_language(language))
    found = []
    try:
        for url in pages.values():
            found += checked(context, url, axe, language=language)
            found += checked(context, url, axe, own_scripts=False, language=language)
    finally:
        context.close()
    assert found == []


def test_the_form_with_its_errors_preview_and_message(browser, pages, axe, language) -> None:
    context = browser.new_context(**in_language(language))
    found = []
    save, preview = "#comment-form button[value=save]", "#comment-form button[value=preview]"
    try:
        page = context.new_page()
        page.goto(pages["article"])
        page.locator(save).click()  # nothing typed: errors
        page.wait_for_load_state("load")
        speaks(page, language)
        found += problems(page, axe)
        page.locator("#edit-body").fill("Trade will pick up now.")
        page.locator(preview).click()
        page.wait_for_load_state("load")
        found += problems(page, axe)
        prompt = page.locator(".captcha .field-prefix").inner_text().strip()
        left, right = prompt.rstrip(" =").split(" + ")
        page.locator("#edit-captcha-answer").fill(str(int(left) + int(right)))
        page.locator(save).click()
        page.locator(".messages .message").wait_for()
        speaks(page, language)
        found += problems(page, axe)
        assert Comment.objects.filter(body="Trade will pick up now.").exists()
    finally:
        context.close()
    assert found == []


def test_the_moderators_pages(browser, live_server, pages, axe, language) -> None:
    user = User.objects.create_user("desk", "desk@example.org", "pw")
    user.groups.add(Group.objects.get(name=MODERATORS))
    context, page = logged_in_page(browser, live_server, user, **in_language(language))
    page.close()
    found = []
    held = Comment.objects.order_by("pk").first()
    assert held is not None
    try:
        for path in DESK_PAGES:
            url = f"{live_server.url}{path.format(held=held.pk)}"
            found += checked(context, url, axe, language=language)
            # The desk works without its script too (forms, no shortcuts).
            found += checked(context, url, axe, own_scripts=False, language=language)
    finally:
        context.close()
    assert found == []


def test_the_check_finds_a_problem_when_there_is_one(browser, pages, axe) -> None:
    context = browser.new_context(bypass_csp=True)
    try:
        page = context.new_page()
        page.goto(pages["article"])
        page.evaluate("() => document.querySelector('main').append(document.createElement('img'))")
        assert any(problem.startswith("image-alt (critical)") for problem in problems(page, axe))
    finally:
        context.close()


def test_the_embed_widget_on_a_news_site(
    browser,
    news_site,  # noqa: F811
    axe,
    language,
    tmp_path,
) -> None:
    # The widget speaks the language of the page it is on.
    host = (tmp_path / "water.html").read_text()
    (tmp_path / "host.html").write_text(host.replace('lang="en"', f'lang="{language}"'))
    context = browser.new_context(bypass_csp=True)
    try:
        page = context.new_page()
        page.goto(f"{news_site}/host.html")
        page.get_by_text("About time the taps ran again.").wait_for()
        add = {"en": "Add new comment", "sw": "Andika maoni mapya"}[language]
        page.get_by_role("heading", name=add).wait_for()
        found = problems(page, axe)
    finally:
        context.close()
    assert found == []
