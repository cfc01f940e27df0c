"""Why a comment was held, in the moderator's language.

A held comment's reasons are stored as the English sentences the checks wrote
(``Comment.reasons``: ``3 links``, ``matched block list: casino``), and stay
so in the database. They come from a fixed set of sentences and patterns,
written by ``rules``, ``signs``, ``classifier``, ``sanctions``,
``comments.trust``, ``comments.moderating`` and ``imports.writing``; this
module reads them back and translates them where they are shown. A reason it
does not know (an older wording, a new check) is shown as stored. Keep these
patterns in step with the sentences those modules write.

In English the stored sentence is shown as it is, byte for byte.
"""

from __future__ import annotations

import re
from collections.abc import Callable

from django.utils import translation
from django.utils.functional import Promise
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy, ngettext

_FIXED: dict[str, Promise] = {
    "filled in the hidden field": gettext_lazy("filled in the hidden field"),
    "allow list: e-mail address": gettext_lazy("allow list: e-mail address"),
    "matched block list: e-mail address": gettext_lazy("matched block list: e-mail address"),
    "the form's timestamp was missing or altered": gettext_lazy(
        "the form's timestamp was missing or altered"
    ),
    "a link with praise that would fit any article": gettext_lazy(
        "a link with praise that would fit any article"
    ),
    "promotes the writer's own channel, page or business": gettext_lazy(
        "promotes the writer's own channel, page or business"
    ),
    "a link with nothing said about the article": gettext_lazy(
        "a link with nothing said about the article"
    ),
    "sells followers, likes or links": gettext_lazy("sells followers, likes or links"),
    "pre-moderation: every comment is approved first": gettext_lazy(
        "pre-moderation: every comment is approved first"
    ),
    "pre-moderation: comments of anonymous readers are approved first": gettext_lazy(
        "pre-moderation: comments of anonymous readers are approved first"
    ),
    "no e-mail address: new commenters are approved first": gettext_lazy(
        "no e-mail address: new commenters are approved first"
    ),
    "e-mail address not proved: comments without a confirmed account are approved first": (
        gettext_lazy(
            "e-mail address not proved: comments without a confirmed account are approved first"
        )
    ),
    "sanction: every comment of this author is approved first": gettext_lazy(
        "sanction: every comment of this author is approved first"
    ),
    "imported: pending at the source": gettext_lazy("imported: pending at the source"),
    "imported: its page was not public at the source": gettext_lazy(
        "imported: its page was not public at the source"
    ),
}

# The ways a writer can be reached, as ``signs`` names them.
_CONTACTS: dict[str, Promise] = {
    "a phone number": gettext_lazy("a phone number"),
    "an e-mail address": gettext_lazy("an e-mail address"),
    "a messaging contact": gettext_lazy("a messaging contact"),
    "a link": gettext_lazy("a link"),
}

# The kinds of offer (``lexicon.OFFERS`` keys).
_OFFERS: dict[str, Promise] = {
    "loans": gettext_lazy("loans"),
    "jobs": gettext_lazy("jobs"),
    "account recovery and spying": gettext_lazy("account recovery and spying"),
    "trading and investment": gettext_lazy("trading and investment"),
    "betting tips": gettext_lazy("betting tips"),
    "spiritual healing": gettext_lazy("spiritual healing"),
    "followers and links": gettext_lazy("followers and links"),
    "prizes": gettext_lazy("prizes"),
    "dating": gettext_lazy("dating"),
    "medicine": gettext_lazy("medicine"),
    "sales": gettext_lazy("sales"),
}

# What the spam filter says of the shape of a text (``classifier._SHAPE_LABELS``).
_SHAPES: dict[str, Promise] = {
    "a sum of money": gettext_lazy("a sum of money"),
    "shouting": gettext_lazy("shouting"),
    "very short": gettext_lazy("very short"),
    "disguised letters": gettext_lazy("disguised letters"),
}

_QUIET = " (above what this site's readers write)"


def reason_label(reason: str) -> str:
    """One stored reason, as the moderator reading it says it."""
    if (translation.get_language() or "en").split("-")[0] == "en":
        return reason
    return _translated(reason)


def _translated(reason: str) -> str:
    if reason in _FIXED:
        return str(_FIXED[reason])
    if reason.endswith(_QUIET):
        inner = _translated(reason.removesuffix(_QUIET))
        return _("%(reason)s (above what this site's readers write)") % {"reason": inner}
    for pattern, build in _PATTERNS:
        match = pattern.fullmatch(reason)
        if match:
            return build(match)
    return reason


def _edited(match: re.Match[str]) -> str:
    return _("edited: %(reason)s") % {"reason": _translated(match["reason"])}


def _blocked_address(match: re.Match[str]) -> str:
    return _("matched block list: address %(value)s") % {"value": match["value"]}


def _blocked_domain(match: re.Match[str]) -> str:
    return _("matched block list: e-mail domain %(value)s") % {"value": match["value"]}


def _blocked_link(match: re.Match[str]) -> str:
    return _("matched block list: link to %(value)s") % {"value": match["value"]}


def _blocked_phrase(match: re.Match[str]) -> str:
    return _("matched block list: %(value)s") % {"value": match["value"]}


def _too_fast(match: re.Match[str]) -> str:
    return _("posted %(count)s s after the form was shown") % {"count": match["count"]}


def _links(match: re.Match[str]) -> str:
    count = int(match["count"])
    return ngettext("%(count)s link", "%(count)s links", count) % {"count": count}


def _same_text(match: re.Match[str]) -> str:
    count = int(match["count"])
    return ngettext(
        "same text posted %(count)s time recently",
        "same text posted %(count)s times recently",
        count,
    ) % {"count": count}


def _filter_score(match: re.Match[str]) -> str:
    if match["said"] is None:
        return _("filter score %(score)s") % {"score": match["score"]}
    said = "; ".join(_evidence(part) for part in match["said"].split("; "))
    return _("filter score %(score)s: %(evidence)s") % {"score": match["score"], "evidence": said}


def _evidence(part: str) -> str:
    if part == "nothing telling is known":
        return _("nothing telling is known")
    for prefix, sentence in (
        ("spam-like ", gettext_lazy("spam-like %(features)s")),
        ("ham-like ", gettext_lazy("ham-like %(features)s")),
    ):
        if part.startswith(prefix):
            features = ", ".join(_feature(item) for item in part[len(prefix) :].split(", "))
            return str(sentence) % {"features": features}
    return part


def _feature(label: str) -> str:
    if label in _SHAPES:
        return str(_SHAPES[label])
    if label.startswith("name "):
        return _("name %(name)s") % {"name": label.removeprefix("name ")}
    return label


def _contacts(text: str) -> str:
    """``a phone number and an e-mail address``, each way of reaching named as said."""
    named = [str(_CONTACTS.get(each, each)) for each in text.split(" and ")]
    joined = named[0]
    for each in named[1:]:
        joined = _("%(first)s and %(second)s") % {"first": joined, "second": each}
    return joined


def _offers(text: str) -> str:
    return ", ".join(str(_OFFERS.get(each, each)) for each in text.split(", "))


def _link_offer(match: re.Match[str]) -> str:
    return _("a link with an offer: %(offers)s") % {"offers": _offers(match["what"])}


def _contact_offer(match: re.Match[str]) -> str:
    return _("%(contacts)s with an offer: %(offers)s") % {
        "contacts": _contacts(match["contacts"]),
        "offers": _offers(match["what"]),
    }


def _unrelated(match: re.Match[str]) -> str:
    return _("%(reach)s under an article it has nothing to do with") % {
        "reach": _contacts(match["reach"])
    }


def _advertising(match: re.Match[str]) -> str:
    return _("advertising phrase: %(phrases)s") % {"phrases": match["phrases"]}


def _quiet_hours(match: re.Match[str]) -> str:
    return _("pre-moderation: quiet hours (%(hours)s), every comment is approved first") % {
        "hours": match["hours"]
    }


def _new_account(match: re.Match[str]) -> str:
    wanted = int(match["wanted"])
    return ngettext(
        "new account: %(published)s of its first %(wanted)s comment approved",
        "new account: %(published)s of its first %(wanted)s comments approved",
        wanted,
    ) % {"published": match["published"], "wanted": wanted}


_CONTACT = r"(?:a phone number|an e-mail address|a messaging contact|a link)"
_REACH = rf"{_CONTACT}(?: and {_CONTACT})*"
# (pattern matching a whole reason, how to say it), first match wins.
_PATTERNS: tuple[tuple[re.Pattern[str], Callable[[re.Match[str]], str]], ...] = tuple(
    (re.compile(pattern, re.DOTALL), build)
    for pattern, build in (
        (r"edited: (?P<reason>.+)", _edited),
        (r"matched block list: address (?P<value>.+)", _blocked_address),
        (r"matched block list: e-mail domain (?P<value>.+)", _blocked_domain),
        (r"matched block list: link to (?P<value>.+)", _blocked_link),
        (r"matched block list: (?P<value>.+)", _blocked_phrase),
        (r"posted (?P<count>\d+) s after the form was shown", _too_fast),
        (r"(?P<count>\d+) links", _links),
        (r"same text posted (?P<count>\d+) times recently", _same_text),
        (r"filter score (?P<score>[\d.]+)(?:: (?P<said>.+))?", _filter_score),
        (r"a link with an offer: (?P<what>.+)", _link_offer),
        (rf"(?P<contacts>{_REACH}) with an offer: (?P<what>.+)", _contact_offer),
        (rf"(?P<reach>{_REACH}) under an article it has nothing to do with", _unrelated),
        (r"advertising phrase: (?P<phrases>.+)", _advertising),
        (
            r"pre-moderation: quiet hours \((?P<hours>.+)\), every comment is approved first",
            _quiet_hours,
        ),
        (
            r"new account: (?P<published>\d+) of its first (?P<wanted>\d+) comments approved",
            _new_account,
        ),
    )
)
