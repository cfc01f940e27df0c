"""Personal data kept no longer than needed: old addresses, and notes about purged comments."""

from __future__ import annotations

from datetime import timedelta
from io import StringIO

from django.contrib.auth.models import User
from django.core.management import call_command
from django.utils import timezone

from maoni.comments.models import Comment, PersonalDataPurge
from maoni.comments.services import (
    comment_edit,
    comment_post,
    comments_forget_addresses,
    comments_moderate,
    comments_purge_deleted,
)
from maoni.moderation.models import AuditEntry


def aged(article, days: float, **fields) -> Comment:
    comment = comment_post(
        thread=article.thread, body="Words.", author_name="Msomaji",
        author_email="msomaji@example.org", question_id=None, **fields,
    )  # fmt: skip
    Comment.objects.filter(pk=comment.pk).update(created=timezone.now() - timedelta(days=days))
    comment.refresh_from_db()
    return comment


def test_an_address_goes_after_180_days_unless_reply_notices_go_on(article, settings) -> None:
    settings.MAONI_ADDRESS_RETENTION_DAYS = 180
    young = aged(article, 179)
    old = aged(article, 181)
    notified = aged(article, 400, notify_replies=True)
    account = User.objects.create_user("amina", "amina@example.org", "pw")
    theirs = aged(article, 400, user=account)
    assert comments_forget_addresses() == 1
    for comment in (young, old, notified, theirs):
        comment.refresh_from_db()
    assert old.author_email == ""
    assert young.author_email == notified.author_email == "msomaji@example.org"
    assert theirs.author_email == "amina@example.org"
    entry = AuditEntry.objects.get(action=AuditEntry.Action.FORGET)
    assert entry.details == {"comments": 1}
    # Once the notices end, the address goes at the next run.
    Comment.objects.filter(pk=notified.pk).update(notify_replies=False)
    assert comments_forget_addresses() == 1


def test_client_keys_go_with_the_retention_time_whoever_wrote(article, settings) -> None:
    settings.MAONI_ADDRESS_RETENTION_DAYS = 180
    account = User.objects.create_user("baraka", "baraka@example.org", "pw")
    young = aged(article, 179, client_key="a" * 32)
    old = aged(article, 181, client_key="b" * 32)
    theirs = aged(article, 400, user=account, client_key="c" * 32)
    comments_forget_addresses()
    for comment in (young, old, theirs):
        comment.refresh_from_db()
    assert (young.client_key, old.client_key, theirs.client_key) == ("a" * 32, "", "")


def test_notes_and_replaced_texts_go_with_a_purged_comment(article) -> None:
    editor = User.objects.create_user("desk", is_staff=True)
    comment = aged(article, 1)
    comment_edit(comment=comment, body="Changed words.", actor=editor, note="Named a neighbour.")
    comments_moderate(comment_ids=[comment.pk], action="delete", actor=editor, note="Doxxing.")
    Comment.objects.filter(pk=comment.pk).update(status_changed=timezone.now() - timedelta(days=31))
    assert comments_purge_deleted() == 1
    entries = AuditEntry.objects.filter(comment_ref=comment.pk).order_by("id")
    assert [entry.action for entry in entries] == ["edit", "delete", "purge"]
    assert all(entry.note == "" and entry.details == {} for entry in entries)


def test_the_command_records_its_run_for_doctor(article, settings) -> None:
    settings.MAONI_ADDRESS_RETENTION_DAYS = 30
    aged(article, 31)
    out = StringIO()
    call_command("purge_personal_data", stdout=out)
    assert "Removed the e-mail address of 1 comment(s) older than 30 days" in out.getvalue()
    row = PersonalDataPurge.load()
    assert row.last_run is not None
    assert row.addresses_removed == 1
