"""How a comment's author and time read on the page, as the seed site shows them.

Pure: these take plain values, so the exact strings are easy to pin in tests.
"""

from __future__ import annotations

from datetime import datetime

# A name longer than this is shortened to NAME_SHOWN characters and an ellipsis.
NAME_LIMIT = 20
NAME_SHOWN = 14
_WEEKDAYS = ("Mon", "Tue", "Wed", "Thu", "Fri", "Sat", "Sun")


def shorten_name(name: str) -> str:
    """Returns ``name``, or its first 14 characters and ``…`` when it is over 20.

    As on the seed site, periods at the cut are dropped before the ellipsis
    (``J.R.R. Tolkien of Nairobi`` -> ``J.R.R. Tolkien…``), spaces are not.
    """
    if len(name) <= NAME_LIMIT:
        return name
    return name[:NAME_SHOWN].rstrip(".") + "…"


def format_timestamp(moment: datetime) -> str:
    """Formats a local time like ``Sun, 03/10/2024 @ 12:00pm``.

    The weekday and am/pm are spelled out here rather than taken from the
    locale, so the line reads the same on every server.
    """
    hour = moment.hour % 12 or 12
    meridiem = "am" if moment.hour < 12 else "pm"
    return (
        f"{_WEEKDAYS[moment.weekday()]}, {moment:%m/%d/%Y} @ "
        f"{hour:02d}:{moment.minute:02d}{meridiem}"
    )
