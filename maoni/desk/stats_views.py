"""/moderation/stats/: the editors' figures as a page (a chart and tables) or as CSV."""

from __future__ import annotations

import csv
from dataclasses import dataclass

from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import render
from django.utils import formats, timezone
from django.views.decorators.http import require_GET

from maoni.desk.stats import KINDS, PERIODS, Bucket, figures
from maoni.desk.views import moderators_only

CHART_WIDTH, CHART_HEIGHT = 720, 180


@dataclass(frozen=True)
class Bar:
    x: float
    width: float
    label: str
    # (kind, y, height, count) from the bottom up.
    parts: tuple[tuple[str, float, float, int], ...]


def bars(buckets: list[Bucket], *, hourly: bool) -> list[Bar]:
    """The chart's stacked bars, scaled to the busiest bucket."""
    tallest = max((bucket.total for bucket in buckets), default=0) or 1
    step = CHART_WIDTH / max(1, len(buckets))
    drawn = []
    for number, bucket in enumerate(buckets):
        bottom = float(CHART_HEIGHT)
        parts = []
        for kind in KINDS:
            height = CHART_HEIGHT * bucket.counts[kind] / tallest
            bottom -= height
            if bucket.counts[kind]:
                parts.append((kind, round(bottom, 2), round(height, 2), bucket.counts[kind]))
        # "09:00", "06 Dec": the month's name in the reader's language.
        label = formats.date_format(bucket.start, "H:00" if hourly else "d M")
        drawn.append(Bar(round(number * step + 1, 2), round(step - 2, 2), label, tuple(parts)))
    return drawn


@moderators_only
@require_GET
def stats(request: HttpRequest) -> HttpResponse:
    period = request.GET.get("period", "7d")
    if period not in PERIODS:
        raise Http404("Choose 24h, 7d or 30d.")
    found = figures(period)
    hourly = period == "24h"
    if request.GET.get("format") == "csv":
        return _csv(found.buckets, period, hourly=hourly)
    context = {
        "figures": found,
        "periods": list(PERIODS),
        "kinds": KINDS,
        "bars": bars(found.buckets, hourly=hourly),
        "chart_width": CHART_WIDTH,
        "chart_height": CHART_HEIGHT,
        "hourly": hourly,
        "now": timezone.now(),
    }
    return render(request, "moderation/stats.html", context)


def _csv(buckets: list[Bucket], period: str, *, hourly: bool) -> HttpResponse:
    response = HttpResponse(content_type="text/csv; charset=utf-8")
    response["Content-Disposition"] = f'attachment; filename="maoni-comments-{period}.csv"'
    writer = csv.writer(response)
    # The column headers stay in English whatever the page's language: programs read them.
    writer.writerow(["hour" if hourly else "day", *KINDS])
    for bucket in buckets:
        moment = bucket.start.isoformat() if hourly else bucket.start.date().isoformat()
        writer.writerow([moment, *(bucket.counts[kind] for kind in KINDS)])
    return response
