"""Which check a held or rejected comment's reason comes from, for the editors' figures. Pure.

Reasons are sentences for moderators ("3 links", "matched block list: link to
spam.example"); this names the check behind each, so that the dashboard can
count what each check caught. A reason no rule here knows counts as "other".
The names are codes (``Rejection.caught_by`` stores them); ``check_label``
says them in the moderator's language.
"""

from __future__ import annotations

import re

from django.utils.functional import Promise
from django.utils.translation import pgettext_lazy

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


# Each check's name as moderators read it; in English, the name itself.
_LABELS: dict[str, Promise] = {
    "edited text": pgettext_lazy("spam check", "edited text"),
    "imported as held": pgettext_lazy("spam check", "imported as held"),
    "hidden field": pgettext_lazy("spam check", "hidden field"),
    "block lists": pgettext_lazy("spam check", "block lists"),
    "form time stamp": pgettext_lazy("spam check", "form time stamp"),
    "sent too fast": pgettext_lazy("spam check", "sent too fast"),
    "too many links": pgettext_lazy("spam check", "too many links"),
    "same text again": pgettext_lazy("spam check", "same text again"),
    "spam filter": pgettext_lazy("spam check", "spam filter"),
    "quiet hours": pgettext_lazy("spam check", "quiet hours"),
    "pre-moderation": pgettext_lazy("spam check", "pre-moderation"),
    "new commenter": pgettext_lazy("spam check", "new commenter"),
    "sanction": pgettext_lazy("spam check", "sanction"),
    "content checks": pgettext_lazy("spam check", "content checks"),
    "other": pgettext_lazy("spam check", "other"),
}


def check_label(name: str) -> str:
    """A check's name as the moderator reading it says it; an unknown name as it is."""
    return str(_LABELS.get(name, name))
