"""Fixtures for the JSON API: a registered site and a client that speaks JSON."""

from __future__ import annotations

import re
import time
from typing import Any

import pytest
from django.core import signing
from django.test import Client

from maoni.comments.models import Site
from maoni.moderation import screening

ORIGIN = "https://news.example.org"
ELSEWHERE = "https://elsewhere.example.com"


@pytest.fixture
def site(db: None) -> Site:
    return Site.objects.create(name="Example News", slug="example", origins=ORIGIN)


def shown_a_while_ago() -> str:
    """A form stamp from a minute ago: a reader takes that long to write."""
    return signing.dumps(time.time() - 60, salt=screening._STAMP_SALT)


def answer_to(prompt: str) -> str:
    first, second = re.findall(r"\d+", prompt)
    return str(int(first) + int(second))


class Widget:
    """What the embed script does, as JSON requests from the site's origin."""

    def __init__(self, client: Client, site: str, thread: str, origin: str = ORIGIN) -> None:
        self.client = client
        self.site = site
        self.thread = thread
        self.origin = origin

    def get(self, path: str, **query: Any) -> Any:
        return self.client.get(f"/api/v1/{path}", query, HTTP_ORIGIN=self.origin)

    def read(self, **query: Any) -> Any:
        return self.get("thread", site=self.site, thread=self.thread, **query)

    def form(self) -> dict[str, Any]:
        response = self.get("form", site=self.site, thread=self.thread)
        assert response.status_code == 200, response.content
        data: dict[str, Any] = response.json()
        return data

    def send(self, path: str = "comments", **fields: Any) -> Any:
        return self.client.post(
            f"/api/v1/{path}",
            {"site": self.site, "thread": self.thread, **fields},
            content_type="application/json",
            HTTP_ORIGIN=self.origin,
        )

    def post(self, body: str, *, solve: bool = True, **fields: Any) -> Any:
        """Fills a new form and posts it, answering its question (rightly, unless told)."""
        form = self.form()
        sent: dict[str, Any] = {
            "body": body,
            "form_stamp": shown_a_while_ago(),
            "idempotency_key": form["idempotency_key"],
        }
        if form["question"]:
            sent["captcha_id"] = form["question"]["id"]
            sent["captcha_answer"] = answer_to(form["question"]["prompt"]) if solve else "999"
        sent.update(fields)
        return self.send(**sent)


@pytest.fixture
def widget(site: Site) -> Widget:
    return Widget(Client(), "example", "/2026/12/water-rationing")
