"""A statistical spam filter that learns from moderators' decisions.

Pure: the module reads text and counts and returns features and scores. Where
the counts live (a database table, or the in-memory ``Model``) is the caller's
business, so ``features`` and ``score`` never see storage.

Features. Spammers disguise words (``v1agra``, ``c@sino``, ``W h a t s A p p``,
zero-width characters, Cyrillic or full-width letters), so the text is
normalised first: NFKC (full-width and mathematical letters), invisible format
characters removed, casefolded, combining marks stripped (``vïagra``), Cyrillic
and Greek look-alikes mapped to Latin, and runs of four or more single letters
joined. A disguise that had to be undone is itself a feature. Then:

- ``w:<word>`` for each run of letters and digits, except the words every
  comment uses (``lexicon.STOPWORDS``: "have", "before", "hii"), which say
  nothing of spam and, learnt from a few hundred comments, would say something
  wrong. A letter typed three times
  or more reads as two (``freeee``) and as one (``viaaagra``). In a word with
  two letters or more and no 2, 6, 8 or 9 (``covid19`` is no disguise),
  ``0 1 3 4 5 7 @ $ ! |`` read as ``o i e a s t a s i l``, and ``1`` as ``l``
  too. Every reading is a feature, the word as typed included: wrong readings
  cost a little storage and, never being seen, say nothing.
  Letter triples of words (version 1 of the features) are no longer read:
  learnt from a site's first few hundred decisions they made common words
  such as "market" or "before" look like spam (docs/spam.md has the figures).
- ``d:<domain>`` for each linked domain (http(s) and ``www.`` addresses,
  bare domains under a few spam-prone top-level domains, e-mail addresses and
  the ``links`` argument), cut to its registrable part (``x.co.ke``).
- ``a:<word>`` for the words of the author's name.
- ``shape:<name>``: money, all-caps-words, short and obfuscated. Links,
  e-mail addresses and phone numbers are no shapes (version 1 had them): the
  content checks (``signs``) judge them, and the filter holds only a comment
  that carries one, so counting them here would count the same evidence twice.

A comment yields at most ``MAX_FEATURES`` distinct features, none longer than
``MAX_FEATURE_LENGTH``, and only the first ``MAX_TEXT_CHARS`` characters are
read; every pattern used can only backtrack a bounded distance, so the work is
linear in the length of the text.

Scoring is Gary Robinson's: each known feature gets
``f = (s·x + n·p) / (s + n)`` with ``s = 1``, ``x = 0.5``, ``n`` the documents
it was seen in and ``p`` its spam share after correcting for the sizes of the
two corpora. Features within 0.1 of 0.5 are ignored, the 150 furthest from it
are combined with Fisher's chi-squared method, and the score is
``(1 + S - H) / 2``. It learns from a single decision, stays at 0.5 until
something telling is known, is well calibrated in practice (SpamBayes uses it),
and the features that decided are at hand to show a moderator.

Counts are document frequencies: a comment adds one to the spam or the ham
count of each of its features, however often it uses them.
"""

from __future__ import annotations

import math
import re
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass, field

from maoni.moderation import folding, lexicon

__all__ = ["Counts", "Model", "Score", "explain", "features", "score"]

# Raise when a change to ``features`` gives a comment different features, so
# that stored counts can be rebuilt rather than mixed.
FEATURE_VERSION = 2
MAX_TEXT_CHARS = 20_000  # Twice the longest comment body.
MAX_FEATURES = 400
MAX_FEATURE_LENGTH = 64
_MAX_DOMAINS = 20
_MAX_AUTHOR_WORDS = 6
_MAX_WORD_LENGTH = 40
_SHORT = 20  # Characters, for shape:short.

STRENGTH = 1.0  # Robinson's s: how many documents the prior is worth.
ASSUMED = 0.5  # Robinson's x: the probability of a feature seen nowhere.
MIN_DISTANCE = 0.1  # From 0.5, for a feature to count at all.
MAX_CLUES = 150
EVIDENCE_SIZE = 8
# Counts beyond this are clamped so that the arithmetic cannot overflow.
_COUNT_CEILING = 10**12
_EPSILON = 1e-9

_LEET_CHARS = "013457@$!|"
_LEET = str.maketrans(_LEET_CHARS, "oieastasil")
_LEETISH = re.compile(f"[{re.escape(_LEET_CHARS)}]")
# A digit that stands for no letter (covid19, b2b) marks a word that is no leetspeak.
_PLAIN_NUMBER = re.compile("[2689]")
_LEET_INSIDE = re.compile(rf"[^\W\d_][{re.escape(_LEET_CHARS)}]+[^\W\d_]")

_URL = re.compile(r"(?:h(?:tt|xx)ps?://|www\.)[^\s<>\"']+")
_EMAIL = re.compile(r"[\w.+\-]{1,64}@([\w\-]{1,63}(?:\.[\w\-]{1,63}){1,8})")
_BARE_DOMAIN = re.compile(
    r"(?<![\w.@/\-])(?:[a-z0-9\-]{1,63}\.){1,4}"
    r"(?:com|net|org|info|biz|xyz|top|club|online|site|ke|io|ly|ru|cn|tk|bet|vip|shop|app)"
    r"(?![\w\-])"
)
_SCHEME = re.compile(r"[a-z][a-z0-9+.\-]{0,20}://")
_HOST_RUN = re.compile(r"[\w.\-]+")
# Second-level labels under which registrations sit, as in x.co.ke or x.org.uk.
_SECOND_LEVEL = frozenset(
    {"ac", "co", "com", "edu", "go", "gov", "info", "me", "mobi", "ne", "net", "or", "org", "sc"}
)

_MONEY = re.compile(
    r"\b(?:k?shs?|kes|tsh|ugx|usd)\.?\s?\d|[$€£]\s?\d"
    r"|\d\s?(?:/=|/-|(?:bob|ksh|kes|usd|dollars?|euros?|shillings?)\b)|\bshilingi\b"
)
_LETTER_WORD = re.compile(r"[^\W\d_]{3,}")
_REPEATED = re.compile(r"([^\W\d_])\1\1+")
# Symbols join the letters around them into one word; a word cannot end in one.
_TOKEN = re.compile(r"[^\W_]+(?:[@$!|'][^\W_]+)*")


@dataclass(frozen=True)
class Counts:
    """How many spam and how many ham documents a feature was seen in."""

    spam: int
    ham: int


@dataclass(frozen=True)
class Score:
    probability: float  # That the comment is spam, 0 to 1.
    # The most telling features and each one's spam probability, strongest first.
    evidence: tuple[tuple[str, float], ...]


def features(text: str, *, author_name: str = "", links: Sequence[str] = ()) -> frozenset[str]:
    """Returns the distinct features of a comment: at most ``MAX_FEATURES``, each at most
    ``MAX_FEATURE_LENGTH`` characters, the same ones for the same arguments."""
    text = text[:MAX_TEXT_CHARS]
    shapes: set[str] = set()
    if len(text.strip()) < _SHORT:
        shapes.add("short")
    letter_words = _LETTER_WORD.findall(text)
    loud = sum(1 for word in letter_words if word.isupper())
    if loud >= 3 and 3 * loud >= len(letter_words):
        shapes.add("all-caps-words")
    plain = folding.normalise(text, shapes)

    hosts: list[str] = []
    for link in links[:_MAX_DOMAINS]:
        hosts.append(_host(folding.normalise(link[:2000], set())))

    def take_url(match: re.Match[str]) -> str:
        if len(hosts) < _MAX_DOMAINS:
            hosts.append(_host(match[0]))
        return " "

    def take_email(match: re.Match[str]) -> str:
        if len(hosts) < _MAX_DOMAINS:
            hosts.append(match[1])
        return " "

    plain = _URL.sub(take_url, plain)
    if "@" in plain:  # The pattern costs a few dozen steps a character.
        plain = _EMAIL.sub(take_email, plain)
    plain = _BARE_DOMAIN.sub(take_url, plain)
    if _MONEY.search(plain):
        shapes.add("money")
    joined = folding.join_spaced(plain)
    if joined != plain or _LEET_INSIDE.search(plain):
        shapes.add("obfuscated")
    plain = joined

    found = dict.fromkeys(f"shape:{shape}" for shape in sorted(shapes))
    found.update(dict.fromkeys(f"d:{d}" for host in hosts if (d := _registrable(host))))
    author = _words(folding.normalise(author_name[:200], set()))
    for _, (forms, spelling) in zip(range(_MAX_AUTHOR_WORDS), author, strict=False):
        found[f"a:{spelling or forms[0]}"] = None
    for forms, _spelling in _words(plain):
        if len(found) >= MAX_FEATURES:
            break
        if forms[0] not in lexicon.STOPWORDS:
            found.update(dict.fromkeys(f"w:{form}" for form in forms))
    return frozenset(list(found)[:MAX_FEATURES])


def _words(plain: str) -> Iterable[tuple[list[str], str]]:
    """Yields, for each word of normalised text, its word features and its spelling with
    disguises undone."""
    for match in _TOKEN.finditer(plain):
        word = match[0]
        if word.isdigit():
            yield [word[:_MAX_WORD_LENGTH]], ""
            continue
        word = word[: 4 * _MAX_WORD_LENGTH]
        typed = word[:_MAX_WORD_LENGTH]
        forms = [typed]
        if _REPEATED.search(word):
            # A letter typed three times or more stands for two (freeee) or one (viaaagra).
            typed = _REPEATED.sub(r"\1\1", word)[:_MAX_WORD_LENGTH]
            forms = list(dict.fromkeys([typed, _REPEATED.sub(r"\1", word)[:_MAX_WORD_LENGTH]]))
        if (
            not _LEETISH.search(typed)
            or _PLAIN_NUMBER.search(typed)
            or sum(1 for ch in typed if ch.isalpha()) < 2
        ):
            yield forms, typed.replace("'", "")
            continue
        read = typed.translate(_LEET)
        forms = list(dict.fromkeys(forms + [form.translate(_LEET) for form in forms]))
        if "1" in typed:
            forms.append(typed.replace("1", "l").translate(_LEET))
        yield forms, read.replace("'", "")


def _host(url: str) -> str:
    """Returns the host name in a URL, or the URL itself if it has no host part."""
    rest = url.strip().casefold()
    rest = rest[match.end() :] if (match := _SCHEME.match(rest)) else rest
    rest = re.split(r"[/?#\\\s]", rest, maxsplit=1)[0].rpartition("@")[2]
    run = _HOST_RUN.match(rest)
    return run[0].strip(".-_") if run else ""


def _registrable(host: str) -> str | None:
    """Returns the part of a host name one registers (``x.co.ke`` of ``www.x.co.ke``)."""
    labels = host.split(".")
    if len(labels) < 2 or not all(labels):
        return None
    if len(labels) == 4 and all(label.isdigit() for label in labels):
        return host  # An IP address.
    keep = 3 if len(labels[-1]) == 2 and labels[-2] in _SECOND_LEVEL and len(labels) > 2 else 2
    return ".".join(labels[-keep:])[: MAX_FEATURE_LENGTH - 2]


def score(
    found: frozenset[str], counts: Mapping[str, Counts], *, spam_documents: int, ham_documents: int
) -> Score:
    """Returns how likely the comment with features ``found`` is spam, given how often each
    feature was seen in spam and in ham: 0.5 when nothing telling is known. ``counts`` needs
    only the features in ``found``."""
    spam_documents = min(max(0, spam_documents), _COUNT_CEILING)
    ham_documents = min(max(0, ham_documents), _COUNT_CEILING)
    clues: list[tuple[float, str]] = []
    for feature in found:
        seen = counts.get(feature)
        if seen is None:
            continue
        probability = _feature_probability(seen, spam_documents, ham_documents)
        if probability is not None and abs(probability - 0.5) >= MIN_DISTANCE:
            clues.append((probability, feature))
    # Equal strength goes to the more readable feature, then to the name, so the
    # choice never depends on the order of ``found``.
    clues.sort(key=lambda clue: (-abs(clue[0] - 0.5), _kind(clue[1]), clue[1]))
    clues = clues[:MAX_CLUES]
    if not clues:
        return Score(probability=0.5, evidence=())
    degrees = 2 * len(clues)
    spamminess = 1 - _chi2_survival(-2 * sum(math.log(1 - p) for p, _ in clues), degrees)
    hamminess = 1 - _chi2_survival(-2 * sum(math.log(p) for p, _ in clues), degrees)
    probability = min(1.0, max(0.0, (1 + spamminess - hamminess) / 2))
    evidence = tuple((feature, p) for p, feature in clues[:EVIDENCE_SIZE])
    return Score(probability=probability, evidence=evidence)


def _feature_probability(seen: Counts, spam_documents: int, ham_documents: int) -> float | None:
    """Returns Robinson's f(w), or None when the counts say nothing."""
    spam = min(max(0, seen.spam), _COUNT_CEILING)
    ham = min(max(0, seen.ham), _COUNT_CEILING)
    spam_ratio = min(1.0, spam / spam_documents) if spam_documents else 0.0
    ham_ratio = min(1.0, ham / ham_documents) if ham_documents else 0.0
    if spam_ratio + ham_ratio == 0:
        return None
    share = spam_ratio / (spam_ratio + ham_ratio)
    f = (STRENGTH * ASSUMED + (spam + ham) * share) / (STRENGTH + spam + ham)
    return min(1 - _EPSILON, max(_EPSILON, f))


def _chi2_survival(chi2: float, degrees: int) -> float:
    """Returns P(X >= chi2) for X chi-squared with an even number of degrees of freedom."""
    half = chi2 / 2
    if half <= 0:
        return 1.0
    # The series e^-m · Σ m^i / i!, summed in logarithms: no term exceeds 1, and
    # none overflows however large m grows.
    log_half, log_term, total = math.log(half), -half, 0.0
    for i in range(degrees // 2):
        if i:
            log_term += log_half - math.log(i)
        total += math.exp(log_term)
    return min(total, 1.0)


_KINDS = ("w:", "d:", "a:", "shape:")
_SHAPE_LABELS = {
    "money": "a sum of money",
    "all-caps-words": "shouting",
    "short": "very short",
    "obfuscated": "disguised letters",
}


def _kind(feature: str) -> int:
    return next((i for i, kind in enumerate(_KINDS) if feature.startswith(kind)), len(_KINDS))


def _label(feature: str) -> str:
    kind, _, value = feature.partition(":")
    if kind == "shape":
        return _SHAPE_LABELS.get(value, value)
    if kind == "a":
        return f"name {value}"
    return value


def explain(result: Score, limit: int = 5) -> str:
    """Returns a line for moderators with the score and the telling features,
    e.g. "filter score 0.97: spam-like viagra, bit.ly"."""
    head = f"filter score {result.probability:.2f}"
    shown: dict[str, float] = {}
    for feature, probability in result.evidence:
        if len(shown) < limit:
            shown.setdefault(_label(feature), probability)
    spam_like = [label for label, p in shown.items() if p > 0.5]
    ham_like = [label for label, p in shown.items() if p < 0.5]
    parts = [
        (f"spam-like {', '.join(spam_like)}", spam_like),
        (f"ham-like {', '.join(ham_like)}", ham_like),
    ]
    if result.probability < 0.5:
        parts.reverse()
    said = [text for text, labels in parts if labels]
    return f"{head}: {'; '.join(said)}" if said else f"{head}: nothing telling is known"


@dataclass
class Model:
    """Counts kept in memory, for tests, benchmarks and training sets."""

    counts: dict[str, Counts] = field(default_factory=dict)
    spam_documents: int = 0
    ham_documents: int = 0

    def add(self, found: Iterable[str], *, spam: bool) -> None:
        """Counts one more spam (or ham) document with the features ``found``."""
        self._change(found, spam=spam, by=1)

    def remove(self, found: Iterable[str], *, spam: bool) -> None:
        """Takes back ``add(found, spam=spam)``; counts never go below zero."""
        self._change(found, spam=spam, by=-1)

    def learn(
        self, text: str, *, spam: bool, author_name: str = "", links: Sequence[str] = ()
    ) -> None:
        self.add(features(text, author_name=author_name, links=links), spam=spam)

    def unlearn(
        self, text: str, *, spam: bool, author_name: str = "", links: Sequence[str] = ()
    ) -> None:
        self.remove(features(text, author_name=author_name, links=links), spam=spam)

    def score(self, text: str, *, author_name: str = "", links: Sequence[str] = ()) -> Score:
        found = features(text, author_name=author_name, links=links)
        return score(
            found,
            self.counts,
            spam_documents=self.spam_documents,
            ham_documents=self.ham_documents,
        )

    def _change(self, found: Iterable[str], *, spam: bool, by: int) -> None:
        if spam:
            self.spam_documents = max(0, self.spam_documents + by)
        else:
            self.ham_documents = max(0, self.ham_documents + by)
        for feature in set(found):
            old = self.counts.get(feature, Counts(spam=0, ham=0))
            new = Counts(
                spam=max(0, old.spam + by) if spam else old.spam,
                ham=old.ham if spam else max(0, old.ham + by),
            )
            if new.spam or new.ham:
                self.counts[feature] = new
            else:
                self.counts.pop(feature, None)
