"""Whether a name typed without an account belongs to a registered user."""

from __future__ import annotations

import functools
import re

from django.contrib.auth import get_user_model

from maoni.accounts.names import normalise_name
from maoni.pagecache.counters import NAMES
from maoni.pagecache.memos import Memo


def name_is_taken(name: str) -> bool:
    """True when an anonymous commenter's name is a registered user's.

    Names are compared as registration stores them (spacing, apostrophes and
    Unicode forms folded) and without regard to case in any script, so
    "amina  otieno" is Amina Otieno's name too.
    """
    normalised = normalise_name(name)
    if not normalised:
        return False

    def ask() -> bool:
        # A case-insensitive regular expression folds every script; SQLite's
        # LIKE, behind iexact, folds only ASCII.
        same = get_user_model().objects.filter(username__iregex=f"^{re.escape(normalised)}$")
        return same.exists()

    # Asked again only once an account has changed (see pagecache.signals).
    return _names_asked().get_or_make(normalised, ask)


@functools.cache
def _names_asked() -> Memo[str, bool]:
    return Memo(NAMES, limit=10_000)
