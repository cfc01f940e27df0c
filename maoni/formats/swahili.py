"""A moment as Swahili readers write it: *Jumapili, 6 Disemba 2026, saa 3:43 asubuhi*.

Swahili counts the hours of the day from sunrise and of the night from
sunset: 07:00 is *saa 1 asubuhi*, 13:00 *saa 7 mchana*, 19:00 *saa 1 usiku*.
The part of the day is named after the hour, so a reader never has to guess
which twelve hours are meant. Month and weekday names are spelled as in
Django's Swahili catalog, so comments and the rest of the page agree.
"""

from __future__ import annotations

from datetime import datetime

WEEKDAYS = ("Jumatatu", "Jumanne", "Jumatano", "Alhamisi", "Ijumaa", "Jumamosi", "Jumapili")
MONTHS = (
    "Januari", "Februari", "Machi", "Aprili", "Mei", "Juni",
    "Julai", "Agosti", "Septemba", "Oktoba", "Novemba", "Disemba",
)  # fmt: skip
# The part of the day each hour (0 to 23 on the 24-hour clock) belongs to.
PARTS = (
    (4, "usiku"),  # 00:00 to 03:59: late night
    (7, "alfajiri"),  # dawn, until the first hour of the day
    (12, "asubuhi"),
    (16, "mchana"),
    (19, "jioni"),
    (24, "usiku"),
)


def swahili_hour(hour: int) -> int:
    """The Swahili hour (1 to 12) for an hour of the 24-hour clock: 07 → 1, 18 → 12, 00 → 6."""
    return (hour + 6) % 12 or 12


def part_of_day(hour: int) -> str:
    """*asubuhi*, *mchana*, *jioni*, *usiku* or *alfajiri* for an hour of the 24-hour clock."""
    return next(name for end, name in PARTS if hour < end)


def timestamp(moment: datetime) -> str:
    """The weekday, the date and the Swahili time of ``moment`` (already in local time)."""
    return (
        f"{WEEKDAYS[moment.weekday()]}, {moment.day} {MONTHS[moment.month - 1]} {moment.year}, "
        f"saa {swahili_hour(moment.hour)}:{moment.minute:02d} {part_of_day(moment.hour)}"
    )
