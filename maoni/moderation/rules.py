"""From a candidate comment to a verdict: publish, hold for a moderator, or reject.

Pure: ``screening`` gathers everything a decision needs (block lists, recent
duplicates, the filter's score, the site's settings) and passes it in as
plain values. Every check that fires adds a reason a moderator can read, such
as ``3 links`` or ``matched block list: casino``; the verdict carries them all,
so a held comment says why. Reasons are stored in English, as written here;
``reasons.reason_label`` translates them where they are shown, so a new or
reworded reason needs its pattern there too.
"""

from __future__ import annotations

import enum
import functools
import hashlib
import ipaddress
import math
import re
import unicodedata
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from urllib.parse import urlsplit

from django.utils.translation import gettext

from maoni.moderation import signs
from maoni.moderation.signs import links_in as links_in


class Ruling(enum.IntEnum):
    """What the checks rule for a comment (apart from ``AuditEntry.Action``, what a
    moderator did). Ordered: the strictest ruling any check asks for wins."""

    PUBLISH = 0
    HOLD = 1
    REJECT = 2


@dataclass(frozen=True)
class Verdict:
    ruling: Ruling
    reasons: tuple[str, ...] = ()
    # The spam filter's probability, where it was asked.
    score: float | None = None
    # For REJECT: the sentence shown to the commenter, in the request's language.
    message: str = ""


@dataclass(frozen=True)
class Thresholds:
    """The site's settings for each check; 0 or None turns a check off."""

    min_seconds: float = 3.0
    max_links: int = 2
    duplicate_ruling: Ruling = Ruling.HOLD
    content_checks: bool = True
    filter_hold: float | None = 0.9
    filter_reject: float | None = 0.99
    # For a comment with no link and no contact: the score this site's own
    # published comments almost never reach (learning.quiet_hold); None: never.
    filter_quiet_hold: float | None = None


@dataclass(frozen=True)
class BlockLists:
    """What moderators have blocked; ``allowed_emails`` skip every check but the honeypot."""

    phrases: tuple[str, ...] = ()
    networks: tuple[str, ...] = ()
    emails: tuple[str, ...] = ()
    email_domains: tuple[str, ...] = ()
    url_domains: tuple[str, ...] = ()
    allowed_emails: tuple[str, ...] = ()


@dataclass(frozen=True)
class Candidate:
    body: str
    author_name: str = ""
    author_email: str = ""
    address: str = ""
    # Seconds between showing the form and posting it; None where unknown
    # (imports, and callers that show no form).
    seconds_to_post: float | None = None
    # False when a form was expected to carry its signed timestamp and did not.
    form_stamp_valid: bool = True
    # The hidden field people never fill in.
    honeypot: str = ""
    # Comments with the same text posted recently, from anyone.
    duplicates: int = 0
    filter_score: float | None = None
    filter_reasons: str = ""
    # Moderators, staff and allow-listed users.
    trusted: bool = False
    # True only for an address its owner proved (a logged-in account with a
    # confirmed address, or one confirmed by a mailed link): anyone can type
    # an address, so only a proved one may earn the allow list's trust.
    email_verified: bool = False
    # The words of the page the comment is posted under, for the off-topic
    # checks; empty where unknown.
    topic: str = ""


def rejected() -> str:
    """The sentence a commenter reads when the checks reject their comment."""
    return gettext("Your comment could not be posted.")


def domain_of(url: str) -> str:
    """The host of a URL, lower-cased, without ``www.``."""
    target = url if "://" in url else f"http://{url}"
    host = (urlsplit(target).hostname or "").lower().rstrip(".")
    return host.removeprefix("www.")


def _fold(text: str) -> str:
    return unicodedata.normalize("NFKC", text).casefold()


@functools.lru_cache(maxsize=1024)
def _phrase_pattern(phrase: str) -> re.Pattern[str]:
    # Word boundaries that hold for any script: not preceded or followed by a
    # letter or digit. Spaces inside the phrase match any run of whitespace.
    words = [re.escape(word) for word in _fold(phrase).split()]
    return re.compile(r"(?<!\w)" + r"\s+".join(words) + r"(?!\w)")


def blocked_phrases(text: str, phrases: Iterable[str]) -> list[str]:
    """The block-listed words and phrases the text contains, as listed."""
    folded = _fold(text)
    return [
        phrase for phrase in phrases if phrase.split() and _phrase_pattern(phrase).search(folded)
    ]


def _in_networks(address: str, networks: Iterable[str]) -> str | None:
    try:
        ip = ipaddress.ip_address(address)
    except ValueError:
        return None
    for network in networks:
        try:
            if ip in ipaddress.ip_network(network, strict=False):
                return network
        except ValueError:
            continue
    return None


def _domain_matches(domain: str, listed: str) -> bool:
    listed = listed.lower().lstrip("@.").removeprefix("www.")
    return domain == listed or domain.endswith(f".{listed}")


def judge(candidate: Candidate, lists: BlockLists, limits: Thresholds) -> Verdict:
    """Returns what to do with a comment, and why."""
    if candidate.honeypot.strip():
        return Verdict(Ruling.REJECT, ("filled in the hidden field",), message=rejected())
    email = candidate.author_email.strip().lower()
    if (
        email
        and candidate.email_verified
        and email in {allowed.lower() for allowed in lists.allowed_emails}
    ):
        return Verdict(Ruling.PUBLISH, ("allow list: e-mail address",))
    if candidate.trusted:
        return Verdict(Ruling.PUBLISH)
    links = links_in(candidate.body)
    seen = signs.read(candidate.body, topic=candidate.topic)
    held_for = signs.held_for(seen) if limits.content_checks else []
    asked = [
        *_blocked(candidate, lists, email, links),
        *((Ruling.HOLD, reason) for reason in held_for),
        *_sent_how(candidate, limits, links),
        *_filter_says(candidate, limits, reachable=seen.reachable, held=bool(held_for)),
    ]
    ruling = max((wanted for wanted, _reason in asked), default=Ruling.PUBLISH)
    reasons = tuple(reason for _wanted, reason in asked)
    message = rejected() if ruling is Ruling.REJECT else ""
    return Verdict(ruling, reasons, score=candidate.filter_score, message=message)


Asked = list[tuple[Ruling, str]]


def _blocked(candidate: Candidate, lists: BlockLists, email: str, links: Iterable[str]) -> Asked:
    """What the moderators' block lists say of the comment."""
    asked: Asked = []
    network = _in_networks(candidate.address, lists.networks)
    if network is not None:
        asked.append((Ruling.REJECT, f"matched block list: address {network}"))
    if email and email in {listed.lower() for listed in lists.emails}:
        asked.append((Ruling.REJECT, "matched block list: e-mail address"))
    email_domain = email.rpartition("@")[2]
    for listed in lists.email_domains:
        if email_domain and _domain_matches(email_domain, listed):
            asked.append((Ruling.REJECT, f"matched block list: e-mail domain {listed}"))
            break
    for listed in lists.url_domains:
        if any(_domain_matches(domain_of(link), listed) for link in links):
            asked.append((Ruling.REJECT, f"matched block list: link to {listed}"))
    for phrase in blocked_phrases(f"{candidate.author_name}\n{candidate.body}", lists.phrases):
        asked.append((Ruling.HOLD, f"matched block list: {phrase}"))
    return asked


def _sent_how(candidate: Candidate, limits: Thresholds, links: Sequence[str]) -> Asked:
    """What the way it was sent says: the form's time, its links, the same text again."""
    asked: Asked = []
    if not candidate.form_stamp_valid:
        asked.append((Ruling.HOLD, "the form's timestamp was missing or altered"))
    seconds = candidate.seconds_to_post
    if limits.min_seconds and seconds is not None and seconds < limits.min_seconds:
        asked.append((Ruling.HOLD, f"posted {seconds:.0f} s after the form was shown"))
    if limits.max_links and len(links) > limits.max_links:
        asked.append((Ruling.HOLD, f"{len(links)} links"))
    if candidate.duplicates:
        repeated = f"same text posted {candidate.duplicates} times recently"
        asked.append((limits.duplicate_ruling, repeated))
    return asked


def _filter_says(candidate: Candidate, limits: Thresholds, *, reachable: bool, held: bool) -> Asked:
    """The filter's words are weak evidence on their own: it holds only a comment
    that carries a way to reach its writer (what spam is posted for), or one
    above what this site's readers write, and rejects only what the content
    checks hold too."""
    score = candidate.filter_score
    if score is None:
        return []
    reason = candidate.filter_reasons or f"filter score {score:.2f}"
    if reachable:
        if limits.filter_reject is not None and score >= limits.filter_reject and held:
            return [(Ruling.REJECT, reason)]
        if limits.filter_hold is not None and score >= limits.filter_hold:
            return [(Ruling.HOLD, reason)]
        return []
    if score >= (limits.filter_quiet_hold or math.inf):
        return [(Ruling.HOLD, f"{reason} (above what this site's readers write)")]
    return []


def letters_of(text: str) -> str:
    """The letters and digits of a text, case-folded: what two near-duplicates share."""
    return "".join(char for char in _fold(text) if char.isalnum())


def fingerprint(text: str) -> str:
    """A key that is the same for texts differing only in case, spacing or punctuation."""
    return hashlib.sha256(letters_of(text).encode()).hexdigest()[:32]
