"""Anonymous reads of the API are kept in the page store, like article pages."""

from __future__ import annotations

import pytest
from django.test import Client

from maoni.comments.models import Site
from maoni.pagecache.store import page_store
from tests.api.conftest import ORIGIN, Widget

pytestmark = pytest.mark.django_db


def test_a_thread_read_is_kept_until_it_changes(widget: Widget) -> None:
    widget.post("The thread exists now.")
    first = widget.read()
    assert first.status_code == 200
    assert "ETag" in first
    assert "public" in first["Cache-Control"]
    kept = len(page_store())
    again = widget.client.get(
        "/api/v1/thread",
        {"site": "example", "thread": widget.thread},
        HTTP_ORIGIN=ORIGIN,
        HTTP_IF_NONE_MATCH=first["ETag"],
    )
    assert again.status_code == 304
    assert len(page_store()) == kept
    widget.post("A second comment moves it on.")
    changed = widget.read()
    assert changed["ETag"] != first["ETag"]
    assert changed.json()["count"] == 2


def test_each_origin_gets_its_own_kept_answer(widget: Widget, site: Site) -> None:
    site.origins = f"{ORIGIN}\nhttps://mirror.example.org"
    site.save()
    widget.post("Read from two origins.")
    assert widget.read()["Access-Control-Allow-Origin"] == ORIGIN
    mirror = Widget(Client(), "example", widget.thread, origin="https://mirror.example.org")
    assert mirror.read()["Access-Control-Allow-Origin"] == "https://mirror.example.org"
    assert widget.read()["Access-Control-Allow-Origin"] == ORIGIN


def test_a_page_without_a_thread_is_not_kept(widget: Widget) -> None:
    response = widget.read()
    assert "private" in response["Cache-Control"]
    assert len(page_store()) == 0
