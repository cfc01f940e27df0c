"""What a comment's text shows of the spam that news comment sections get.

Pure. ``read`` finds the signs in a text (links, ways of being reached,
offers, praise that fits any article, self-promotion, and how many of its
words it shares with the article it is posted under); ``held_for`` turns
them into the reasons a comment is held, each one a combination that
ordinary readers do not write: contact details with an offer of loans, a
link with praise that fits any article, a link or a phone number under an
article the comment has nothing to do with. No single word holds a comment,
since readers discuss loans, betting and hackers whenever the news is about
them.

These checks need no training, so a new site has them from its first
comment. The words they look for are in ``lexicon``.
"""

from __future__ import annotations

import functools
import re
from collections.abc import Iterable
from dataclasses import dataclass
from urllib.parse import urlsplit

from maoni.moderation import folding, lexicon

# Only the first part of a long text is read: signs of spam are never only at its end.
MAX_TEXT_CHARS = 5_000
# Words shorter than this say nothing of a topic (and Swahili stems are short).
_MIN_TOPIC_WORD = 4
_STEM = 5
# Fewer content words than this say too little to call a comment unrelated.
_MIN_CONTENT_WORDS = 3
# A comment sharing fewer than one word in this many with its article is unrelated
# to it: an advert may share a word by chance ("work", "money"), a reader shares more.
_UNRELATED_SHARE = 6

_WORD = re.compile(r"[^\W_]+(?:['’][^\W_]+)*|%")
# The web addresses the Plain text format links (see links_in).
_URL = re.compile(r"(?:https?|ftp)://[^\s<>\"']+|\bwww\.[^\s<>\"']+", re.IGNORECASE)
_BARE_DOMAIN = re.compile(
    r"(?<![\w@.\-])(?:[a-z0-9\-]{1,63}\s?(?:\.|\(\.\)|\[\.\]|\bdot\b)\s?){1,3}"
    r"(?:com|net|org|info|biz|xyz|top|club|online|site|ke|co|io|me|ly|ru|tk|bet|vip|shop|app|"
    r"link|live|store|example)(?![\w\-])(?:/[^\s]*)?",
    re.IGNORECASE,
)
_MESSENGER_LINK = re.compile(r"\b(?:wa\.me|t\.me|chat\.whatsapp\.com|wa\.link)/\S*", re.IGNORECASE)
_EMAIL = re.compile(r"[\w.+\-]{1,64}\s?(?:@|\(at\)|\[at\])\s?[\w\-]{1,63}(?:\.[\w\-]{1,63})+")
# A phone number: "+" or "0" (or Kenya's 254) and eight digits or more, with
# spaces, dots and dashes between them; "3333333333" or "860 000 000" is no number.
_PHONE = re.compile(r"(?<![\w+])(?:\+|0|254)\d?(?:[ .\-/]?\d){8,12}(?!\d)")
_ONE_DIGIT_RUN = re.compile(r"(\d)(?:[ .\-/]?\1){5,}")


@dataclass(frozen=True)
class Signs:
    """What ``read`` found in one comment."""

    links: int = 0
    # How the reader may be reached: "a phone number", "an e-mail address", ...
    contacts: tuple[str, ...] = ()
    # The kinds of offer named (lexicon.OFFERS keys).
    offers: tuple[str, ...] = ()
    calls_to_action: bool = False
    praise: bool = False
    self_promotion: bool = False
    # Sends readers to the writer's own channel, video or page, or asks for subscribers.
    asks_for_audience: bool = False
    # Phrases no reader writes except to sell.
    outright: tuple[str, ...] = ()
    # Words that carry a topic, and how many of them the article shares.
    content_words: int = 0
    # Every word the reader wrote, links and addresses left out.
    own_words: int = 0
    shared_with_topic: int = 0
    # False when there was no article text to compare with.
    topic_known: bool = False

    @property
    def reachable(self) -> bool:
        return bool(self.links or self.contacts)

    @property
    def unrelated(self) -> bool:
        """Shares no word with the article and says enough to tell; or, for an advert
        (an offer or an invitation), almost none: adverts share a word by chance."""
        if not self.topic_known:
            return False
        if self.shared_with_topic == 0:
            return self.content_words >= _MIN_CONTENT_WORDS or self.calls_to_action
        advert = self.calls_to_action or bool(self.offers)
        return advert and self.shared_with_topic * _UNRELATED_SHARE < self.content_words


def read(text: str, *, topic: str = "") -> Signs:
    """Returns the signs in ``text``, a comment posted under a page about ``topic``."""
    text = text[:MAX_TEXT_CHARS]
    links = list(links_in(text))
    rest = _URL.sub(" ", text)
    messenger = [match[0] for match in _MESSENGER_LINK.finditer(rest)]
    rest = _MESSENGER_LINK.sub(" ", rest)
    emails = _EMAIL.findall(rest)
    rest = _EMAIL.sub(" ", rest)
    bare = [match[0] for match in _BARE_DOMAIN.finditer(rest)]
    rest = _BARE_DOMAIN.sub(" ", rest)
    folded = " ".join(_words(folding.fold(rest)))
    contacts = _contacts(rest, folded, emails=bool(emails), messenger=bool(messenger))
    words = _content_words(folded, links + bare)
    topic_stems = _topic_stems(topic)
    return Signs(
        links=len(links) + len(bare),
        contacts=contacts,
        offers=tuple(kind for kind, pattern in _offer_patterns().items() if pattern.search(folded)),
        calls_to_action=bool(_pattern(lexicon.CALLS_TO_ACTION).search(folded)),
        praise=bool(_pattern(lexicon.PRAISE).search(folded)),
        self_promotion=bool(_pattern(lexicon.SELF_PROMOTION).search(folded)),
        asks_for_audience=_asks_for_audience(folded),
        outright=tuple(dict.fromkeys(m[0] for m in _pattern(lexicon.OUTRIGHT).finditer(folded))),
        content_words=len(words),
        own_words=len(folded.split()),
        shared_with_topic=len(words & topic_stems),
        topic_known=len(topic_stems) >= _MIN_CONTENT_WORDS,
    )


def links_in(text: str) -> tuple[str, ...]:
    """The web addresses in a text, as the Plain text format would link them."""
    return tuple(match.group(0).rstrip(".,;!?)]") for match in _URL.finditer(text))


def held_for(signs: Signs) -> list[str]:
    """Returns why these signs hold a comment for a moderator; empty when they do not."""
    reasons = []
    # Readers mention buying and medicines too: those offers need an invitation.
    offers = [
        kind
        for kind in signs.offers
        if kind not in lexicon.EVERYDAY_OFFERS or signs.calls_to_action
    ]
    if signs.contacts and (offers or signs.outright):
        what = ", ".join(offers) or ", ".join(signs.outright)
        reasons.append(f"{_either(signs.contacts)} with an offer: {what}")
    if signs.links and signs.praise and signs.shared_with_topic < 2:
        reasons.append("a link with praise that would fit any article")
    if signs.unrelated and _solicits(signs):
        reasons.append(f"{_reach(signs)} under an article it has nothing to do with")
    if signs.asks_for_audience or (
        signs.self_promotion and (signs.reachable or signs.calls_to_action)
    ):
        reasons.append("promotes the writer's own channel, page or business")
    if signs.links and signs.own_words < _MIN_CONTENT_WORDS and _off_topic(signs):
        reasons.append("a link with nothing said about the article")
    if "followers and links" in signs.offers and (signs.reachable or signs.calls_to_action):
        reasons.append("sells followers, likes or links")
    if signs.outright and (signs.reachable or signs.calls_to_action):
        reasons.append(f"advertising phrase: {', '.join(signs.outright)}")
    if signs.links and offers and signs.calls_to_action and not reasons:
        reasons.append(f"a link with an offer: {', '.join(offers)}")
    return reasons


def _solicits(signs: Signs) -> bool:
    """True when a link or contact comes with more than a reader's bare pointer to a source.

    Readers cite a report or give a hotline number without a word of the
    article in their own language; an invitation, an offer, a messaging
    contact, an e-mail address or several links are what adverts add.
    """
    if not signs.reachable:
        return False
    invites = signs.calls_to_action or signs.offers or signs.praise or signs.self_promotion
    written = [contact for contact in signs.contacts if contact != "a phone number"]
    return bool(invites or written or signs.links > 1)


def _off_topic(signs: Signs) -> bool:
    """True when the article is known and the comment shares no word with it."""
    return signs.topic_known and signs.shared_with_topic == 0


def _asks_for_audience(folded: str) -> bool:
    return bool(
        _own_work_pattern().search(folded) or _pattern(lexicon.SUBSCRIBER_ASKS).search(folded)
    )


@functools.cache
def _own_work_pattern() -> re.Pattern[str]:
    verbs = _pattern(lexicon.AUDIENCE_VERBS).pattern
    work = "|".join(lexicon.OWN_WORK)
    work_sw = "|".join(lexicon.OWN_WORK_SW)
    owners_sw = "|".join(lexicon.OWNERS_SW)
    english = (
        verbs
        + r"\s+(?:(?:it|this|them|out|at)\s+)?(?:my|our)\s+(?:\w+\s+){0,2}?(?:"
        + work
        + r")\b"
    )
    swahili = verbs + r"\s+(?:(?:" + work_sw + r")\s+(?:\w+\s+)?(?:" + owners_sw + r"))\b"
    return re.compile(f"{english}|{swahili}")


def _either(contacts: tuple[str, ...]) -> str:
    return " and ".join(contacts)


def _reach(signs: Signs) -> str:
    return "a link" if signs.links and not signs.contacts else _either(signs.contacts)


def _words(folded: str) -> list[str]:
    return _WORD.findall(folded)


def _contacts(raw: str, folded: str, *, emails: bool, messenger: bool) -> tuple[str, ...]:
    found = []
    if any(not _ONE_DIGIT_RUN.search(m[0]) for m in _PHONE.finditer(raw)) or _spelt_number(folded):
        found.append("a phone number")
    if emails:
        found.append("an e-mail address")
    if messenger or _pattern(lexicon.CONTACT_WORDS).search(folded):
        found.append("a messaging contact")
    return tuple(found)


def _spelt_number(folded: str) -> bool:
    """True for seven digits or more written out, words and digits mixed ("zero 7 two …")."""
    run = words = 0
    for word in folded.split():
        if word in lexicon.NUMBER_WORDS or (word.isdigit() and len(word) == 1):
            run += 1
            words += word in lexicon.NUMBER_WORDS
            if run >= 7 and words >= 3:
                return True
        else:
            run = words = 0
    return False


def _content_words(folded: str, links: Iterable[str]) -> set[str]:
    """The stems of the words that carry a topic, the words of link addresses included."""
    words = folded.split()
    for link in links:
        words.extend(_words(folding.fold(_link_words(link))))
    return {_stem(word) for word in words if _carries_topic(word)}


def _link_words(link: str) -> str:
    target = link if "://" in link else f"http://{link}"
    parts = urlsplit(target)
    host = (parts.hostname or "").split(".")
    return " ".join([*host[:-1], *re.split(r"[/\-_.?=&+]", parts.path)])


@functools.lru_cache(maxsize=256)
def _topic_stems(topic: str) -> frozenset[str]:
    folded = folding.fold(topic[:50_000])
    return frozenset(_stem(word) for word in _words(folded) if _carries_topic(word))


def _carries_topic(word: str) -> bool:
    return len(word) >= _MIN_TOPIC_WORD and not word.isdigit() and word not in lexicon.STOPWORDS


def _stem(word: str) -> str:
    return word[:_STEM]


@functools.cache
def _offer_patterns() -> dict[str, re.Pattern[str]]:
    return {kind: _pattern(words) for kind, words in lexicon.OFFERS.items()}


@functools.cache
def _pattern(phrases: tuple[str, ...]) -> re.Pattern[str]:
    """One pattern for a list of phrases, each matched as whole words of folded text."""
    alternatives = []
    for phrase in phrases:
        star = phrase.endswith("*")
        words = _words(folding.fold(phrase.rstrip("*")))
        if words:
            body = r"\s+".join(re.escape(word) for word in words)
            alternatives.append(body + (r"\w*" if star else ""))
    alternatives.sort(key=len, reverse=True)
    return re.compile(r"(?<![\w%])(?:" + "|".join(alternatives) + r")(?![\w%])")
