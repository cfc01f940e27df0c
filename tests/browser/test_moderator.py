"""A moderator works the queue with the keyboard in a real browser."""

from __future__ import annotations

import pytest
from django.conf import settings
from django.contrib.auth.models import Group, User
from django.test import Client

from maoni.comments.models import Comment
from maoni.comments.services import comment_post
from maoni.moderation.models import AuditEntry
from maoni.moderation.roles import MODERATORS

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def logged_in_page(browser, live_server, user, **options):
    client = Client()
    client.force_login(user)
    context = browser.new_context(**options)
    context.add_cookies(
        [
            {
                "name": settings.SESSION_COOKIE_NAME,
                "value": client.cookies[settings.SESSION_COOKIE_NAME].value,
                "url": live_server.url,
            }
        ]
    )
    return context, context.new_page()


def test_moderator_works_the_queue_with_the_keyboard(browser, live_server, make_article):
    article = make_article(title="Lake ferry fares cut")
    held = [
        comment_post(
            thread=article.thread,
            author_name=name,
            body=body,
            question_id=None,
            status=Comment.Status.PENDING,
        )
        for name, body in [
            ("Akinyi", "Finally cheaper fares for the island."),
            ("Promo", "Win big at the casino tonight!"),
            ("Juma", "An older comment to delete."),
        ]
    ]
    moderator = User.objects.create_user("night", password="pw")
    moderator.groups.add(Group.objects.get(name=MODERATORS))
    context, page = logged_in_page(browser, live_server, moderator)
    try:
        page.goto(f"{live_server.url}/moderation/?order=oldest")
        status = page.locator("#queue-status")

        page.keyboard.press("j")  # the first entry takes the focus, visibly
        first = page.locator(f"#entry-{held[0].pk}")
        assert first.evaluate("element => element === document.activeElement")
        assert first.evaluate("element => getComputedStyle(element).outlineStyle") != "none"

        page.keyboard.press("a")  # publish it; the focus moves on
        page.wait_for_function(
            "id => document.activeElement && document.activeElement.id === id",
            arg=f"entry-{held[1].pk}",
        )
        assert "1 comment: published." in status.inner_text()
        assert first.locator("[data-status]").inner_text() == "Published"

        page.keyboard.press("s")  # spam the second
        page.wait_for_function(
            "id => document.activeElement && document.activeElement.id === id",
            arg=f"entry-{held[2].pk}",
        )
        page.keyboard.press("d")  # delete the third
        page.wait_for_function(
            "() => /deleted/.test(document.querySelector('#queue-status').textContent)"
        )
        page.keyboard.press("r")  # and restore it again
        page.wait_for_function(
            "() => /restored/.test(document.querySelector('#queue-status').textContent)"
        )

        statuses = dict(Comment.objects.values_list("pk", "status"))
        assert statuses == {
            held[0].pk: "published",
            held[1].pk: "spam",
            held[2].pk: "pending",
        }
        assert list(AuditEntry.objects.order_by("id").values_list("action", flat=True)) == [
            "publish",
            "spam",
            "delete",
            "restore",
        ]

        page.goto(f"{live_server.url}{article.get_absolute_url()}")
        body = page.locator("#comments").inner_text()
        assert "Finally cheaper fares for the island." in body
        assert "casino" not in body
    finally:
        context.close()
