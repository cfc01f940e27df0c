"""Moderators' digest of held comments: who gets it, when, and what it names."""

from __future__ import annotations

import re
import threading
from io import StringIO

import pytest
from django.core import mail
from django.core.management import call_command
from django.db import connections

from maoni.comments.models import Comment
from maoni.comments.services import comments_moderate
from maoni.notifications.models import DigestClock, HeldComment
from maoni.notifications.services import digest_send
from tests.notifications.conftest import (
    BASE_URL,
    BROKEN_BACKEND,
    START,
    hold_everything,
    make_staff,
    post,
    sent_to,
)

MODERATOR = "moderator@newsroom.example.org"
ADDRESS = re.compile(r"[\w.+-]+@[\w-]+\.[\w.-]+")


def listed(message: mail.EmailMessage) -> list[int]:
    """The comments a digest links to, in its order."""
    return [int(n) for n in re.findall(rf"{BASE_URL}/moderation/comment/(\d+)/", str(message.body))]


def send_digests(verbosity: int = 2) -> str:
    out = StringIO()
    call_command("send_digests", stdout=out, verbosity=verbosity)
    return out.getvalue()


def test_the_first_held_comment_is_mailed_at_once_to_every_moderator(
    kisumu, clock, on_commit, mailoutbox
):
    make_staff("moderator")
    make_staff("editor")
    make_staff("administrator")
    make_staff("reader")
    make_staff("moderator", name="no-address", email="")
    make_staff("editor", name="gone", active=False)
    hold_everything()
    with on_commit():
        comment = post(
            kisumu,
            author_name="Akinyi",
            author_email="akinyi@example.org",
            body="The new  jetty is\nlovely, but who pays for the lights?",
        )
    assert comment.status == Comment.Status.PENDING
    assert sorted(address for message in mailoutbox for address in message.to) == [
        "administrator@newsroom.example.org",
        "editor@newsroom.example.org",
        MODERATOR,
    ]
    message = sent_to(MODERATOR)[0]
    assert message.subject == "1 comment waits for review on Maoni"
    assert message.from_email == "Maoni <noreply@localhost>"
    assert "Hello moderator," in message.body
    assert "One comment is waiting for review on Maoni." in message.body
    assert "Akinyi on “Kisumu lakefront park reopens after two years of repairs”:" in message.body
    assert "The new jetty is lovely, but who pays for the lights?" in message.body
    assert "Held because: pre-moderation: every comment is approved first." in message.body
    assert f"{BASE_URL}/moderation/comment/{comment.pk}/" in message.body
    assert f"{BASE_URL}/moderation/\n" in message.body
    assert "at most once every 15 minutes" in message.body
    assert listed(message) == [comment.pk]


def test_inactive_users_and_readers_get_no_digest(kisumu, clock, on_commit, mailoutbox):
    make_staff("moderator", active=False)
    make_staff("reader")
    hold_everything()
    with on_commit():
        post(kisumu)
    assert mailoutbox == []
    # Nothing was sent, so the comment still waits for someone to tell.
    assert HeldComment.objects.count() == 1


def test_a_second_hold_within_the_interval_waits_for_the_command(
    kisumu, moderator, clock, on_commit, mailoutbox
):
    hold_everything()
    with on_commit():
        first = post(kisumu, body="First.")
    assert [listed(message) for message in mailoutbox] == [[first.pk]]

    clock.advance(minutes=5)
    with on_commit():
        second = post(kisumu, body="Second.")
        third = post(kisumu, body="Third.")
    assert len(mailoutbox) == 1

    clock.advance(minutes=9, seconds=59)
    assert send_digests() == "No digest was due.\n"
    assert len(mailoutbox) == 1

    clock.advance(seconds=1)
    assert send_digests() == "Sent a digest of 2 comments to 1 moderator.\n"
    assert len(mailoutbox) == 2
    assert mailoutbox[1].subject == "2 comments wait for review on Maoni"
    assert listed(mailoutbox[1]) == [second.pk, third.pk]
    assert DigestClock.objects.get().last_sent == START.replace(minute=15)


def test_comments_moderated_meanwhile_are_left_out(kisumu, moderator, clock, on_commit, mailoutbox):
    hold_everything()
    with on_commit():
        post(kisumu, body="Mailed at once.")
        clock.advance(minutes=1)
        published, spam, deleted, waiting = (post(kisumu, body=f"Number {n}.") for n in range(4))
        comments_moderate(comment_ids=[published.pk], action="publish", actor=moderator)
        comments_moderate(comment_ids=[spam.pk], action="spam", actor=moderator)
        comments_moderate(comment_ids=[deleted.pk], action="delete", actor=moderator)
    clock.advance(minutes=15)
    send_digests()
    assert len(mailoutbox) == 2
    assert listed(mailoutbox[1]) == [waiting.pk]
    assert "Number 0." not in mailoutbox[1].body
    assert HeldComment.objects.count() == 0


def test_no_digest_when_nothing_is_waiting(kisumu, moderator, clock, on_commit, mailoutbox):
    assert send_digests() == "No digest was due.\n"
    # What cron runs says nothing unless it sent something.
    assert send_digests(verbosity=1) == ""
    hold_everything()
    with on_commit():
        post(kisumu, body="Mailed at once.")
        clock.advance(minutes=1)
        approved = post(kisumu, body="Approved before the next digest.")
        comments_moderate(comment_ids=[approved.pk], action="publish", actor=moderator)
    clock.advance(minutes=15)
    assert send_digests() == "No digest was due.\n"
    assert len(mailoutbox) == 1
    # No digest went out, so the next held comment is mailed at once.
    clock.advance(minutes=1)
    with on_commit():
        late = post(kisumu, body="Later.")
    assert len(mailoutbox) == 2
    assert listed(mailoutbox[1]) == [late.pk]


def test_an_unpublished_comment_is_held_again_and_mailed(
    kisumu, moderator, clock, on_commit, mailoutbox
):
    with on_commit():
        comment = post(kisumu, body="Published at first.")
    assert mailoutbox == []
    with on_commit():
        comments_moderate(comment_ids=[comment.pk], action="unpublish", actor=moderator)
    assert [listed(message) for message in mailoutbox] == [[comment.pk]]


def test_a_long_queue_is_cut_short_in_the_mail(kisumu, moderator, clock, on_commit, mailoutbox):
    hold_everything()
    with on_commit():
        post(kisumu, body="Mailed at once.")
    for number in range(52):
        post(kisumu, body=f"Comment {number}.")
        HeldComment.objects.create(comment=Comment.objects.latest("pk"), held=clock.now)
    clock.advance(minutes=15)
    send_digests()
    digest = mailoutbox[1]
    assert digest.subject == "52 comments wait for review on Maoni"
    assert len(listed(digest)) == 50
    assert "2 more comments are waiting; the queue shows them." in digest.body


def test_the_digest_names_no_e_mail_address(kisumu, moderator, clock, on_commit, mailoutbox):
    hold_everything()
    with on_commit():
        post(kisumu, author_name="Otieno", author_email="otieno@example.org", body="Hello.")
    assert len(mailoutbox) == 1
    assert ADDRESS.findall(mailoutbox[0].body) == []


def test_a_mail_server_failure_neither_fails_the_post_nor_loses_the_digest(
    kisumu, moderator, clock, on_commit, mailoutbox, settings, caplog
):
    hold_everything()
    settings.EMAIL_BACKEND = BROKEN_BACKEND
    with on_commit():
        comment = post(kisumu, body="Held while the mail server is down.")
    assert Comment.objects.filter(pk=comment.pk, status=Comment.Status.PENDING).exists()
    assert "The moderators' digest could not be sent" in caplog.text
    settings.EMAIL_BACKEND = "django.core.mail.backends.locmem.EmailBackend"
    clock.advance(minutes=15)
    send_digests()
    assert [listed(message) for message in mailoutbox] == [[comment.pk]]


def test_digest_send_takes_the_time_it_is_given(kisumu, moderator, on_commit, mailoutbox):
    hold_everything()
    comment = post(kisumu)
    HeldComment.objects.create(comment=comment, held=START)
    sent = digest_send(now=START)
    assert sent is not None
    assert sent.comment_ids == [comment.pk]
    assert digest_send(now=START.replace(minute=14)) is None
    assert DigestClock.objects.get().last_sent == START


@pytest.mark.django_db(transaction=True)
def test_workers_racing_send_one_digest(kisumu, mailoutbox):
    hold_everything()
    # Held while nobody could be told, so it waits for the racers.
    post(kisumu)
    assert HeldComment.objects.count() == 1
    make_staff("moderator")
    racers = 6
    barrier = threading.Barrier(racers)
    results: list[object] = []

    def race() -> None:
        try:
            barrier.wait()
            results.append(digest_send(now=START))
        finally:
            connections.close_all()

    threads = [threading.Thread(target=race) for _ in range(racers)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(timeout=60)
    assert len(results) == racers
    assert sum(result is not None for result in results) == 1
    assert len(mail.outbox) == 1
