"""Page counters in the database, for app servers that share PostgreSQL but no Redis."""

from __future__ import annotations

from collections.abc import Iterator

import pytest
from django.db import OperationalError, connections, transaction
from django.test import Client

from maoni.articles.models import Article
from maoni.pagecache import store
from maoni.pagecache.changes import site_changed
from maoni.pagecache.counters import FRONT, SITE, SPAM, UNKNOWN, DatabaseCounters
from maoni.pagecache.models import PageCounter
from tests.conftest import Reader

# Counters are written in autocommit, outside the test's transaction.
pytestmark = pytest.mark.django_db(transaction=True)


@pytest.fixture
def in_database(settings) -> Iterator[DatabaseCounters]:
    """The site's counters kept in the database, as MAONI_PAGE_COUNTERS=database keeps them."""
    settings.MAONI_PAGE_COUNTERS = "database"
    store.counters.cache_clear()
    counters = store.counters()
    assert isinstance(counters, DatabaseCounters)
    yield counters
    store.counters.cache_clear()


def test_a_change_on_one_server_is_seen_by_another_at_once(in_database: DatabaseCounters):
    other_server = DatabaseCounters()
    before = other_server.read(SITE)
    in_database.bump([SITE, FRONT])
    after = other_server.read_many([SITE, FRONT, 9])
    assert after[0] > before
    assert after[1] > 0
    assert after[2] == 0  # never moved: no row


def test_a_counter_never_goes_back_when_a_servers_clock_is_behind(in_database):
    far_ahead = 2**62
    PageCounter.objects.create(slot=SITE, value=far_ahead)
    in_database.bump([SITE])
    assert in_database.read(SITE) == far_ahead + 1


def test_a_change_in_a_transaction_moves_the_counter_after_the_commit(in_database):
    before = in_database.read(SITE)
    with transaction.atomic():
        site_changed()
        # Not within: the row would stay locked for every other writer until the commit.
        assert PageCounter.objects.filter(slot=SITE, value__gt=before).count() == 0
        # Meanwhile nothing this transaction reads is kept under the old value.
        assert in_database.read_many([SITE, FRONT]) == [UNKNOWN, in_database.read(FRONT)]
        assert in_database.read(SITE) == UNKNOWN
    assert in_database.read(SITE) > before


def test_a_rolled_back_change_moves_nothing(in_database):
    before = in_database.read(SITE)

    def change_then_fail() -> None:
        with transaction.atomic():
            site_changed()
            raise RuntimeError

    with pytest.raises(RuntimeError):
        change_then_fail()
    assert in_database.read(SITE) == before


def test_a_memo_read_in_a_transaction_that_is_undone_is_not_kept(in_database):
    from maoni.comments.models import CommentSettings

    CommentSettings.load()  # kept under the site counter as it stands

    def change_then_fail() -> None:
        with transaction.atomic():
            row = CommentSettings.load()
            row.first_comments_held = 7
            row.save()  # moves the site counter on, after a commit that never comes
            assert CommentSettings.load().first_comments_held == 7
            raise RuntimeError

    with pytest.raises(RuntimeError):
        change_then_fail()
    assert CommentSettings.load().first_comments_held != 7


def test_an_unreachable_database_reads_as_unknown_and_catches_up(in_database, monkeypatch):
    before = in_database.read(SITE)

    def gone() -> None:
        raise OperationalError("server closed the connection unexpectedly")

    with monkeypatch.context() as away:
        away.setattr(connections["default"], "cursor", gone)
        assert in_database.read_many([SITE, FRONT]) == [UNKNOWN, UNKNOWN]
        in_database.bump([SITE])  # logged and kept for later; never an error to the reader
    assert DatabaseCounters().read(SITE) == before
    # The next read that reaches the database makes the change first.
    assert in_database.read(SITE) > before


def test_a_kept_page_shows_a_new_comment_at_once(in_database, make_article):
    article: Article = make_article()
    visitor = Client()
    assert visitor.get(article.get_absolute_url()).status_code == 200
    kept = visitor.get(article.get_absolute_url())
    assert kept.status_code == 200
    reader = Reader(Client(enforce_csrf_checks=True), article)
    posted = reader.post(name="Wanjiru", mail="", body="The counters live in a table now.")
    assert posted.status_code == 302
    page = visitor.get(article.get_absolute_url()).content.decode()
    assert "The counters live in a table now." in page
    assert in_database.read(FRONT) > 0


def test_within_a_request_the_site_wide_slots_are_read_in_one_trip(in_database, monkeypatch):
    trips: list[list[int]] = []
    fetch = in_database._fetch

    def counted(slots):
        trips.append(list(slots))
        return fetch(slots)

    monkeypatch.setattr(in_database, "_fetch", counted)
    other_server = DatabaseCounters()
    in_database.request_begins()
    try:
        before = in_database.read(SITE)
        in_database.read(FRONT)
        in_database.read(SPAM)
        assert len(trips) == 1  # all eight site-wide slots at once
        other_server.bump([SITE])
        assert in_database.read(SITE) == before  # the request goes on with what it read
        in_database.bump([SITE])
        assert in_database.read(SITE) > before  # its own change is read again
        assert len(trips) == 2
        # A page's counters are always asked for.
        assert in_database.read_many([FRONT, SITE])[1] == in_database.read(SITE)
    finally:
        in_database.request_ends()
    trips.clear()
    in_database.read(SITE)
    in_database.read(SITE)
    assert len(trips) == 2  # outside a request, every read asks


def test_a_request_reads_each_counter_it_consults_once(in_database, make_article, monkeypatch):
    article = make_article()
    trips: list[list[int]] = []
    fetch = in_database._fetch

    def counted(slots):
        trips.append(list(slots))
        return fetch(slots)

    monkeypatch.setattr(in_database, "_fetch", counted)
    reader = Reader(Client(enforce_csrf_checks=True), article)
    html = reader.open()
    trips.clear()
    assert reader.post(html, name="Otieno", mail="", body="One trip is enough.").status_code == 302
    # Settings, spam checks and names: a dozen reads of site-wide slots, one trip.
    assert len(trips) <= 2, trips
