"""Naming the check behind each reason a comment was held or rejected for."""

from __future__ import annotations

import pytest

from maoni.moderation.checks import check_of


@pytest.mark.parametrize(
    ("reason", "check"),
    [
        ("filled in the hidden field", "hidden field"),
        ("matched block list: link to spam.example", "block lists"),
        ("matched block list: address 192.0.2.0/24", "block lists"),
        ("the form's timestamp was missing or altered", "form time stamp"),
        ("posted 2 s after the form was shown", "sent too fast"),
        ("3 links", "too many links"),
        ("same text posted 4 times recently", "same text again"),
        ("filter score 0.97: spam-like viagra, bit.ly", "spam filter"),
        ("pre-moderation: every comment is approved first", "pre-moderation"),
        (
            "pre-moderation: quiet hours (23:00–06:00), every comment is approved first",
            "quiet hours",
        ),
        ("new account: 1 of its first 3 comments approved", "new commenter"),
        (
            "e-mail address not proved: comments without a confirmed account are approved first",
            "new commenter",
        ),
        ("sanction: every comment of this author is approved first", "sanction"),
        ("advertising phrase: buy now", "content checks"),
        ("a contact with an offer: cheap loans", "content checks"),
        ("a link under an article it has nothing to do with", "content checks"),
        ("edited: 3 links", "edited text"),
        ("imported: pending at the source", "imported as held"),
        ("something new", "other"),
    ],
)
def test_each_reason_names_its_check(reason: str, check: str) -> None:
    assert check_of(reason) == check
