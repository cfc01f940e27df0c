"""A flood from one client is answered 429, cheaply, and nothing past the limit is stored."""

from __future__ import annotations

import time

from django.core import signing
from django.test import Client

from maoni.comments.models import Comment
from maoni.moderation.models import RateBucket, SpamSettings
from tests.conftest import WITH_TOKEN


def stamp() -> str:
    return signing.dumps(time.time() - 60, salt="maoni.moderation.form-shown")


def test_a_flood_from_one_client_gets_429_and_stores_nothing_more(article, settings):
    SpamSettings.objects.create(client_per_hour=60, client_burst=5)
    client = Client(REMOTE_ADDR="198.51.100.23")
    statuses = []
    for number in range(12):
        response = client.post(
            f"/news/{article.slug}/comment/",
            {
                **WITH_TOKEN,
                "body": f"Flood number {number} with some words",
                "op": "save",
                "form_stamp": stamp(),
            },
        )
        statuses.append(response.status_code)
    assert statuses[:5] == [400] * 5  # no CAPTCHA answer: processed and refused
    assert statuses[5:] == [429] * 7
    refused = client.post(
        f"/news/{article.slug}/comment/", {**WITH_TOKEN, "body": "Keep me please", "op": "save"}
    )
    assert refused.status_code == 429
    assert 50 <= int(refused["Retry-After"]) <= 60
    html = refused.content.decode()
    assert "You are sending comments faster than this site allows." in html
    assert ">Keep me please</textarea>" in html
    assert Comment.objects.count() == 0
    # Another reader is not affected.
    other = Client(REMOTE_ADDR="203.0.113.5")
    assert (
        other.post(f"/news/{article.slug}/comment/", {**WITH_TOKEN, "body": "Hi"}).status_code
        == 400
    )
    assert buckets_kept() == 2


def buckets_kept() -> int:
    """Rate buckets stored: in Redis where it is configured, else in the database."""
    from django.conf import settings

    if settings.MAONI_REDIS_URL:
        from maoni.redis_connections import redis_client

        return len(list(redis_client(settings.MAONI_REDIS_URL).scan_iter("maoni:bucket:*")))
    return RateBucket.objects.count()


def test_forwarded_addresses_count_only_behind_a_trusted_proxy(article, settings):
    SpamSettings.objects.create(client_per_hour=60, client_burst=2)
    url = f"/news/{article.slug}/comment/"
    proxy = Client(REMOTE_ADDR="127.0.0.1")
    # Untrusted: two readers behind the same "proxy" share its address and its limit.
    for forwarded in ["198.51.100.1", "198.51.100.2"]:
        proxy.post(url, {**WITH_TOKEN, "body": "x"}, HTTP_X_FORWARDED_FOR=forwarded)
    assert (
        proxy.post(
            url, {**WITH_TOKEN, "body": "x"}, HTTP_X_FORWARDED_FOR="198.51.100.3"
        ).status_code
        == 429
    )
    # Trusted: each reader has a limit of their own.
    settings.MAONI_TRUSTED_PROXIES = ["127.0.0.1"]
    for forwarded in ["198.51.100.4", "198.51.100.5", "198.51.100.6"]:
        response = proxy.post(url, {**WITH_TOKEN, "body": "x"}, HTTP_X_FORWARDED_FOR=forwarded)
        assert response.status_code == 400


def test_comments_per_email_address_are_limited(reader):
    SpamSettings.objects.create(email_per_hour=30, email_burst=2, min_seconds=0)
    for number in range(2):
        assert (
            reader.post(body=f"Comment {number} about the fares", mail="m@example.org").status_code
            == 302
        )
    response = reader.post(body="Third comment about the fares", mail="M@example.org")
    assert response.status_code == 429
    assert Comment.objects.count() == 2


def test_moderators_are_not_limited(article, django_user_model):
    SpamSettings.objects.create(client_per_hour=60, client_burst=1)
    boss = django_user_model.objects.create_superuser("boss", "boss@example.org", "pw")
    client = Client()
    client.force_login(boss)
    for number in range(3):
        response = client.post(
            f"/news/{article.slug}/comment/", {**WITH_TOKEN, "body": f"Note {number}", "op": "save"}
        )
        assert response.status_code == 302


def test_a_refusal_reads_two_rows_and_writes_nothing(article):
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    SpamSettings.objects.create(client_per_hour=60, client_burst=1)
    client = Client(REMOTE_ADDR="198.51.100.77")
    client.post(f"/news/{article.slug}/comment/", {**WITH_TOKEN, "body": "first"})
    with CaptureQueriesContext(connection) as queries:
        response = client.post(f"/news/{article.slug}/comment/", {**WITH_TOKEN, "body": "second"})
    assert response.status_code == 429
    assert len(queries) <= 2
    assert all(query["sql"].lstrip().upper().startswith("SELECT") for query in queries)
