"""The rules for the names readers register with; pure, free of Django.

A name is shown beside every comment its reader writes, so it stays readable:
letters of any script with their combining marks, digits, spaces, and the few
marks of punctuation real names carry (O'Brien, Wanjiru-Kamau, J. K. Otieno,
mwalimu_2024).
"""

from __future__ import annotations

import enum
import unicodedata
from dataclasses import dataclass

MIN_LENGTH = 2
MAX_LENGTH = 60
PUNCTUATION = frozenset(".-_' ")
# Phones and word processors type a typographic apostrophe where the reader
# meant the plain one; both are the same name.
_APOSTROPHES = str.maketrans({"\u2019": "'", "\u02bc": "'"})


class Kind(enum.Enum):
    TOO_SHORT = "too_short"
    TOO_LONG = "too_long"
    CHARACTER = "character"
    NO_LETTER = "no_letter"


@dataclass(frozen=True)
class NameProblem:
    kind: Kind
    # For Kind.CHARACTER: the first character that is not allowed.
    character: str = ""


def normalise_name(typed: str) -> str:
    """Returns the name as it is stored: NFKC, trimmed, each run of whitespace one space.

    NFKC is what Django applies to usernames too, so the checks below see the
    same text the database will hold.
    """
    text = unicodedata.normalize("NFKC", typed).translate(_APOSTROPHES)
    return " ".join(text.split())


def name_problem(name: str) -> NameProblem | None:
    """Returns what keeps a normalised name from being registered, or None."""
    if len(name) < MIN_LENGTH:
        return NameProblem(Kind.TOO_SHORT)
    if len(name) > MAX_LENGTH:
        return NameProblem(Kind.TOO_LONG)
    has_letter_or_digit = False
    previous = ""
    for char in name:
        category = unicodedata.category(char)
        if category[0] == "L" or category == "Nd":
            has_letter_or_digit = True
        elif category[0] == "M":
            # A combining mark belongs to the letter before it (Devanagari
            # vowel signs, Arabic harakat); on its own it only piles up.
            if previous[:1] not in {"L", "M"}:
                return NameProblem(Kind.CHARACTER, char)
        elif char not in PUNCTUATION:
            return NameProblem(Kind.CHARACTER, char)
        previous = category
    if not has_letter_or_digit:
        return NameProblem(Kind.NO_LETTER)
    return None


def describe_character(char: str) -> str:
    """Returns a character as a reader can recognise it in a message.

    Invisible and combining characters are given by their code point, since
    quoting them would show nothing or attach them to the quote mark.
    """
    category = unicodedata.category(char)
    if category[0] in {"L", "N", "P", "S"} and char.isprintable():
        return f"“{char}”"
    return f"U+{ord(char):04X}"
