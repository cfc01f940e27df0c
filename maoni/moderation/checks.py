"""Which check a held or rejected comment's reason comes from, for the editors' figures. Pure.

Reasons are sentences for moderators ("3 links", "matched block list: link to
spam.example"); this names the check behind each, so that the dashboard can
count what each check caught. A reason no rule here knows counts as "other".
"""

from __future__ import annotations

import re

# (pattern at the start of the reason, the check's name), first match wins.
_RULES: tuple[tuple[re.Pattern[str], str], ...] = tuple(
    (re.compile(pattern), name)
    for pattern, name in (
        (r"edited: ", "edited text"),
        (r"imported: ", "imported as held"),
        (r"filled in the hidden field", "hidden field"),
        (r"matched block list", "block lists"),
        (r"the form's timestamp", "form time stamp"),
        (r"posted \d+ s after", "sent too fast"),
        (r"\d+ links\b", "too many links"),
        (r"same text posted", "same text again"),
        (r"filter score", "spam filter"),
        (r"pre-moderation: quiet hours", "quiet hours"),
        (r"pre-moderation", "pre-moderation"),
        (r"(new account|e-mail address not proved|no e-mail address)", "new commenter"),
        (r"sanction", "sanction"),
        (r"advertising phrase|sells followers|promotes the writer|a link with", "content checks"),
        (r".* with an offer|.* under an article it has nothing", "content checks"),
    )
)


def check_of(reason: str) -> str:
    """The name of the check a reason comes from."""
    for pattern, name in _RULES:
        if pattern.match(reason):
            return name
    return "other"
