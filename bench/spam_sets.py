"""The labelled sets bench/spam.py measures, each split so that no text is shared.

Pure: reads files, returns plain values; Django is not imported here. Each set
says where its texts came from, what part a site may learn from (its own
traffic, decided by moderators) and what part it is measured on.
"""

from __future__ import annotations

import json
import random
import re
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
OWN = ROOT / "bench" / "data" / "comments.jsonl"
HELDOUT = ROOT / "bench" / "data" / "heldout"
TUNING = ROOT / "tests" / "moderation" / "data"

# The own corpus, split by where its fragments come from. Ham and on-topic
# spam (which opens with the ham sentences of its article) are drawn from
# per-article pools: these articles are measured, the other seven learnt
# from. Other spam kinds have their own pools: these kinds are measured.
# Chosen among 300 seeded draws as the split sharing the fewest sentences.
OWN_TEST_ARTICLES = frozenset(
    {"elections-tallying", "harambee-stars", "hospital-wing", "long-rains", "matatu-fares"}
)
OWN_TEST_SPAM_KINDS = frozenset({"casino-betting", "crypto", "loan", "obfuscated"})
BY_ARTICLE_SPAM_KINDS = frozenset({"on-topic-spam"})
SHUFFLE_SEED = 2026

_WORD = re.compile(r"\w+")
_SENTENCE_END = re.compile(r"[.!?\n]+")
# A sentence shorter than this many words ("Asante sana.") is common speech, not a fragment.
SENTENCE_WORDS = 4
RUN_WORDS = 4


@dataclass(frozen=True)
class Item:
    id: str
    spam: bool
    kind: str
    article: str
    body: str
    author_name: str = ""
    author_email: str = ""


@dataclass(frozen=True)
class Page:
    title: str
    body: str = ""


@dataclass
class EvalSet:
    """A set to measure: ``test`` is judged; ``train`` is the site's traffic to learn from."""

    name: str
    source: str
    test: list[Item]
    pages: dict[str, Page]
    train: list[Item] = field(default_factory=list)
    # Whose training traffic the learning curve uses: this set's, the own
    # corpus's ("own"), or none (fresh site only).
    curve: str = "self"
    show_text: bool = True
    notes: list[str] = field(default_factory=list)

    @property
    def has_spam(self) -> bool:
        return any(item.spam for item in self.test)


# ---------------------------------------------------------------------------
# Overlap: what a test text shares, word for word, with what was learnt from.


def words(text: str) -> list[str]:
    return _WORD.findall(text.casefold())


def sentences(text: str) -> list[str]:
    """The text's sentences of SENTENCE_WORDS words or more, as lower-case words."""
    found = []
    for part in _SENTENCE_END.split(text):
        said = words(part)
        if len(said) >= SENTENCE_WORDS:
            found.append(" ".join(said))
    return found


def runs(text: str) -> set[str]:
    said = words(text)
    return {" ".join(said[i : i + RUN_WORDS]) for i in range(len(said) - RUN_WORDS + 1)}


@dataclass(frozen=True)
class Overlap:
    sentences: int
    shared_sentences: int
    runs: int
    shared_runs: int

    def line(self) -> str:
        def share(part: int, whole: int) -> str:
            return f"{part / whole:6.1%} of {whole:>5}" if whole else "     - of     0"

        return (
            f"sentences {share(self.shared_sentences, self.sentences)}, "
            f"4-word runs {share(self.shared_runs, self.runs)}"
        )


def overlap(learnt: Iterable[str], measured: Iterable[str]) -> Overlap:
    """How many of the measured texts' sentences and 4-word runs appear in the learnt ones."""
    known_sentences: set[str] = set()
    known_runs: set[str] = set()
    for text in learnt:
        known_sentences.update(sentences(text))
        known_runs.update(runs(text))
    said = [s for text in measured for s in sentences(text)]
    ran = [r for text in measured for r in runs(text)]
    return Overlap(
        sentences=len(said),
        shared_sentences=sum(s in known_sentences for s in said),
        runs=len(ran),
        shared_runs=sum(r in known_runs for r in ran),
    )


def without_shared_sentences(
    test: Sequence[Item], learnt: Iterable[str]
) -> tuple[list[Item], list[Item]]:
    """Splits ``test`` into items sharing no sentence with ``learnt``, and the others."""
    known = {s for text in learnt for s in sentences(text)}
    kept: list[Item] = []
    dropped: list[Item] = []
    for item in test:
        (dropped if any(s in known for s in sentences(item.body)) else kept).append(item)
    return kept, dropped


# ---------------------------------------------------------------------------
# Readers.


def _jsonl(path: Path) -> list[dict[str, str]]:
    with path.open(encoding="utf-8") as lines:
        return [json.loads(line) for line in lines if line.strip()]


def _item(row: dict[str, str]) -> Item:
    return Item(
        id=row["id"],
        spam=row["label"] == "spam",
        kind=row.get("kind", ""),
        article=row.get("article", ""),
        body=row["body"],
        author_name=row.get("author_name", ""),
        author_email=row.get("author_email", ""),
    )


def _own_is_test(item: Item) -> bool:
    if not item.spam or item.kind in BY_ARTICLE_SPAM_KINDS:
        return item.article in OWN_TEST_ARTICLES
    return item.kind in OWN_TEST_SPAM_KINDS


def own_set() -> EvalSet | str:
    if not OWN.exists():
        return f"own: no corpus at {OWN} (python bench/make_corpus.py writes it)"
    from bench.make_corpus import TOPICS

    items = [_item(row) for row in _jsonl(OWN)]
    random.Random(SHUFFLE_SEED).shuffle(items)
    train = [item for item in items if not _own_is_test(item)]
    split = [item for item in items if _own_is_test(item)]
    learnt = [item.body for item in train]
    test, dropped = without_shared_sentences(split, learnt)
    return EvalSet(
        name="own",
        source=f"{OWN.relative_to(ROOT)}: our own generator (bench/make_corpus.py)",
        train=train,
        test=test,
        pages={key: Page(title=str(topic["title"])) for key, topic in TOPICS.items()},
        notes=[
            "split by fragment pool: ham and on-topic spam of articles "
            f"{', '.join(sorted(OWN_TEST_ARTICLES))} and spam of kinds "
            f"{', '.join(sorted(OWN_TEST_SPAM_KINDS))} are measured; the rest is traffic",
            f"{len(dropped)} measured comments dropped for sharing a whole sentence with the "
            f"traffic ({sum(i.spam for i in dropped)} spam); "
            f"before that the overlap was: {_overlap_lines(split, learnt)}",
            "articles have their titles only (the corpus has no article text)",
        ],
    )


def _overlap_lines(test: Sequence[Item], learnt: Sequence[str]) -> str:
    parts = []
    for spam, label in ((False, "ham"), (True, "spam")):
        shared = overlap(learnt, [item.body for item in test if item.spam is spam])
        parts.append(f"{label} {shared.line()}")
    return "; ".join(parts)


def _jsonl_set(
    name: str, comments: Path, articles: Path
) -> tuple[list[Item], dict[str, Page]] | str:
    if not comments.exists() or not articles.exists():
        return f"{name}: {comments.relative_to(ROOT)} or {articles.name} is not there yet; skipped"
    pages = {
        row["slug"]: Page(title=row["title"], body=row.get("body", "")) for row in _jsonl(articles)
    }
    items = [_item(row) for row in _jsonl(comments)]
    # A comment under an article the file does not describe goes under a page titled by its slug.
    for item in items:
        pages.setdefault(item.article, Page(title=item.article or "untitled"))
    return items, pages


def heldout_set() -> EvalSet | str:
    read = _jsonl_set("heldout", HELDOUT / "comments.jsonl", HELDOUT / "articles.jsonl")
    if isinstance(read, str):
        return read
    items, pages = read
    return EvalSet(
        name="heldout",
        source=f"{HELDOUT.relative_to(ROOT)}: written apart, never learnt from or tuned on",
        test=items,
        pages=pages,
        curve="own",
        show_text=False,
        notes=["learning curve: decisions on the own corpus's traffic, not on this set"],
    )


def tuning_set() -> EvalSet | str:
    read = _jsonl_set(
        "tuning",
        TUNING / "spam_kinds.jsonl",
        TUNING / "spam_kinds_articles.jsonl",
    )
    if isinstance(read, str):
        return read
    items, pages = read
    return EvalSet(
        name="tuning",
        source=f"{TUNING.relative_to(ROOT)}/spam_kinds.jsonl: the set the checks were tuned on",
        test=items,
        pages=pages,
        curve="none",
        notes=["the checks were tuned on this set: its figures flatter them"],
    )
