from datetime import datetime

import pytest

from maoni.comments.display import format_timestamp, shorten_name


@pytest.mark.parametrize(
    ("name", "shown"),
    [
        ("Menye", "Menye"),
        ("", ""),
        ("x" * 20, "x" * 20),
        ("x" * 21, "x" * 14 + "…"),
        ("Chama cha Wavuvi wa Dunga Beach", "Chama cha Wavu…"),
        ("Maina WaLucy Kamau Mwangi", "Maina WaLucy K…"),
        # Periods at the cut are dropped; a space is kept, as the seed site does.
        ("Mama Mboga wa Kisumu Ndogo", "Mama Mboga wa …"),
        ("Dkt. W. N. A.. Omondi Otieno", "Dkt. W. N. A…"),
        ("ñ" * 25, "ñ" * 14 + "…"),
    ],
)
def test_shorten_name(name, shown):
    assert shorten_name(name) == shown


@pytest.mark.parametrize(
    ("moment", "text"),
    [
        (datetime(2024, 3, 10, 12, 0), "Sun, 03/10/2024 @ 12:00pm"),
        (datetime(2024, 3, 14, 18, 35), "Thu, 03/14/2024 @ 06:35pm"),
        (datetime(2024, 3, 11, 0, 5), "Mon, 03/11/2024 @ 12:05am"),
        (datetime(2024, 3, 12, 9, 7), "Tue, 03/12/2024 @ 09:07am"),
        (datetime(2024, 12, 31, 23, 59), "Tue, 12/31/2024 @ 11:59pm"),
        (datetime(2025, 1, 4, 11, 59), "Sat, 01/04/2025 @ 11:59am"),
    ],
)
def test_format_timestamp(moment, text):
    assert format_timestamp(moment) == text
