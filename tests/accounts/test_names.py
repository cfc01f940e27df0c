"""The name rules, as a table of typed names and what becomes of them."""

from __future__ import annotations

import pytest

from maoni.accounts.names import Kind, describe_character, name_problem, normalise_name


@pytest.mark.parametrize(
    ("typed", "stored"),
    [
        ("Amina Otieno", "Amina Otieno"),
        ("  Amina   Otieno  ", "Amina Otieno"),
        ("Amina\tOtieno\n", "Amina Otieno"),
        ("Amina\u00a0Otieno", "Amina Otieno"),
        ("O\u2019Brien", "O'Brien"),
        # NFKC: full-width letters and a decomposed é become what readers see.
        ("\uff21\uff4d\uff49\uff4e\uff41", "Amina"),
        ("Rene\u0301", "René"),
        ("", ""),
    ],
)
def test_normalise_name(typed, stored):
    assert normalise_name(typed) == stored


@pytest.mark.parametrize(
    "name",
    [
        "Jo",
        "Amina Otieno",
        "O'Brien",
        "Wanjiru-Kamau",
        "J. K. Otieno",
        "mwalimu_2024",
        "Nyambura wa Kĩmani",
        "प्रिया",  # Devanagari, with a vowel sign (a combining mark)
        "محمد",
        "张伟",
        "Ὀδυσσεύς",
        "42",
        "x" * 60,
    ],
)
def test_allowed_names(name):
    assert name_problem(name) is None


@pytest.mark.parametrize(
    ("name", "kind", "character"),
    [
        ("", Kind.TOO_SHORT, ""),
        ("A", Kind.TOO_SHORT, ""),
        ("x" * 61, Kind.TOO_LONG, ""),
        ("amina@example.org", Kind.CHARACTER, "@"),
        ("<b>Amina</b>", Kind.CHARACTER, "<"),
        ("Amina!", Kind.CHARACTER, "!"),
        ("Amina\u200bOtieno", Kind.CHARACTER, "\u200b"),
        ("\u0301Amina", Kind.CHARACTER, "\u0301"),
        ("Amina \u0301", Kind.CHARACTER, "\u0301"),
        ("...", Kind.NO_LETTER, ""),
        ("-_'", Kind.NO_LETTER, ""),
    ],
)
def test_refused_names(name, kind, character):
    problem = name_problem(name)
    assert problem is not None
    assert problem.kind is kind
    assert problem.character == character


@pytest.mark.parametrize(
    ("char", "shown"),
    [("@", "“@”"), ("\u200b", "U+200B"), ("\u0301", "U+0301"), ("\x07", "U+0007")],
)
def test_describe_character(char, shown):
    assert describe_character(char) == shown
