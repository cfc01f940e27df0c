"""Every answer carries the Content-Security-Policy and Permissions-Policy, kept pages too."""

from __future__ import annotations

import pytest
from django.test import Client

from maoni.comments.services import comment_post
from maoni.policy_headers import PERMISSIONS_POLICY, STRICT


@pytest.mark.parametrize(
    "url",
    [
        "/",
        "/search/?q=water",
        "/accounts/login/",
        "/admin/login/",
        "/feeds/comments/",
        "/sitemap.xml",
        "/api/v1/openapi.json",
        "/no-such-page/",
    ],
)
def test_pages_carry_the_strict_policy(db, url) -> None:
    response = Client().get(url)
    assert response["Content-Security-Policy"] == STRICT
    assert response["Permissions-Policy"] == PERMISSIONS_POLICY


def test_a_kept_page_carries_it_too(article) -> None:
    comment = comment_post(thread=article.thread, body="Kept.", question_id=None)
    first = Client().get(article.get_absolute_url())
    again = Client().get(article.get_absolute_url())
    assert again["Content-Security-Policy"] == first["Content-Security-Policy"] == STRICT
    report = Client().get(f"/comment/{comment.pk}/report/")
    assert report["Content-Security-Policy"] == STRICT


def test_the_policy_forbids_inline_scripts_and_framing() -> None:
    assert "script-src 'self';" in STRICT
    assert "'unsafe-inline'" not in STRICT
    assert "object-src 'none'" in STRICT
    assert "base-uri 'none'" in STRICT
    assert STRICT.endswith("frame-ancestors 'none'")


def test_the_api_description_may_style_inline(db) -> None:
    policy = Client().get("/api/v1/docs/")["Content-Security-Policy"]
    assert "style-src 'self' 'unsafe-inline'" in policy
    assert "script-src 'self';" in policy
