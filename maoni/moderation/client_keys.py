"""The client key of an address, made with the site's secret for the period in force."""

from __future__ import annotations

from datetime import date

from django.conf import settings
from django.utils import timezone

from maoni.moderation.clients import client_key, period_end


def client_key_on(address: str, day: date | None = None) -> str:
    """The key ``address`` has on ``day`` (today, by the UTC calendar, when not given)."""
    return client_key(
        address,
        secret=settings.SECRET_KEY,
        day=day or timezone.now().date(),
        days=settings.MAONI_CLIENT_KEY_DAYS,
    )


def keys_change_on(day: date | None = None) -> date:
    """The day today's client keys stop being made (UTC), after which none links to them."""
    return period_end(day or timezone.now().date(), days=settings.MAONI_CLIENT_KEY_DAYS)
