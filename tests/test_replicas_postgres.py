"""Read replicas on PostgreSQL: whole requests through the test client (make test-postgres).

``replica1`` reads the test database over a connection of its own, which
refuses writes as a hot standby does; what it and the primary were asked
shows where each read went.
"""

from __future__ import annotations

import copy
import time
from collections.abc import Callable, Iterator
from contextlib import ExitStack, contextmanager
from typing import Any

import pytest
from django.conf import LazySettings
from django.db import DEFAULT_DB_ALIAS, connections
from django.db.backends.base.base import BaseDatabaseWrapper
from django.db.models import F
from django.test import Client
from django.test.utils import CaptureQueriesContext
from django.utils import timezone

from maoni import routers
from maoni.articles.models import Article
from maoni.comments.models import Comment, Thread
from maoni.operations import health
from maoni.operations.findings import Finding
from maoni.routers import COOKIE
from tests.conftest import Reader

pytestmark = pytest.mark.postgres_only


@contextmanager
def extra_database(alias: str, **changes: Any) -> Iterator[BaseDatabaseWrapper]:
    """A database alias like the primary's, changed as told, for as long as the block runs."""
    values = copy.deepcopy(connections.settings[DEFAULT_DB_ALIAS])
    values.update(changes)
    values["OPTIONS"] = {**values["OPTIONS"], "application_name": f"maoni-test-{alias}"}
    values["TEST"] = {"MIRROR": DEFAULT_DB_ALIAS}
    connections.settings[alias] = values
    connections.configure_settings(connections.settings)
    try:
        yield connections[alias]
    finally:
        connection = connections[alias]
        connection.close()
        close_pool = getattr(connection, "close_pool", None)
        if close_pool is not None:
            close_pool()
        del connections[alias]
        del connections.settings[alias]


@pytest.fixture(scope="module")
def replica(django_db_setup: None) -> Iterator[str]:
    """``replica1``: the test database over a connection of its own, which refuses writes."""
    options = copy.deepcopy(connections.settings[DEFAULT_DB_ALIAS]["OPTIONS"])
    options["options"] = "-c default_transaction_read_only=on"
    with extra_database("replica1", OPTIONS=options):
        yield "replica1"


@pytest.fixture
def routed(replica: str, settings: LazySettings) -> None:
    settings.DATABASE_ROUTERS = ["maoni.routers.ReplicaRouter"]
    settings.MIDDLEWARE = [
        settings.MIDDLEWARE[0],
        "maoni.routers.ReadYourWrites",
        *settings.MIDDLEWARE[1:],
    ]


@contextmanager
def queries_on(*aliases: str) -> Iterator[list[list[str]]]:
    """The SQL each alias runs within the block, alias by alias."""
    found: list[list[str]] = [[] for _alias in aliases]
    with ExitStack() as stack:
        captured = [
            stack.enter_context(CaptureQueriesContext(connections[alias])) for alias in aliases
        ]
        yield found
    for each, sql in zip(captured, found, strict=True):
        sql.extend(query["sql"] for query in each.captured_queries)


def reads_of(table: str, sql: list[str]) -> list[str]:
    return [query for query in sql if query.startswith("SELECT") and f'"{table}"' in query]


def comment_on(article: Article, body: str) -> None:
    Comment.objects.create(
        thread=article.thread,
        body=body,
        body_html=f"<p>{body}</p>",
        author_name="Wanjiru",
        created=timezone.now(),
    )
    Thread.objects.filter(pk=article.thread_id).update(
        public_count=F("public_count") + 1, version=F("version") + 1
    )


@pytest.mark.django_db(transaction=True, databases=["default", "replica1"])
def test_a_page_rendered_for_one_reader_is_read_from_the_replica(
    routed: None, make_article: Callable[..., Article]
):
    article = make_article()
    comment_on(article, "Maji ni uhai.")
    url = f"{article.get_absolute_url()}?from=newsletter"
    # The first page ever shown writes the site's settings rows: then it has written.
    assert COOKIE in Client().get(url).cookies
    with queries_on("default", "replica1") as (primary, replica):
        # Not a page that is kept: any query but ?page=N is rendered for the asker.
        response = Client().get(url)
    assert COOKIE not in response.cookies
    assert response.status_code == 200
    assert "Maji ni uhai." in response.content.decode()
    assert reads_of("articles_article", replica)
    assert reads_of("comments_comment", replica)
    assert not reads_of("articles_article", primary)
    assert not reads_of("comments_comment", primary)


@pytest.mark.django_db(transaction=True, databases=["default", "replica1"])
def test_a_page_kept_for_everyone_is_read_from_the_primary(
    routed: None, make_article: Callable[..., Article]
):
    article = make_article()
    comment_on(article, "Maji ni uhai.")
    # The first page ever shown writes the site's settings rows (and is not kept).
    assert COOKIE in Client().get(article.get_absolute_url()).cookies
    client = Client()
    with queries_on("default", "replica1") as (primary, replica):
        assert client.get(article.get_absolute_url()).status_code == 200
    assert replica == []
    assert reads_of("articles_article", primary)
    with queries_on("default", "replica1") as (primary, replica):
        assert "Maji ni uhai." in client.get(article.get_absolute_url()).content.decode()
    assert primary == replica == []  # served from the page store


@pytest.mark.django_db(transaction=True, databases=["default", "replica1"])
def test_a_reader_who_posted_reads_from_the_primary_until_the_cookie_lapses(
    routed: None, reader: Reader, settings: LazySettings
):
    html = reader.open()
    # Fetching the question wrote it: start from a reader who has written nothing.
    assert reader.client.cookies.pop(COOKIE).value
    with queries_on("default", "replica1") as (_primary, replica):
        response = reader.post(html, name="Menye", body="Maji yamerudi Nakuru.")
    assert response.status_code == 302
    assert replica == []
    cookie = response.cookies[COOKIE]
    assert cookie["max-age"] == settings.MAONI_REPLICA_LAG_SECONDS

    with queries_on("default", "replica1") as (primary, replica):
        page = reader.client.get(response["Location"])
    assert "Maji yamerudi Nakuru." in page.content.decode()
    assert replica == []
    assert reads_of("comments_comment", primary)

    # Its time is up (the browser drops it; here it is made to have lapsed).
    reader.client.cookies[COOKIE] = str(int(time.time()) - 1)
    with queries_on("default", "replica1") as (primary, replica):
        page = reader.client.get(response["Location"])
    assert page.status_code == 200
    # The reader may still change the comment: the page is theirs, not kept.
    assert "private" in page["Cache-Control"]
    assert reads_of("comments_comment", replica)
    assert not reads_of("comments_comment", primary)


@pytest.mark.django_db(transaction=True, databases=["default", "replica1"])
def test_the_doctor_finds_the_primary_named_again(replica: str):
    (finding,) = health.read_replicas()
    assert not finding.ok
    assert "replica1" in finding.text
    assert "the primary's database named again" in finding.text


@contextmanager
def outside_a_test_case(blocker: Any) -> Iterator[None]:
    """Database access with no test case around it: what it opens, it closes."""
    with blocker.unblock():
        try:
            yield
        finally:
            connections.close_all()


def replica_findings(alias: str, blocker: Any, **changes: Any) -> list[Finding]:
    """What the doctor says of ``alias``, a database set up as told."""
    with outside_a_test_case(blocker), extra_database(alias, **changes):
        return [finding for finding in health.read_replicas() if alias in finding.text]


def test_the_doctor_finds_a_database_that_is_no_standby(
    django_db_setup: None, django_db_blocker: Any
):
    # Another database of the same server: it answers, and takes writes.
    (finding,) = replica_findings("replica9", django_db_blocker, NAME="postgres", OPTIONS={})
    assert not finding.ok
    assert "is not in recovery" in finding.text


def test_the_doctor_finds_a_replica_that_does_not_answer(
    django_db_setup: None, django_db_blocker: Any
):
    (finding,) = replica_findings(
        "replica9", django_db_blocker, PORT="1", OPTIONS={"connect_timeout": 2}
    )
    assert not finding.ok
    assert "cannot be reached" in finding.text


def test_a_replica_that_does_not_answer_is_found_out(django_db_setup: None, django_db_blocker: Any):
    with outside_a_test_case(django_db_blocker):
        with extra_database("replica9", PORT="1", OPTIONS={}):
            assert not routers._answers("replica9")
        with extra_database("replica9"):
            assert routers._answers("replica9")
