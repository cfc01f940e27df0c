"""The editors' figures: counts per day, the queue, decisions, threads, reports, checks."""

from __future__ import annotations

from datetime import timedelta

import pytest
from django.utils import timezone

from maoni.comments.models import Comment
from maoni.comments.services import CommentRejected, comment_post, comments_moderate
from maoni.moderation.models import BlockEntry, Rejection
from maoni.reports.services import report_file


def test_the_figures_page_counts_and_charts(mod_client, make_comment, moderator, article) -> None:
    held = make_comment(status=Comment.Status.PENDING, reasons=["3 links"])
    Comment.objects.filter(pk=held.pk).update(created=timezone.now() - timedelta(hours=5))
    decided = make_comment(
        status=Comment.Status.PENDING, reasons=["pre-moderation: every comment is approved first"]
    )
    Comment.objects.filter(pk=decided.pk).update(created=timezone.now() - timedelta(hours=2))
    comments_moderate(comment_ids=[decided.pk], action="publish", actor=moderator)
    make_comment(body="Published at once.")
    report_file(
        comment=Comment.objects.get(body="Published at once."),
        reason="spam",
        reporter_key="client:1",
    )
    BlockEntry.objects.create(kind="url_domain", value="spam.example")
    with pytest.raises(CommentRejected):
        comment_post(thread=article.thread, body="Go to http://spam.example/", question_id=None)
    assert Rejection.objects.get().caught_by == "block lists"
    page = mod_client.get("/moderation/stats/?period=7d").content.decode()
    assert "<svg" in page
    assert 'class="bar-published"' in page
    assert "Waiting for a moderator</dt><dd>1</dd>" in page
    assert "to a moderator's decision</dt><dd>2 h 0 min (over 1 decision)" in page
    assert '<th scope="row">Too many links</th><td>1</td><td>0</td>' in page
    assert '<th scope="row">Block lists</th><td>0</td><td>1</td>' in page
    assert "<td>Spam or advertising</td><td>Waiting for a moderator</td><td>1</td>" in page
    assert f'<a href="{article.get_absolute_url()}">{article.title}</a></td><td>3</td>' in page


def test_the_figures_come_as_csv(mod_client, make_comment) -> None:
    make_comment()
    make_comment(status=Comment.Status.PENDING, reasons=["3 links"])
    response = mod_client.get("/moderation/stats/?period=30d&format=csv")
    assert response["Content-Type"] == "text/csv; charset=utf-8"
    lines = response.content.decode().splitlines()
    assert lines[0] == "day,published,held,spam,deleted,rejected"
    assert len(lines) in (31, 32)
    assert lines[-1].endswith(",1,1,0,0,0")
    hourly = mod_client.get("/moderation/stats/?period=24h&format=csv").content.decode()
    assert hourly.splitlines()[0].startswith("hour,")


def test_figures_are_for_moderators_and_known_periods(mod_client, client_as) -> None:
    assert mod_client.get("/moderation/stats/").status_code == 200
    assert mod_client.get("/moderation/stats/?period=1y").status_code == 404
    assert client_as("reader").get("/moderation/stats/").status_code == 403
