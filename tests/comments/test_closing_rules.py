"""Closing rules through every door: days after publication, quiet hours, by hand."""

from __future__ import annotations

import time
from datetime import datetime, timedelta
from datetime import time as dt_time
from zoneinfo import ZoneInfo

import pytest
from django.test import Client
from django.utils import timezone

from maoni.articles.models import Article
from maoni.comments import services
from maoni.comments.closing import Closed
from maoni.comments.models import Comment, CommentSettings, Site, Thread
from tests.conftest import Reader

NAIROBI = ZoneInfo("Africa/Nairobi")
CLOSED = "Comments on this article are closed."


def settings_row(**fields: object) -> CommentSettings:
    row = CommentSettings.load()
    for name, value in fields.items():
        setattr(row, name, value)
    row.save()
    return row


def aged(make_article, days: float) -> Article:
    article: Article = make_article(published_at=timezone.now() - timedelta(days=days))
    return article


def test_an_article_closes_by_itself_n_days_after_publication(client, make_article) -> None:
    settings_row(close_after_days=14)
    old, young = aged(make_article, 14.01), aged(make_article, 13.99)
    old_page = client.get(old.get_absolute_url()).content.decode()
    assert CLOSED in old_page
    assert "Add new comment" not in old_page
    assert old.thread.policy().closed is Closed.AGE
    young_page = client.get(young.get_absolute_url()).content.decode()
    assert "Add new comment" in young_page
    assert young.thread.policy().closes_at == young.published_at + timedelta(days=14)


def test_an_article_may_keep_its_comments_open_longer_or_for_good(client, make_article) -> None:
    settings_row(close_after_days=14)
    longer, forever = aged(make_article, 20), aged(make_article, 400)
    Thread.objects.filter(pk=longer.thread_id).update(close_after_days=30)
    Thread.objects.filter(pk=forever.thread_id).update(close_after_days=0)
    for article in (longer, forever):
        assert "Add new comment" in client.get(article.get_absolute_url()).content.decode()


def test_moving_the_publication_date_moves_the_closing(make_article) -> None:
    settings_row(close_after_days=14)
    article = aged(make_article, 20)
    assert article.thread.policy().closed is Closed.AGE
    article.published_at = timezone.now() - timedelta(days=1)
    article.save()
    article.thread.refresh_from_db()
    assert article.thread.opened == article.published_at
    assert article.thread.policy().closed is None


def test_a_form_sent_after_closing_is_refused_and_stores_nothing(reader: Reader) -> None:
    settings_row(close_after_days=1)
    html = reader.open()
    Article.objects.filter(pk=reader.article.pk).update(
        published_at=timezone.now() - timedelta(days=2)
    )
    Thread.objects.filter(pk=reader.article.thread_id).update(
        opened=timezone.now() - timedelta(days=2)
    )
    response = reader.post(html, body="Too late by a day.")
    assert response.status_code == 403
    assert CLOSED in response.content.decode()
    assert Comment.objects.count() == 0


def test_the_service_itself_refuses_a_closed_thread(article: Article) -> None:
    Thread.objects.filter(pk=article.thread_id).update(comments_closed=True)
    article.thread.refresh_from_db()
    with pytest.raises(services.CommentRejected) as refused:
        services.comment_post(
            thread=article.thread, body="Through the back door.", question_id=None
        )
    assert str(refused.value.message) == "Comments are closed."
    assert Comment.objects.count() == 0


def test_the_kept_page_is_rendered_again_when_the_thread_closes(make_article, monkeypatch) -> None:
    settings_row(close_after_days=3)
    article = aged(make_article, 2)
    assert "Add new comment" in Client().get(article.get_absolute_url()).content.decode()
    closes = article.published_at + timedelta(days=3)
    later = closes + timedelta(seconds=1)
    monkeypatch.setattr(timezone, "now", lambda: later)
    monkeypatch.setattr(time, "time", lambda: later.timestamp())
    page = Client().get(article.get_absolute_url()).content.decode()
    assert CLOSED in page
    assert "Add new comment" not in page


def quiet_now() -> dict[str, dt_time]:
    """Quiet hours around this moment on Nairobi's clock."""
    clock = datetime.now(NAIROBI)
    return {
        "quiet_from": (clock - timedelta(hours=1)).time().replace(microsecond=0),
        "quiet_until": (clock + timedelta(hours=1)).time().replace(microsecond=0),
    }


def test_quiet_hours_hold_every_new_comment(reader: Reader, settings) -> None:
    settings.TIME_ZONE = "Africa/Nairobi"
    settings_row(**quiet_now())
    response = reader.post(name="Usiku", body="Posted in the small hours.")
    assert response.status_code == 302
    comment = Comment.objects.get()
    assert comment.status == Comment.Status.PENDING
    (reason,) = comment.reasons
    assert reason.startswith("pre-moderation: quiet hours (")
    assert reason.endswith("), every comment is approved first")


def test_quiet_hours_need_a_start_and_an_end() -> None:
    from django.core.exceptions import ValidationError

    row = CommentSettings(quiet_from=datetime(2026, 1, 1, 23, 0).time())
    with pytest.raises(ValidationError, match="both a start and an end"):
        row.clean()


def test_an_unknown_time_zone_is_refused(db) -> None:
    from django.core.exceptions import ValidationError

    site = Site(
        name="Partner", slug="partner", origins="https://partner.example", time_zone="Mars/Olympus"
    )
    with pytest.raises(ValidationError, match="not a time zone"):
        site.full_clean()
