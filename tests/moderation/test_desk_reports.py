"""Readers' reports on the moderators' desk: counted in the queue, kept or decided."""

from __future__ import annotations

from maoni.comments.models import Comment
from maoni.moderation.models import AuditEntry
from maoni.reports.models import Report
from maoni.reports.services import report_file


def reported(comment: Comment, *reasons: str) -> None:
    for number, reason in enumerate(reasons):
        illegal = reason == "illegal"
        report_file(
            comment=comment,
            reason=reason,
            reporter_key=f"client:{number}",
            legal_ground="Section 1" if illegal else "",
            explanation="Why." if illegal else "",
        )


def test_the_queue_lists_reported_comments_with_their_reasons(mod_client, make_comment) -> None:
    comment = make_comment(body="Reported twice.")
    make_comment(body="Nobody minds this one.")
    reported(comment, "spam", "spam", "abuse")
    page = mod_client.get("/moderation/?status=reported").content.decode()
    assert "Reported twice." in page
    assert "Nobody minds this one." not in page
    assert "Reported: Spam or advertising (2)" in page
    assert "Reported: Abuse or harassment (1)" in page


def test_a_comment_page_shows_its_reports_and_keeps_it(mod_client, make_comment, moderator) -> None:
    comment = make_comment(body="Sharp but fair.")
    reported(comment, "illegal")
    page = mod_client.get(f"/moderation/comment/{comment.pk}/").content.decode()
    assert "Illegal content" in page
    assert "Legal ground: Section 1" in page
    assert "Keep the comment and close the reports" in page
    response = mod_client.post(
        f"/moderation/comment/{comment.pk}/keep/", {"note": "Opinion, not a threat."}
    )
    assert response.status_code == 302
    report = Report.objects.get()
    assert (report.decision, report.decided_by, report.decision_note) == (
        "kept",
        moderator,
        "Opinion, not a threat.",
    )
    entry = AuditEntry.objects.get(action=AuditEntry.Action.REPORTS_KEPT)
    assert entry.comment_id == comment.pk
    comment.refresh_from_db()
    assert comment.status == Comment.Status.PUBLISHED
    again = mod_client.post(f"/moderation/comment/{comment.pk}/keep/", follow=True)
    assert "the comment had no open reports" in again.content.decode()


def test_only_moderators_keep_reported_comments(client_as, make_comment) -> None:
    comment = make_comment()
    reported(comment, "spam")
    assert client_as("reader").post(f"/moderation/comment/{comment.pk}/keep/").status_code == 403
    assert Report.objects.get().decision == ""
