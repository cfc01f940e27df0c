"""Undoing the disguises spammers put on words, so that checks read what a reader reads.

Pure. ``normalise`` applies NFKC (full-width and mathematical letters), removes
invisible format characters, casefolds, strips combining marks (``vïagra``) and
maps Cyrillic and Greek look-alikes to Latin; ``join_spaced`` joins runs of
four or more single letters (``W h a t s A p p``).
"""

from __future__ import annotations

import re
import unicodedata

# Full-width, mathematical and circled letters and digits: readers do not type them.
_STYLED = re.compile("[\uff10-\uff19\uff21-\uff3a\uff41-\uff5a\u24b6-\u24e9\U0001d400-\U0001d7ff]")
# The invisible format characters (Unicode category Cf).
_FORMAT_CLASS = (
    "\u00ad\u0600-\u0605\u061c\u06dd\u070f\u08e2\u180e\u200b-\u200f\u202a-\u202e"
    "\u2060-\u2064\u2066-\u206f\ufeff\ufff9-\ufffb\U000110bd\U000110cd\U00013430-\U0001343f"
    "\U0001bca0-\U0001bca3\U0001d173-\U0001d17a\U000e0001\U000e0020-\U000e007f"
)
_FORMAT = re.compile(f"[{_FORMAT_CLASS}]+")
_HIDDEN = re.compile(rf"[^\W\d_][{_FORMAT_CLASS}]+[^\W\d_]")
_LOOKALIKES = {
    **dict(zip("авеһіјкмнорсԁѕтуүхӏԛԝ", "abehijkmhopcdstyyxlqw", strict=True)),
    **dict(zip("αβεηικνορτυχγωı", "abenikvoptuxywi", strict=True)),
    "ɑ": "a", "ɡ": "g", "օ": "o", "ս": "u", "հ": "h", "’": "'", "‘": "'", "ʼ": "'",
}  # fmt: skip
_UNLOOK = str.maketrans(_LOOKALIKES)
_LOOK_CLASS = "".join(ch for ch in _LOOKALIKES if ch.isalpha())
_MIXED_SCRIPT = re.compile(f"[a-z][{_LOOK_CLASS}]|[{_LOOK_CLASS}][a-z]")
_SPACED = re.compile(r"(?<![^\W_])(?:[^\W\d_][ ._\-]){3,}[^\W\d_](?![^\W_])")
_SPACERS = re.compile(r"[ ._\-]")


def normalise(text: str, shapes: set[str]) -> str:
    """Returns ``text`` with disguises undone, adding "obfuscated" to ``shapes`` if any were."""
    if _STYLED.search(text):
        shapes.add("obfuscated")
    text = unicodedata.normalize("NFKC", text)
    if _HIDDEN.search(text):
        shapes.add("obfuscated")
    text = _FORMAT.sub("", text).casefold()
    if text.isascii():
        return text
    decomposed = unicodedata.normalize("NFD", text)
    text = unicodedata.normalize(
        "NFC", "".join(ch for ch in decomposed if unicodedata.category(ch) != "Mn")
    )
    if _MIXED_SCRIPT.search(text):
        shapes.add("obfuscated")
    return text.translate(_UNLOOK)


def join_spaced(text: str) -> str:
    """Returns ``text`` with runs of four or more single letters joined (``w h a t s``)."""
    return _SPACED.sub(lambda match: _SPACERS.sub("", match[0]), text)


def fold(text: str) -> str:
    """Returns ``text`` as the content checks read it: normalised, spaced letters joined."""
    return join_spaced(normalise(text, set()))
