"""Reply notices: mailed once a reply is public, once per reply, only to who asked."""

from __future__ import annotations

import re

import pytest
from django.contrib.auth.models import User

from maoni.comments.models import Comment
from maoni.comments.services import comments_moderate
from maoni.notifications.models import ReplyNotice
from maoni.notifications.services import quoted, reply_notice_send, shorten
from tests.notifications.conftest import BASE_URL, confirmed, hold_everything, post, sent_to

AMINA = "amina@example.org"
AKINYI = "akinyi@example.org"
ADDRESS = re.compile(r"[\w.+-]+@[\w-]+\.[\w.-]+")


@pytest.fixture
def parent(kisumu) -> Comment:
    return confirmed(
        post(
            kisumu,
            author_name="Amina",
            author_email=AMINA,
            body="Is the jetty open at night?",
            notify_replies=True,
        )
    )


def reply_to(parent: Comment, **fields) -> Comment:
    values = {
        "author_name": "Akinyi",
        "author_email": AKINYI,
        "body": "Until ten.\n\nThe lights are new.",
    }
    values.update(fields)
    return post(parent.thread.article, parent=parent, **values)


def test_a_published_reply_mails_the_author_who_asked(parent, on_commit, mailoutbox):
    with on_commit():
        reply = reply_to(parent)
    assert len(mailoutbox) == 1
    notice = mailoutbox[0]
    assert notice.to == [AMINA]
    assert notice.from_email == "Maoni <noreply@localhost>"
    assert notice.subject == (
        "Akinyi replied to your comment on “Kisumu lakefront park reopens after …”"
    )
    assert notice.body.startswith("Hello Amina,\n\n")
    assert "Akinyi replied to your comment on “Kisumu lakefront park reopens" in notice.body
    assert "\n> Until ten.\n>\n> The lights are new.\n" in notice.body
    assert f"{BASE_URL}/comment/{reply.pk}/\n" in notice.body
    unsubscribe = re.search(rf"{BASE_URL}/notifications/unsubscribe/[^/\s]+/", notice.body)
    assert unsubscribe is not None
    assert notice.extra_headers["List-Unsubscribe"] == f"<{unsubscribe.group(0)}>"
    assert notice.extra_headers["List-Unsubscribe-Post"] == "List-Unsubscribe=One-Click"


def test_the_notice_names_no_e_mail_address(parent, on_commit, mailoutbox):
    with on_commit():
        reply_to(parent)
    notice = mailoutbox[0]
    for text in (notice.subject, notice.body):
        assert ADDRESS.findall(text) == []
        assert "amina@" not in text.lower()
        assert "akinyi@" not in text.lower()
    assert AMINA not in notice.extra_headers["List-Unsubscribe"]


def test_an_anonymous_reply_is_signed_anonymous(parent, on_commit, mailoutbox):
    with on_commit():
        reply_to(parent, author_name="", author_email="")
    assert mailoutbox[0].subject.startswith("Anonymous replied to your comment on ")


def test_a_held_reply_is_mailed_only_once_published(parent, on_commit, mailoutbox):
    moderator = User.objects.create_user("mod", "", "pw", is_staff=True)
    hold_everything()
    with on_commit():
        reply = reply_to(parent)
    assert reply.status == Comment.Status.PENDING
    assert sent_to(AMINA) == []
    with on_commit():
        comments_moderate(comment_ids=[reply.pk], action="publish", actor=moderator)
    assert len(sent_to(AMINA)) == 1


@pytest.mark.parametrize("action", ["spam", "delete"])
def test_a_reply_that_is_never_published_is_never_mailed(parent, on_commit, mailoutbox, action):
    hold_everything()
    with on_commit():
        reply = reply_to(parent)
        comments_moderate(comment_ids=[reply.pk], action=action, actor=None)
        comments_moderate(comment_ids=[reply.pk], action="restore", actor=None)
    assert sent_to(AMINA) == []
    assert not reply_notice_send(reply_id=reply.pk)


def test_publishing_a_reply_again_does_not_mail_again(parent, on_commit, mailoutbox):
    with on_commit():
        reply = reply_to(parent)
        comments_moderate(comment_ids=[reply.pk], action="unpublish", actor=None)
        comments_moderate(comment_ids=[reply.pk], action="publish", actor=None)
    assert len(sent_to(AMINA)) == 1
    assert ReplyNotice.objects.filter(reply=reply).count() == 1


def test_no_notice_when_the_comment_replied_to_was_removed_meanwhile(parent, on_commit, mailoutbox):
    hold_everything()
    with on_commit():
        reply = reply_to(parent)
        comments_moderate(comment_ids=[parent.pk], action="delete", actor=None)
        comments_moderate(comment_ids=[reply.pk], action="publish", actor=None)
    assert sent_to(AMINA) == []


@pytest.mark.parametrize("address", [AMINA, "Amina@Example.ORG", " amina@example.org"])
def test_no_notice_of_a_reply_from_the_same_address(parent, on_commit, mailoutbox, address):
    with on_commit():
        reply_to(parent, author_name="Amina again", author_email=address)
    assert mailoutbox == []


def test_no_notice_of_a_reply_by_the_same_account(kisumu, on_commit, mailoutbox):
    amina = User.objects.create_user("Amina", AMINA, "pw")
    with on_commit():
        mine = post(kisumu, user=amina, body="Mine.", notify_replies=True)
        # Her account's address changed since; the account still tells.
        amina.email = "amina@elsewhere.example.org"
        amina.save()
        reply_to(mine, user=amina)
    assert mailoutbox == []


def test_no_notice_without_opt_in(kisumu, on_commit, mailoutbox):
    quiet = post(kisumu, author_name="Amina", author_email=AMINA, notify_replies=False)
    with on_commit():
        reply_to(quiet)
    assert mailoutbox == []


def test_no_notice_when_the_articles_comments_are_hidden(parent, kisumu, on_commit, mailoutbox):
    hold_everything()
    with on_commit():
        reply = reply_to(parent)
        kisumu.comments = kisumu.CommentMode.HIDDEN
        kisumu.save()
        comments_moderate(comment_ids=[reply.pk], action="publish", actor=None)
    assert mailoutbox == []


def test_a_mail_server_failure_does_not_fail_the_reply(
    parent, on_commit, mailoutbox, settings, caplog
):
    settings.EMAIL_BACKEND = "tests.notifications.conftest.BrokenBackend"
    with on_commit():
        reply = reply_to(parent)
    assert Comment.objects.get(pk=reply.pk).status == Comment.Status.PUBLISHED
    assert f"The notice of reply {reply.pk} could not be sent." in caplog.text


@pytest.mark.parametrize(
    ("title", "shortened"),
    [
        ("Short title", "Short title"),
        ("Exactly twenty chars", "Exactly twenty chars"),
        ("Kisumu lakefront park reopens", "Kisumu lakefront …"),
        ("Kisumu lakefront  park", "Kisumu lakefront …"),
        ("Kisumu lakefronts reopen", "Kisumu lakefronts …"),
        ("Kisumu's lakefrontages", "Kisumu's …"),
        ("Supercalifragilisticexpialidocious", "Supercalifragilist …"),
    ],
)
def test_shorten_cuts_long_titles_between_words(title, shortened):
    assert shorten(title, 20) == shortened
    assert len(shorten(title, 20)) <= 20


@pytest.mark.parametrize(
    ("typed", "mail"),
    [
        ("One line.", "> One line."),
        ("a\r\n\r\nb", "> a\n>\n> b"),
        ("\n\nafter blank lines  \n", "> after blank lines"),
        ("> quoting\nothers", "> > quoting\n> others"),
    ],
)
def test_quoted_marks_every_line(typed, mail):
    assert quoted(typed) == mail


def test_a_reply_on_another_sites_page_links_to_that_page(db, on_commit, mailoutbox):
    from maoni.comments.models import Site, Thread
    from maoni.comments.services import comment_post

    site = Site.objects.create(name="Partner", slug="partner", origins="https://partner.example")
    thread = Thread.objects.create(
        key=f"{site.pk}:/story",
        site=site,
        title="Ferry fares rise",
        url="https://partner.example/story",
    )
    first = confirmed(
        comment_post(
            thread=thread,
            author_name="Amina",
            author_email=AMINA,
            body="Why now?",
            notify_replies=True,
            question_id=None,
        )
    )
    with on_commit():
        reply = comment_post(
            thread=thread, parent=first, author_name="Akinyi", body="Fuel.", question_id=None
        )
    [notice] = mailoutbox
    assert notice.subject == "Akinyi replied to your comment on “Ferry fares rise”"
    assert f"https://partner.example/story#comment-{reply.pk}\n" in notice.body
