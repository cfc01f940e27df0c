"""Closing rules of a registered site's pages, through the API."""

from __future__ import annotations

from datetime import timedelta

from django.utils import timezone

from maoni.comments.models import Site, Thread
from tests.api.conftest import Widget
from tests.comments.test_closing_rules import quiet_now


def test_a_site_has_its_own_quiet_hours_and_days(widget: Widget, site: Site) -> None:
    site.close_after_days = 1
    site.save()
    assert widget.post("The first word.").status_code == 201
    thread = Thread.objects.get(site=site)
    assert thread.opened is not None
    Thread.objects.filter(pk=thread.pk).update(opened=timezone.now() - timedelta(days=2))
    refused = widget.post("Two days on.")
    assert refused.status_code == 403
    assert refused.json()["code"] == "closed"
    assert widget.read().json()["open"] is False


def test_a_site_of_quiet_hours_holds_its_comments(widget: Widget, site: Site) -> None:
    hours = quiet_now()
    site.quiet_from, site.quiet_until = hours["quiet_from"], hours["quiet_until"]
    site.time_zone = "Africa/Nairobi"
    site.save()
    response = widget.post("At night.")
    assert response.status_code == 202
    assert response.json()["reason"] == "premoderation"
