"""The spam checks, through the comment form and the moderators' block-list page."""

from __future__ import annotations

import re
import time

import pytest
from django.core import signing

from maoni.comments.models import Comment
from maoni.moderation.models import BlockEntry, SpamSettings
from maoni.moderation.screening import form_stamp, thresholds
from tests.conftest import Reader

REJECTED = "Your comment could not be posted."


def stamp_from(html: str) -> str:
    match = re.search(r'name="form_stamp" value="([^"]+)"', html)
    assert match is not None
    return match.group(1)


def aged_stamp(seconds: float) -> str:
    return signing.dumps(time.time() - seconds, salt="maoni.moderation.form-shown")


def test_the_form_carries_a_stamp_and_a_hidden_honeypot(reader: Reader):
    html = reader.open()
    assert stamp_from(html)
    assert re.search(r'<div class="form-item-website" aria-hidden="true">', html)
    assert 'name="website" value="" tabindex="-1" autocomplete="off"' in html


def test_a_filled_honeypot_is_rejected_and_the_text_kept(reader: Reader):
    response = reader.post(body="Buy now", website="http://spam.example", form_stamp=aged_stamp(30))
    assert response.status_code == 400
    html = response.content.decode()
    assert REJECTED in html
    assert ">Buy now</textarea>" in html
    assert Comment.objects.count() == 0


def test_a_form_posted_too_fast_is_held_with_the_reason(reader: Reader, mod_client):
    html = reader.open()
    response = reader.post(html, body="Very quick typing indeed", form_stamp=stamp_from(html))
    assert response.status_code == 302
    comment = Comment.objects.get()
    assert comment.status == Comment.Status.PENDING
    assert comment.reasons == ["posted 0 s after the form was shown"]
    assert "posted 0 s after the form was shown" in mod_client.get("/moderation/").content.decode()


def test_a_form_posted_after_a_while_is_published(reader: Reader):
    response = reader.post(body="Thought about it first.", form_stamp=aged_stamp(45))
    assert response.status_code == 302
    assert Comment.objects.get().status == Comment.Status.PUBLISHED


def test_an_altered_stamp_is_held(reader: Reader):
    reader.post(body="Forged time", form_stamp=form_stamp() + "x")
    assert Comment.objects.get().reasons == ["the form's timestamp was missing or altered"]


def test_the_same_text_twice_is_held_the_second_time(reader: Reader):
    text = "The matatu fares in Kisumu went up again this morning"
    reader.post(body=text, form_stamp=aged_stamp(30))
    reader.post(body=text.upper() + "!!", form_stamp=aged_stamp(30))
    first, second = Comment.objects.order_by("id")
    assert first.status == Comment.Status.PUBLISHED
    assert second.status == Comment.Status.PENDING
    assert second.reasons == ["same text posted 1 times recently"]


def test_short_common_replies_are_not_duplicates(reader: Reader):
    for _ in range(3):
        reader.post(body="Asante sana!", form_stamp=aged_stamp(30))
    assert set(Comment.objects.values_list("status", flat=True)) == {"published"}


@pytest.mark.parametrize(
    ("kind", "value", "fields", "outcome"),
    [
        (BlockEntry.Kind.PHRASE, "kamari", {"body": "Cheza KAMARI leo"}, "held"),
        (
            BlockEntry.Kind.URL_DOMAIN,
            "odds.example",
            {"body": "https://mega.odds.example/x"},
            "rejected",
        ),
        (BlockEntry.Kind.EMAIL_DOMAIN, "spam.example", {"mail": "a@spam.example"}, "rejected"),
        (BlockEntry.Kind.NETWORK, "127.0.0.0/8", {}, "rejected"),
        # A typed address proves nothing: it is checked like any other
        # (a confirmed account's address: test_verified_trust.py).
        (
            BlockEntry.Kind.ALLOW_EMAIL,
            "friend@example.org",
            {
                "mail": "friend@example.org",
                "body": "x http://a.example http://b.example http://c.example",
            },
            "held",
        ),
    ],
)
def test_block_lists_apply_to_new_comments(reader: Reader, kind, value, fields, outcome):
    BlockEntry.objects.create(kind=kind, value=value)
    data = {"body": "An ordinary comment", "form_stamp": aged_stamp(30), **fields}
    response = reader.post(**data)
    if outcome == "rejected":
        assert response.status_code == 400
        assert REJECTED in response.content.decode()
        assert Comment.objects.count() == 0
    else:
        assert Comment.objects.get().status == ("pending" if outcome == "held" else "published")


def test_checks_can_be_turned_off(reader: Reader):
    SpamSettings.objects.create(
        min_seconds=0, max_links=0, duplicate_minutes=0, content_checks=False
    )
    html = reader.open()
    reader.post(
        html,
        body="http://a.example http://b.example http://c.example",
        form_stamp=stamp_from(html),
    )
    assert Comment.objects.get().status == Comment.Status.PUBLISHED


def test_moderators_keep_the_block_lists(mod_client, client_as):
    response = mod_client.post(
        "/moderation/block-lists/", {"kind": "network", "value": "192.0.2.7/24", "note": "flood"}
    )
    assert response.status_code == 302
    entry = BlockEntry.objects.get()
    assert entry.value == "192.0.2.0/24"
    page = mod_client.get("/moderation/block-lists/").content.decode()
    assert "192.0.2.0/24" in page
    assert "flood" in page
    for bad in [
        {"kind": "network", "value": "not an address"},
        {"kind": "url_domain", "value": "nodot"},
        {"kind": "email", "value": "no-at-sign"},
        {"kind": "network", "value": "192.0.2.0/24"},
        {"kind": "colour", "value": "red"},
    ]:
        response = mod_client.post("/moderation/block-lists/", bad)
        assert response.status_code == 400
        assert (
            'class="field-error"' in response.content.decode()
            or "Select a valid choice" in response.content.decode()
        )
    mod_client.post("/moderation/block-lists/", {"remove": str(entry.pk)})
    assert not BlockEntry.objects.exists()
    assert client_as("reader").get("/moderation/block-lists/").status_code == 403


@pytest.mark.parametrize(
    ("hold", "reject", "expected"),
    [(0.9, 0.99, (0.9, None)), (None, 0.99, (0.99, None)), (0.9, None, (0.9, None))],
)
def test_a_filter_not_yet_allowed_to_reject_holds_from_its_reject_score(hold, reject, expected):
    row = SpamSettings(filter_hold=hold, filter_reject=reject)
    limits = thresholds(row, filter_may_reject=False)
    assert (limits.filter_hold, limits.filter_reject) == expected
    assert thresholds(row).filter_reject == reject
