"""The learning spam filter: features, scores, learning and unlearning, speed and properties."""

from __future__ import annotations

import os
import subprocess
import sys
from collections.abc import Callable

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from maoni.moderation.classifier import (
    MAX_FEATURE_LENGTH,
    MAX_FEATURES,
    Counts,
    Model,
    Score,
    explain,
    features,
    score,
)
from tests.growth import growth

# Reader comments written for these tests, in the English, Swahili and Sheng
# of the site's readers. Nothing here is copied from real comments.
HAM = [
    "The county should fix the Thika road drainage before the long rains start.",
    "Serikali inafaa kuwalipa walimu mishahara yao kwa wakati, hii ni aibu kubwa.",
    "Great analysis of the budget, but the article ignores what happens to farmers.",
    "Harambee Stars walicheza vizuri sana jana, kocha anastahili pongezi.",
    "I disagree with the writer: the new housing levy hurts people on small salaries.",
    "Hii barabara ya Mombasa imekuwa mbaya kwa miaka mingi, wabunge wako wapi?",
    "Thanks for covering the floods in Budalangi, families there need real help.",
    "Maji ya mvua yameharibu mashamba yetu, tunaomba msaada wa serikali ya kaunti.",
    "The referee was terrible in the second half, that penalty was never a foul.",
    "Wasee, hii story ya matatu fare kupanda inatuumiza sana sisi wa mtaa.",
    "Can the editors explain where the figures on unemployment come from?",
    "Nakubaliana na mwandishi, elimu ya bure ni haki ya kila mtoto Kenya.",
    "My grandmother remembers when this market was built, sad to see it demolished.",
    "Bunge linapaswa kujadili ripoti hii ya ufisadi kabla ya uchaguzi ujao.",
    "Good reporting on the hospital strike, the nurses deserve better pay.",
]
SPAM = [
    "Bet on tonight's matches at kasino.xyz and get a 200% bonus, jackpot guaranteed!",
    "Jiunge na casino bora Kenya, bonus ya bure kila siku, bet sasa http://bit.ly/kasinoBet",
    "Instant loans without CRB check, get Ksh 50,000 in 5 minutes, WhatsApp 0712345678",
    "Mkopo wa haraka bila CRB! Pata pesa leo, tuma jina kwa WhatsApp +254 722 000 111",
    "Double your bitcoin in 24 hours, invest USD 100 and receive USD 200 guaranteed profit",
    "Crypto investment: send BTC, get double back, guaranteed returns, www.crypto-double.top",
    "Buy viagra and cialis online cheap, no prescription needed, fast delivery pharmacy",
    "Cheap v1agra pills, discreet delivery, best online pharmacy prices http://pills.example.ru",
    "Kazi ya online kutoka nyumbani, lipwa Ksh 3,000 kila siku, tuma ujumbe WhatsApp 0700111222",
    "Work from home job, earn $500 weekly, no experience needed, WhatsApp me now +254711222333",
    "EARN MONEY FAST!!! CLICK HERE FOR FREE BONUS http://bit.ly/freecash",
    "Shinda jackpot ya milioni leo, bet na sisi, bonus ya kukaribisha ni shilingi 1000",
    "Get quick loan approval today, low interest, no guarantor, call 0733444555",
    "Forex and bitcoin account manager, double profit every week, WhatsApp +254 700 999 888",
    "Casino online free spins, deposit bonus 300%, play now at www.lucky-spins.xyz",
]
HELD_OUT_SPAM = [
    "Mega casino bonus tonight, bet now and win the jackpot at kasino.xyz",
    "Need a loan? Instant loans, no CRB, WhatsApp 0799888777 today",
    "Invest in bitcoin and double your money, guaranteed profit, WhatsApp +254 733 111 222",
    "Cheap viagra pills online pharmacy, no prescription, fast discreet delivery",
    "Kazi ya online, lipwa Ksh 2,000 kila siku, tuma ujumbe WhatsApp 0722333444",
]
HELD_OUT_HAM = [
    "The county government must explain why the road drainage was never fixed.",
    "Serikali ya kaunti inafaa kuwasaidia wakulima baada ya mvua kuharibu mashamba.",
    "Harambee Stars played well but the referee ignored a clear foul in the second half.",
    "Walimu na nurses wanastahili mishahara bora, serikali na bunge zijadili hili.",
    "Thanks to the editors for reporting on the hospital, families need help.",
]


@pytest.fixture
def model() -> Model:
    trained = Model()
    for text in HAM:
        trained.learn(text, spam=False)
    for text in SPAM:
        trained.learn(text, spam=True)
    return trained


@pytest.mark.parametrize(
    "typed",
    [
        "viagra",
        "VIAGRA",
        "v1agra",
        "vi@gra",
        "V I A G R A",
        "v.i.a.g.r.a",
        "vïagra",  # a diaeresis, precomposed
        "vi\u0308agra",  # the same, decomposed
        "ｖｉａｇｒａ",  # full-width
        "𝐯𝐢𝐚𝐠𝐫𝐚",  # mathematical bold
        "v\u0456agra",  # a Cyrillic i
        "v\u0456\u0430gr\u0430",  # a Cyrillic i and two Cyrillic a
        "V\u0406\u0410GR\u0410",  # capital Cyrillic I and A
        "vi\u200bag\u200dra",  # zero-width space and joiner
        "vi\u00adagra",  # a soft hyphen
        "viaaaagra",
    ],
)
def test_disguised_words_give_the_plain_word(typed: str) -> None:
    assert "w:viagra" in features(f"Buy {typed} now")


@pytest.mark.parametrize(
    ("typed", "word"),
    [
        ("c@sino", "w:casino"),
        ("fr33", "w:free"),
        ("m0ney", "w:money"),
        ("W h a t s A p p", "w:whatsapp"),
        ("wh@ts@pp", "w:whatsapp"),
        ("ca$h", "w:cash"),
        ("he11o", "w:hello"),  # 1 read as l
        ("b1tcoin", "w:bitcoin"),  # and as i
        ("don’t", "w:don't"),
        ("ng'ombe", "w:ng'ombe"),
    ],
)
def test_word_features(typed: str, word: str) -> None:
    assert word in features(typed)


@pytest.mark.parametrize(
    ("typed", "absent"),
    [
        # Numbers that belong to a word are no leetspeak.
        ("covid19", "w:covidi9"),
        ("b2b", "w:bib"),
        ("4g", "w:ag"),
        # Two or three single letters are initials, not a disguised word.
        ("U S A", "w:usa"),
        ("free!", "w:freei"),
    ],
)
def test_what_is_not_undone(typed: str, absent: str) -> None:
    assert absent not in features(typed)


@pytest.mark.parametrize(
    ("typed", "obfuscated"),
    [
        ("v1agra", True),
        ("c@sino", True),
        ("W h a t s A p p", True),
        ("ｆｒｅｅ", True),
        ("v\u0456agra", True),
        ("vi\u200bagra", True),
        ("fr33", False),  # Trailing digits are as likely a model number.
        ("José na Zoë", False),  # Accents are spelling, not disguise.
        ("Москва", False),  # A whole Cyrillic word is not mixed script.
        ("👨\u200d👩\u200d👧", False),  # Joiners inside emoji are how emoji are made.
    ],
)
def test_disguise_is_itself_a_feature(typed: str, obfuscated: bool) -> None:
    assert ("shape:obfuscated" in features(typed)) is obfuscated


@pytest.mark.parametrize(
    ("text", "absent"),
    [
        # Words every comment uses say nothing of spam, in English or Swahili.
        ("You have to look at the facts before you judge", {"w:have", "w:before", "w:you"}),
        ("Hii ni kweli kabisa, lakini bado", {"w:hii", "w:ni", "w:kweli", "w:lakini"}),
        # Letter triples made common words look like spam: they are not read.
        ("the market", {"c:mar", "c:ark", "c:ket"}),
    ],
)
def test_common_words_and_letter_triples_are_no_features(text: str, absent: set[str]) -> None:
    found = features(text)
    assert not absent & found
    assert not any(feature.startswith("c:") for feature in found)


@pytest.mark.parametrize(
    ("text", "links", "domains"),
    [
        ("see http://bit.ly/abc", (), {"d:bit.ly"}),
        ("HTTPS://WWW.Example.COM/path?q=1", (), {"d:example.com"}),
        ("www.nation.co.ke/news", (), {"d:nation.co.ke"}),
        ("go to https://shop.deals.example.org.uk:8080/x", (), {"d:example.org.uk"}),
        ("http://user@evil.example.net/", (), {"d:example.net"}),
        ("hxxp://kasino.xyz", (), {"d:kasino.xyz"}),
        ("bet at kasino.xyz, now", (), {"d:kasino.xyz"}),
        ("(see http://a.example.com)", (), {"d:example.com"}),
        ("write to jobs@hiring.example.com", (), {"d:example.com"}),
        ("http://192.168.1.1/login", (), {"d:192.168.1.1"}),
        ("http://b\u0456t.ly/x", (), {"d:bit.ly"}),  # a Cyrillic i in the host
        ("nice post", ("https://www.Spam.Example.com/x",), {"d:example.com"}),
        ("nice post", ("bit.ly/abc",), {"d:bit.ly"}),
        ("it ended.Then we left", (), set()),
        ("http://localhost/", (), set()),
    ],
)
def test_domains(text: str, links: tuple[str, ...], domains: set[str]) -> None:
    found = features(text, links=links)
    assert {f for f in found if f.startswith("d:")} == domains


@pytest.mark.parametrize(
    ("text", "shape", "present"),
    [
        # Links, addresses and phone numbers are the content checks' to judge
        # (maoni.moderation.signs): the filter weighs words, and would otherwise
        # count the same evidence twice.
        ("read http://example.com", "shape:has-url", False),
        ("write to x@example.com", "shape:email", False),
        ("WhatsApp 0712345678 now", "shape:phone-number", False),
        ("pay Ksh 500 today", "shape:money", True),
        ("pay KSh.500 today", "shape:money", True),
        ("earn $500 weekly", "shape:money", True),
        ("earn USD 200", "shape:money", True),
        ("earn €50", "shape:money", True),
        ("fare is 100/= now", "shape:money", True),
        ("nilipata shilingi mia", "shape:money", True),
        ("push 5 buttons", "shape:money", False),
        ("EARN MONEY FAST CLICK HERE", "shape:all-caps-words", True),
        ("NASA and the ESA launched a probe with JAXA help today", "shape:all-caps-words", False),
        ("Asante sana", "shape:short", True),
        ("This comment is long enough to be ordinary.", "shape:short", False),
    ],
)
def test_shapes(text: str, shape: str, present: bool) -> None:
    assert (shape in features(text)) is present


def test_author_name_gives_its_own_features() -> None:
    found = features("hello", author_name="L0an Agent")
    assert {"a:loan", "a:agent"} <= found
    assert "w:loan" not in found


def test_a_long_comment_keeps_its_features_within_bounds() -> None:
    text = " ".join(f"word{chr(97 + i % 26)}{chr(97 + i // 26 % 26)}x" for i in range(2000))
    found = features(text + " http://example.com")
    assert len(found) <= MAX_FEATURES
    assert "d:example.com" in found
    assert any(f.startswith("w:") for f in found)


def test_empty_model_knows_nothing() -> None:
    result = Model().score("Bet now at kasino.xyz, WhatsApp 0712345678")
    assert result == Score(probability=0.5, evidence=())
    assert explain(result) == "filter score 0.50: nothing telling is known"


def test_trained_model_separates_held_out_comments(model: Model) -> None:
    spam = {text: model.score(text).probability for text in HELD_OUT_SPAM}
    ham = {text: model.score(text).probability for text in HELD_OUT_HAM}
    assert all(p > 0.9 for p in spam.values()), spam
    # Without letter triples, Swahili words never seen give no evidence either way.
    assert all(p < 0.2 for p in ham.values()), ham


def test_one_decision_teaches_a_new_word(model: Model) -> None:
    comment = "Karibu kasinoxyz, habari njema kwa wote"
    before = model.score(comment).probability
    model.learn("Cheza kasinoxyz upate zawadi", spam=True)
    after = model.score(comment)
    assert after.probability > before
    assert "w:kasinoxyz" in dict(after.evidence)
    assert "kasinoxyz" in explain(after)


def test_unlearning_restores_the_counts_exactly(model: Model) -> None:
    before = (dict(model.counts), model.spam_documents, model.ham_documents)
    model.learn("Mkopo mpya bila CRB, WhatsApp 0799000111", spam=True, author_name="Loans")
    model.unlearn("Mkopo mpya bila CRB, WhatsApp 0799000111", spam=True, author_name="Loans")
    assert (model.counts, model.spam_documents, model.ham_documents) == before


def test_a_reversed_decision_moves_the_lesson(model: Model) -> None:
    text = "Kasinoxyz ni mahali pazuri pa kukutana na marafiki"
    model.learn(text, spam=True)
    model.unlearn(text, spam=True)
    model.learn(text, spam=False)
    assert model.counts["w:kasinoxyz"] == Counts(spam=0, ham=1)
    assert model.score(text).probability < 0.5


def test_unlearning_what_was_never_learnt_stays_at_zero() -> None:
    model = Model()
    model.unlearn("never seen", spam=True)
    assert (model.counts, model.spam_documents, model.ham_documents) == ({}, 0, 0)


@pytest.mark.parametrize(
    ("probability", "evidence", "limit", "line"),
    [
        (
            0.97,
            (("w:viagra", 0.97), ("d:bit.ly", 0.95), ("w:habari", 0.2)),
            5,
            "filter score 0.97: spam-like viagra, bit.ly; ham-like habari",
        ),
        (
            0.03,
            (("w:serikali", 0.05), ("shape:money", 0.8), ("a:tips", 0.9)),
            5,
            "filter score 0.03: ham-like serikali; spam-like a sum of money, name tips",
        ),
        (
            0.9,
            (("w:bet", 0.9), ("w:bonus", 0.9), ("w:jackpot", 0.9)),
            2,
            "filter score 0.90: spam-like bet, bonus",
        ),
        # The words of obfuscated spellings read the same: each is named once.
        (
            0.9,
            (("w:viagra", 0.9), ("w:v1agra", 0.9)),
            5,
            "filter score 0.90: spam-like viagra, v1agra",
        ),
    ],
)
def test_explain(
    probability: float, evidence: tuple[tuple[str, float], ...], limit: int, line: str
) -> None:
    assert explain(Score(probability=probability, evidence=evidence), limit=limit) == line


def test_features_and_scores_do_not_depend_on_the_hash_seed() -> None:
    # Sets iterate in an order that changes with PYTHONHASHSEED; which features a
    # long comment keeps, and which evidence ties are shown, must not.
    program = (
        "from maoni.moderation.classifier import Model, features\n"
        "text = ' '.join(f'neno{i} w{i}rd' for i in range(3000))\n"
        "model = Model()\n"
        "model.learn(text[:5000], spam=True)\n"
        "model.learn(text[5000:9000], spam=False)\n"
        "print(sorted(features(text)), model.score(text))\n"
    )
    outputs = {
        subprocess.run(
            [sys.executable, "-c", program],
            capture_output=True,
            text=True,
            check=True,
            env={**os.environ, "PYTHONHASHSEED": seed, "PYTHONPATH": os.getcwd()},
        ).stdout
        for seed in ("1", "2", "3")
    }
    assert len(outputs) == 1


@pytest.mark.parametrize(
    ("counts", "spam_documents", "ham_documents", "expected"),
    [
        # Seen once, in spam: Robinson's (s·x + n·p) / (s + n) = (0.5 + 1·1) / 2.
        (Counts(spam=1, ham=0), 10, 10, 0.75),
        (Counts(spam=0, ham=1), 10, 10, 0.25),
        (Counts(spam=3, ham=0), 10, 10, 0.875),
        # In 10% of spam and 1% of ham: p = 0.1 / 0.11, n = 2.
        (Counts(spam=1, ham=1), 10, 100, (0.5 + 2 * 0.1 / 0.11) / 3),
        # In as large a share of each corpus: no evidence either way.
        (Counts(spam=2, ham=2), 10, 10, None),
        (Counts(spam=1, ham=10), 10, 100, None),
    ],
)
def test_feature_probability(
    counts: Counts, spam_documents: int, ham_documents: int, expected: float | None
) -> None:
    result = score(
        frozenset({"w:x"}),
        {"w:x": counts},
        spam_documents=spam_documents,
        ham_documents=ham_documents,
    )
    if expected is None:
        assert result == Score(probability=0.5, evidence=())
    else:
        [(feature, probability)] = result.evidence
        assert feature == "w:x"
        assert probability == pytest.approx(expected)
        # Fisher's method on a single clue gives back that clue's probability.
        assert result.probability == pytest.approx(expected)


def test_evidence_is_strongest_first_and_bounded() -> None:
    counts = {f"w:{i}": Counts(spam=i, ham=0) for i in range(1, 30)}
    result = score(frozenset(counts), counts, spam_documents=30, ham_documents=30)
    assert [f for f, _ in result.evidence] == [f"w:{i}" for i in range(29, 21, -1)]
    assert result.probability > 0.99


@pytest.mark.parametrize(
    ("counts", "spam_documents", "ham_documents"),
    [
        ({"w:x": Counts(spam=5, ham=0)}, 0, 0),  # Counts with no documents behind them.
        ({"w:x": Counts(spam=-3, ham=7)}, 2, 2),
        ({"w:x": Counts(spam=10**30, ham=0)}, 10**30, 1),
        ({"w:x": Counts(spam=10**9, ham=0), "w:y": Counts(spam=0, ham=10**9)}, 10**9, 10**9),
    ],
)
def test_inconsistent_counts_still_give_a_probability(
    counts: dict[str, Counts], spam_documents: int, ham_documents: int
) -> None:
    result = score(
        frozenset({"w:x", "w:y"}),
        counts,
        spam_documents=spam_documents,
        ham_documents=ham_documents,
    )
    assert 0 <= result.probability <= 1


# Pathological inputs for the patterns: each must take time linear in its length.
PATHOLOGICAL: dict[str, Callable[[int], str]] = {
    "one long word": lambda n: "a" * n,
    "long run of digits": lambda n: "1" * n,
    "spaced digits": lambda n: "1 " * (n // 2),
    "spaced letters": lambda n: "a " * (n // 2),
    "spaced letters, broken": lambda n: "a b c dd " * (n // 9),
    "local parts without @": lambda n: "a." * (n // 2),
    "e-mail with endless dots": lambda n: "a@" + "b." * (n // 2),
    "@ over and over": lambda n: "a@" * (n // 2),
    "dotted labels": lambda n: ("a" * 60 + ".") * (n // 61),
    "schemes only": lambda n: "http://" * (n // 7),
    "www. over and over": lambda n: "www." * (n // 4),
    "leet joined by symbols": lambda n: "a@" * (n // 2) + "a",
    "repeated letters": lambda n: "aaab" * (n // 4),
    "money-like": lambda n: "ksh " * (n // 4),
    "zero-width between letters": lambda n: "a\u200b" * (n // 2),
    "many distinct words": lambda n: " ".join(f"w{i}" for i in range(n // 6)),
}


@pytest.mark.parametrize("build", PATHOLOGICAL.values(), ids=PATHOLOGICAL.keys())
def test_pathological_input_takes_linear_time(build: Callable[[int], str]) -> None:
    # Eight times the input should take about eight times as long; quadratic
    # time would take 64 times. Longer texts are cut, so the sizes stay within it.
    ratio = growth(features, build, 2_500)
    assert ratio < 30


# Pieces that make words, disguises, links and numbers likely in generated text.
PIECES = [
    "a", "e", "i", "o", "u", "k", "s", "1", "0", "7", "@", "$", "!", "|", "'", " ", ".", "-", "/",
    ":", "+", "\u200b", "\u0456", "ａ", "\u0301", "http://", "www.", ".com", ".co.ke", "@x.",
    "ksh", "€", "casino",
]  # fmt: skip
TEXT = st.lists(st.one_of(st.characters(), st.sampled_from(PIECES)), max_size=200).map("".join)


@given(
    text=TEXT, author_name=st.text(max_size=80), links=st.lists(st.text(max_size=80), max_size=5)
)
@settings(max_examples=300, deadline=None)
def test_features_are_bounded_and_deterministic(
    text: str, author_name: str, links: list[str]
) -> None:
    found = features(text, author_name=author_name, links=links)
    assert len(found) <= MAX_FEATURES
    assert all(0 < len(f) <= MAX_FEATURE_LENGTH for f in found)
    assert found == features(text, author_name=author_name, links=links)


@given(text=TEXT)
@settings(max_examples=200, deadline=None)
def test_score_stays_a_probability(text: str) -> None:
    trained = Model()
    for example in HAM[:5]:
        trained.learn(example, spam=False)
    for example in SPAM[:5]:
        trained.learn(example, spam=True)
    result = trained.score(text)
    assert 0 <= result.probability <= 1
    assert all(0 < p < 1 for _, p in result.evidence)
    assert explain(result).startswith("filter score ")


@given(texts=st.lists(st.tuples(TEXT, st.booleans()), max_size=6), extra=TEXT, spam=st.booleans())
@settings(max_examples=100, deadline=None)
def test_unlearning_undoes_learning(texts: list[tuple[str, bool]], extra: str, spam: bool) -> None:
    trained = Model()
    for text, is_spam in texts:
        trained.learn(text, spam=is_spam)
    before = (dict(trained.counts), trained.spam_documents, trained.ham_documents)
    trained.learn(extra, spam=spam)
    trained.unlearn(extra, spam=spam)
    assert (trained.counts, trained.spam_documents, trained.ham_documents) == before
