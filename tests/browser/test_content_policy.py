"""The Content-Security-Policy in Chromium: pages work under it, an injected script does not run."""

from __future__ import annotations

import pytest
from django.contrib.auth.models import Group, User

from maoni.comments.models import Comment
from maoni.comments.services import comment_post
from maoni.moderation.roles import MODERATORS
from tests.browser.test_moderator import logged_in_page

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

INJECT = """() => {
  const script = document.createElement("script");
  script.textContent = "window.injected = 'ran'";
  document.body.appendChild(script);
  return window.injected || null;
}"""


def violations(page) -> list[str]:
    found: list[str] = []
    page.on(
        "console",
        lambda message: (
            found.append(message.text) if "Content Security Policy" in message.text else None
        ),
    )
    return found


def test_an_injected_inline_script_is_blocked(browser, live_server, make_article):
    article = make_article(title="Matatu fares go up")
    comment_post(thread=article.thread, body="Again?", question_id=None)
    context = browser.new_context()
    page = context.new_page()
    refused = violations(page)
    try:
        page.goto(f"{live_server.url}{article.get_absolute_url()}")
        # The page's own script ran: it filled in the form's question.
        page.wait_for_function("() => document.querySelector('.captcha .field-prefix') !== null")
        assert refused == []
        assert page.evaluate(INJECT) is None
        page.wait_for_timeout(200)
        assert any("inline script" in text for text in refused)
    finally:
        context.close()


def test_the_desk_and_the_admin_work_under_the_policy(browser, live_server, make_article):
    article = make_article(title="Ferry timetable")
    comment_post(
        thread=article.thread, body="Held one.", question_id=None, status=Comment.Status.PENDING
    )
    user = User.objects.create_user("desk", "desk@example.org", "pw", is_staff=True)
    user.groups.add(Group.objects.get(name=MODERATORS))
    context, page = logged_in_page(browser, live_server, user)
    refused = violations(page)
    try:
        for path in ("/moderation/", "/moderation/stats/", "/admin/login/"):
            page.goto(f"{live_server.url}{path}")
            page.wait_for_load_state("load")
        assert refused == []
    finally:
        context.close()
