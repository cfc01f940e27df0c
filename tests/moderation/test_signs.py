"""The content checks that need no training: one row per sign, and per reason."""

from __future__ import annotations

import pytest

from maoni.moderation.signs import held_for, read

FUEL = (
    "Petrol rises to Sh217 a litre\n"
    "The energy regulator raised the price of petrol and diesel in its monthly review, "
    "saying the shilling has weakened. Matatu owners warned that fares will go up."
)


@pytest.mark.parametrize(
    ("text", "contacts"),
    [
        ("WhatsApp 0722 123 456 for details", ("a phone number", "a messaging contact")),
        ("Call +254-733-610-274 today", ("a phone number",)),
        ("zero seven two two 1 2 3 4 5", ("a phone number",)),
        ("Write to offers@mail.example now", ("an e-mail address",)),
        ("Join t.me/tips254 for more", ("a messaging contact",)),
        # Numbers that are no phone: counts, amounts, a key held down.
        ("860,000,000 views and counting", ()),
        ("BEST SONG EVER X3333333333", ()),
        ("The budget is 3 400 000 000 shillings", ()),
        ("Only trust the official SMS from the council", ()),
    ],
)
def test_contacts(text: str, contacts: tuple[str, ...]) -> None:
    assert read(text).contacts == contacts


@pytest.mark.parametrize(
    ("text", "reason"),
    [
        (
            "Need a quick loan without CRB check? WhatsApp 0722 123 456 now",
            "a phone number and a messaging contact with an offer: loans",
        ),
        (
            "Mganga wa kienyeji, kurudisha mpenzi. Piga simu 0733 444 555",
            "a phone number and a messaging contact with an offer: spiritual healing",
        ),
        (
            "Great article, thanks for sharing! Visit www.bestdeals.example for more.",
            "a link with praise that would fit any article",
        ),
        (
            "Affordable plots in Kitengela with title deeds, visit www.plots.example today",
            "a link under an article it has nothing to do with",
        ),
        ("Please subscribe to my channel for daily covers", None),
        (
            "Check out my channel https://video.example/c/covers",
            "promotes the writer's own channel, page or business",
        ),
        (
            "Buy Instagram followers cheap at likes4u.example",
            "sells followers, likes or links",
        ),
        # Sending readers to one's own work needs no link: the name is enough to find it.
        (
            "Have a look at my new cooking channel, thank you!",
            "promotes the writer's own channel, page or business",
        ),
        (
            "Go listen to our latest mixtape, we drop every Friday",
            "promotes the writer's own channel, page or business",
        ),
        (
            "Pls subscribe to me, I subscribe back",
            "promotes the writer's own channel, page or business",
        ),
        (
            "Tazama video yangu mpya, utaipenda",
            "promotes the writer's own channel, page or business",
        ),
        # A bare link that shares no word with the article.
        ("https://deals.example/summer-sale", "a link with nothing said about the article"),
        ("see www.fastcash.example", "a link with nothing said about the article"),
    ],
)
def test_spam_is_held_with_a_reason(text: str, reason: str | None) -> None:
    reasons = held_for(read(text, topic=FUEL))
    assert reasons
    if reason is not None:
        assert reason in reasons


@pytest.mark.parametrize(
    "text",
    [
        "You have to look at the facts. The money is not there and before the election "
        "they promised cheaper fuel.",
        "I took a Fuliza loan to pay fare last week. Pole to all of us.",
        "These betting companies are finishing our youth, and now petrol too.",
        "Someone hacked my M-Pesa and Safaricom did nothing. Now fares go up.",
        "The regulator's full price list is at www.epra.example.go.ke/fuel-prices",
        # A hotline in Swahili under an English article shares no word with it.
        "Kituo kikikuuzia juu ya bei, ripoti kwa kupiga 0800 555 118 bila malipo.",
        "Great article! Petrol at Sh217 is madness.",
        "The market in Gikomba is quiet, nobody is buying.",
        "Asante sana",
        # Readers speak of their own blog or children; they do not send others there.
        "I watch my son take a matatu every morning and the fare doubles.",
        "Listen to my words: diesel will hit Sh250 by March.",
        "I wrote on my blog last year that the regulator would do this.",
        # A bare link to a report on the article's subject.
        "https://www.epra.example.go.ke/petrol-diesel-price-review",
    ],
)
def test_ordinary_comments_are_not_held(text: str) -> None:
    assert held_for(read(text, topic=FUEL)) == []


def test_without_the_article_no_comment_is_called_unrelated() -> None:
    text = "Affordable plots in Kitengela with title deeds, visit www.plots.example today"
    assert read(text, topic=FUEL).unrelated
    assert not read(text).unrelated


def test_disguised_words_are_read() -> None:
    signs = read("W h a t s A p p me: zero seven one two 3 4 5 6 for l0ans")
    assert "a messaging contact" in signs.contacts
    assert "a phone number" in signs.contacts
