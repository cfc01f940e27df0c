"""Counting the comments the checks rejected, by day and check, for the editors' figures.

A rejected comment is not stored, so its count is all that is left of it.
"""

from __future__ import annotations

from collections.abc import Iterable

from django.db import IntegrityError, transaction
from django.db.models import F
from django.utils import timezone

from maoni.moderation.checks import check_of
from maoni.moderation.models import Rejection


def rejection_count(reasons: Iterable[str]) -> None:
    """Counts one rejected comment against each check its reasons name (once each)."""
    day = timezone.localdate()
    for check in sorted({check_of(reason) for reason in reasons} or {"other"}):
        if Rejection.objects.filter(day=day, caught_by=check).update(count=F("count") + 1):
            continue
        try:
            with transaction.atomic():
                Rejection.objects.create(day=day, caught_by=check, count=1)
        except IntegrityError:  # made meanwhile by another request
            Rejection.objects.filter(day=day, caught_by=check).update(count=F("count") + 1)
