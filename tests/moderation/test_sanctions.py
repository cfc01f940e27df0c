"""Sanctions on authors: suspended, always pre-moderated, banned; they end and are lifted."""

from __future__ import annotations

import time
from datetime import timedelta

import pytest
from django.contrib.auth.models import User
from django.utils import timezone

from maoni.comments.models import AddressConfirmation, Comment
from maoni.comments.services import CommentRejected, comment_post
from maoni.moderation import client_keys, sanctions
from maoni.moderation.models import AuditEntry, Sanction
from tests.conftest import Reader

CLIENT = "c" * 32


def post(article, **fields) -> Comment:
    values = {"body": "Another word.", "question_id": None, "client_key": CLIENT, **fields}
    return comment_post(thread=article.thread, **values)


def test_a_suspended_client_is_refused_and_told_until_when(article, moderator) -> None:
    sanctions.sanction_apply(
        kind="suspend",
        reason="Insults in three threads.",
        actor=moderator,
        client_key=CLIENT,
        days=3,
    )
    with pytest.raises(CommentRejected) as refused:
        post(article)
    message = str(refused.value.message)
    assert message.startswith("You may not comment until ")
    assert "a moderator suspended you. Their reason: Insults in three threads." in message
    assert Comment.objects.count() == 0
    # Another client is not touched.
    assert post(article, client_key="d" * 32).status == Comment.Status.PUBLISHED


def test_a_suspension_ends_by_itself(article, moderator, monkeypatch) -> None:
    sanction = sanctions.sanction_apply(
        kind="suspend", reason="Cool off.", actor=moderator, client_key=CLIENT, days=1
    )
    assert sanction.ends is not None
    just_before = sanction.ends - timedelta(seconds=1)
    monkeypatch.setattr(timezone, "now", lambda: just_before)
    with pytest.raises(CommentRejected):
        post(article)
    after = sanction.ends + timedelta(seconds=1)
    monkeypatch.setattr(timezone, "now", lambda: after)
    monkeypatch.setattr(time, "time", lambda: after.timestamp())
    assert post(article).status == Comment.Status.PUBLISHED


def test_always_premoderated_holds_every_comment(article, moderator) -> None:
    sanctions.sanction_apply(
        kind="premoderate", reason="Borderline.", actor=moderator, client_key=CLIENT
    )
    held = post(article)
    assert held.status == Comment.Status.PENDING
    assert held.reasons == ["sanction: every comment of this author is approved first"]


def test_a_banned_account_is_refused_and_lifting_lets_it_back(article, moderator) -> None:
    user = User.objects.create_user("troll", "troll@example.org", "pw")
    ban = sanctions.sanction_apply(kind="ban", reason="Threats.", actor=moderator, user=user)
    with pytest.raises(CommentRejected, match=r"a moderator banned you\. Their reason: Threats\."):
        post(article, user=user, client_key="")
    assert sanctions.sanction_lift(sanction=ban, actor=moderator, note="Apologised.")
    assert not sanctions.sanction_lift(sanction=ban, actor=moderator)
    assert post(article, user=user, client_key="").status == Comment.Status.PUBLISHED
    actions = list(AuditEntry.objects.order_by("id").values_list("action", "note"))
    assert actions[:2] == [("sanction", "Threats."), ("sanction_lift", "Apologised.")]


def test_an_address_sanction_matches_whatever_the_case(article, moderator) -> None:
    sanctions.sanction_apply(kind="ban", reason="Spam.", actor=moderator, email="Spam@Example.org")
    with pytest.raises(CommentRejected):
        post(article, author_email="SPAM@example.org", client_key="")


def test_the_form_shows_the_refusal(reader: Reader, moderator, client) -> None:
    html = reader.open()
    reader.post(html, name="Juma", body="First.")
    key = Comment.objects.get().client_key
    sanctions.sanction_apply(
        kind="suspend", reason="Flooding.", actor=moderator, client_key=key, days=2
    )
    response = reader.post(name="Juma", body="Second.")
    assert response.status_code in (400, 422)
    assert "a moderator suspended you. Their reason: Flooding." in response.content.decode()
    assert Comment.objects.count() == 1


def test_a_moderator_sanctions_from_the_comment_page(mod_client, make_comment) -> None:
    comment = make_comment(status=Comment.Status.PENDING)
    url = f"/moderation/comment/{comment.pk}/"
    page = mod_client.get(url).content.decode()
    assert "No sanctions on this author." in page
    assert 'value="client"' in page
    assert 'value="address"' not in page  # never proved
    response = mod_client.post(
        f"{url}sanction/", {"kind": "suspend", "target": "client", "days": "7", "reason": "Abuse."}
    )
    assert response.status_code == 302
    sanction = Sanction.objects.get()
    assert (sanction.kind, sanction.client_key, sanction.email) == (
        "suspend",
        comment.client_key,
        "",
    )
    assert AuditEntry.objects.get(action="sanction").comment_id == comment.pk
    page = mod_client.get(url).content.decode()
    assert "Suspended: may not comment until it ends" in page
    queue = mod_client.get("/moderation/").content.decode()
    assert "Sanctions in force on the author" in queue
    listed = mod_client.get("/moderation/sanctions/").content.decode()
    assert "Abuse." in listed
    mod_client.post(f"/moderation/sanctions/{sanction.pk}/lift/", {"note": "Enough."})
    assert "None are in force." in mod_client.get("/moderation/sanctions/").content.decode()


def test_the_desk_refuses_a_sanction_it_cannot_aim(mod_client, make_comment) -> None:
    comment = make_comment()
    url = f"/moderation/comment/{comment.pk}/sanction/"
    cases = [
        {"kind": "suspend", "target": "client", "reason": "No days."},
        {"kind": "ban", "target": "account", "reason": "No account."},
        {"kind": "ban", "target": "address", "reason": "Not proved."},
        {"kind": "ban", "target": "client", "reason": ""},
        {"kind": "exile", "target": "client", "reason": "Unknown."},
    ]
    said = [
        "Say for how many days the author is suspended.",
        "This comment was not written with an account.",
        "This comment&#x27;s address was never proved",
        "This field is required.",
        "Select a valid choice.",
    ]
    for data, message in zip(cases, said, strict=True):
        response = mod_client.post(url, data)
        assert response.status_code == 400
        page = response.content.decode()
        assert message in page
        assert data["reason"] in page  # what was typed is kept
    assert Sanction.objects.count() == 0
    AddressConfirmation.objects.create(
        email=comment.author_email, mailed=comment.created, confirmed=comment.created
    )
    mod_client.post(url, {"kind": "ban", "target": "address", "reason": "Proved now."})
    assert Sanction.objects.get().email == comment.author_email


def test_only_moderators_sanction(client_as, make_comment) -> None:
    comment = make_comment()
    reader = client_as("reader")
    data = {"kind": "ban", "target": "client", "reason": "x"}
    assert reader.post(f"/moderation/comment/{comment.pk}/sanction/", data).status_code == 403
    assert reader.get("/moderation/sanctions/").status_code == 403
    assert Sanction.objects.count() == 0


def test_a_client_s_sanction_ends_when_its_key_is_replaced(moderator, settings) -> None:
    settings.MAONI_CLIENT_KEY_DAYS = 30
    now = timezone.now()
    banned = sanctions.sanction_apply(
        kind="ban", reason="Spam run.", actor=moderator, client_key=CLIENT, now=now
    )
    long = sanctions.sanction_apply(
        kind="suspend", reason="Abuse.", actor=moderator, client_key=CLIENT, days=365, now=now
    )
    replaced = client_keys.keys_change_on(now.date())
    assert banned.ends is not None
    assert banned.ends.date() == replaced
    assert long.ends == banned.ends
    by_address = sanctions.sanction_apply(
        kind="ban", reason="Spam run.", actor=moderator, email="x@example.org", now=now
    )
    assert by_address.ends is None


def test_the_desk_will_not_sanction_a_client_key_already_replaced(
    mod_client, make_comment, settings
) -> None:
    settings.MAONI_CLIENT_KEY_DAYS = 1
    comment = make_comment(status=Comment.Status.PENDING)
    Comment.objects.filter(pk=comment.pk).update(created=timezone.now() - timedelta(days=2))
    response = mod_client.post(
        f"/moderation/comment/{comment.pk}/sanction/",
        {"kind": "ban", "target": "client", "reason": "Old abuse."},
    )
    assert response.status_code == 400
    assert "client key has been replaced" in response.content.decode()
    assert not Sanction.objects.exists()
