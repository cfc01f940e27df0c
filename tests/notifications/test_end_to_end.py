"""A reader asks for notices on the comment form, confirms, gets one, and unsubscribes."""

from __future__ import annotations

import re

from django.test import Client

from maoni.comments.models import Comment
from tests.conftest import Reader
from tests.notifications.conftest import BASE_URL

AMINA = "amina@example.org"
LINK = re.compile(rf"{BASE_URL}(/\S+)")


def test_a_reader_who_ticks_the_box_is_told_of_a_reply_and_can_stop_it(
    reader, article, on_commit, mailoutbox
):
    with on_commit():
        posted = reader.post(
            name="Amina", mail=AMINA, body="Will the water come back on Sunday?", notify="1"
        )
    assert posted.status_code == 302
    question = Comment.objects.get()
    assert question.notify_replies

    # Double opt-in: the address is confirmed before any notice goes to it.
    (confirmation,) = mailoutbox
    assert confirmation.to == [AMINA]
    (confirm_link,) = LINK.findall(confirmation.body)
    assert reader.client.get(confirm_link).status_code == 200
    assert reader.client.post(confirm_link).status_code == 200
    mailoutbox.clear()

    neighbour = Reader(Client(enforce_csrf_checks=True), article)
    reply_page = neighbour.client.get(f"/comment/{question.pk}/reply/").content.decode()
    with on_commit():
        answered = neighbour.post(
            reply_page,
            parent=str(question.pk),
            name="Akinyi",
            mail="akinyi@example.org",
            body="Yes, from six in the morning.",
        )
    assert answered.status_code == 302
    reply = Comment.objects.get(parent=question)

    assert [message.to for message in mailoutbox] == [[AMINA]]
    notice = mailoutbox[0]
    assert notice.subject == ("Akinyi replied to your comment on “Water rationing ends in Nakuru”")
    assert "> Yes, from six in the morning." in notice.body
    reply_link, unsubscribe_link = LINK.findall(notice.body)
    assert reply_link == f"/comment/{reply.pk}/"
    # The link leads to the reply on the article's page.
    assert "#comment-" in reader.client.get(reply_link)["Location"]

    assert reader.client.get(unsubscribe_link).status_code == 200
    assert reader.client.post(unsubscribe_link).status_code == 200
    with on_commit():
        neighbour.post(
            neighbour.client.get(f"/comment/{question.pk}/reply/").content.decode(),
            parent=str(question.pk),
            name="Akinyi",
            mail="akinyi@example.org",
            body="And the pressure is good.",
        )
    assert Comment.objects.filter(parent=question).count() == 2
    assert len(mailoutbox) == 1
