"""Read replicas: reads go to them; a reader's own writes and pages kept for everyone do not.

The routing rules, tried on requests made up for the purpose, and what the
doctor says of replicas. Whole requests on PostgreSQL: test_replicas_postgres.py.
"""

from __future__ import annotations

import os
import time

import pytest
from django.conf import LazySettings
from django.db import transaction
from django.http import HttpRequest, HttpResponse, HttpResponseBase
from django.test import RequestFactory

from maoni.articles.models import Article
from maoni.comments.models import Comment, Thread
from maoni.operations import health
from maoni.pagecache.counters import SITE
from maoni.pagecache.memos import Memo
from maoni.pagecache.middleware import PageCacheMiddleware
from maoni.routers import (
    COOKIE,
    RETRY_SECONDS,
    ReadYourWrites,
    ReplicaRouter,
    changes_rows,
    lag_cookie_holds,
    primary_reads,
    reads_may_lag,
)
from tests.commands import run

ROUTER = ReplicaRouter(["replica1", "replica2"], answers=lambda alias: True)


class Probe:
    """A view that reads, and writes when told to, noting where each read would go."""

    def __init__(self, *steps: str) -> None:
        self.steps = steps or ("read",)
        self.went: list[str] = []

    def __call__(self, request: HttpRequest) -> HttpResponse:
        for step in self.steps:
            if step == "read":
                self.went.append(ROUTER.db_for_read(Comment))
            elif step == "write":
                # A statement that changes rows, though here it finds none to change.
                Article.objects.filter(pk=-1).update(title="Changed")
            elif step == "get_or_create":
                # Asks for a writing connection, and finds the row: no write.
                Thread.objects.get_or_create(key="kept", defaults={})
        return HttpResponse("done")


def answer(request: HttpRequest, probe: Probe) -> HttpResponseBase:
    return ReadYourWrites(probe)(request)


def test_a_get_reads_from_a_replica(rf: RequestFactory):
    probe = Probe("read", "read")
    response = answer(rf.get("/news/x/"), probe)
    assert probe.went == ["replica1", "replica1"] or probe.went == ["replica2", "replica2"]
    assert COOKIE not in response.cookies


def test_each_request_reads_from_one_replica_and_requests_take_turns(rf: RequestFactory):
    seen = []
    for _ in range(4):
        probe = Probe("read", "read", "read")
        answer(rf.get("/"), probe)
        assert len(set(probe.went)) == 1
        seen.append(probe.went[0])
    assert set(seen) == {"replica1", "replica2"}
    assert seen[0] != seen[1]


def test_a_replica_that_does_not_answer_is_left_out_for_a_while(rf: RequestFactory):
    down = {"replica1"}
    now = [1000.0]
    router = ReplicaRouter(
        ["replica1", "replica2"], answers=lambda alias: alias not in down, clock=lambda: now[0]
    )

    def reads() -> list[str]:
        went: list[str] = []

        def view(request: HttpRequest) -> HttpResponse:
            went.append(router.db_for_read(Comment))
            return HttpResponse()

        for _ in range(4):
            ReadYourWrites(view)(rf.get("/"))
        return went

    assert reads() == ["replica2"] * 4
    down.clear()
    now[0] += RETRY_SECONDS - 1
    assert set(reads()) == {"replica2"}
    now[0] += 1
    assert set(reads()) == {"replica1", "replica2"}
    # None answers: the primary does.
    down.update({"replica1", "replica2"})
    now[0] += RETRY_SECONDS
    assert reads() == ["default"] * 4


@pytest.mark.parametrize("method", ["post", "put", "patch", "delete"])
def test_a_request_that_may_write_reads_from_the_primary_from_the_start(
    rf: RequestFactory, method: str
):
    probe = Probe("read")
    response = answer(getattr(rf, method)("/news/x/comment/"), probe)
    assert probe.went == ["default"]
    # It wrote nothing: the reader's next reads need not come from the primary.
    assert COOKIE not in response.cookies


@pytest.mark.django_db(transaction=True)
def test_a_request_that_wrote_reads_the_rest_from_the_primary_and_so_does_its_reader(
    rf: RequestFactory, settings: LazySettings
):
    settings.MAONI_REPLICA_LAG_SECONDS = 7
    probe = Probe("read", "write", "read", "read")
    response = answer(rf.get("/comments/state/"), probe)
    assert probe.went[0].startswith("replica")
    assert probe.went[1:] == ["default", "default"]
    cookie = response.cookies[COOKIE]
    assert cookie["max-age"] == 7
    assert cookie["httponly"]
    assert cookie["samesite"] == "Lax"
    assert 6 < float(cookie.value) - time.time() <= 8

    later = Probe("read")
    answer(rf.get("/news/x/", HTTP_COOKIE=f"{COOKIE}={cookie.value}"), later)
    assert later.went == ["default"]


@pytest.mark.django_db(transaction=True)
def test_asking_for_a_writing_connection_only_to_read_is_no_write(rf: RequestFactory):
    Thread.objects.create(key="kept")
    probe = Probe("get_or_create", "read")
    response = answer(rf.get("/"), probe)
    assert probe.went[0].startswith("replica")
    assert COOKIE not in response.cookies


@pytest.mark.parametrize(
    ("sql", "writes"),
    [
        ('SELECT "comments_comment"."id" FROM "comments_comment"', False),
        ("  select 1", False),
        ("(SELECT 1) UNION (SELECT 2)", False),
        ('SELECT "id" FROM "comments_challenge" WHERE "id" = %s FOR UPDATE', False),
        ('SAVEPOINT "s1_x1"', False),
        ('RELEASE SAVEPOINT "s1_x1"', False),
        ("SHOW synchronous_commit", False),
        ('INSERT INTO "comments_comment" ("body") VALUES (%s)', True),
        ('UPDATE "comments_thread" SET "version" = "version" + 1', True),
        ('DELETE FROM "comments_challenge" WHERE "id" = %s RETURNING "answer"', True),
        ("WITH gone AS (DELETE FROM t RETURNING id) SELECT count(*) FROM gone", True),
        ("TRUNCATE comments_comment", True),
    ],
)
def test_statements_that_change_rows(sql: str, writes: bool):
    assert changes_rows(sql) is writes


@pytest.mark.parametrize(
    ("value", "holds"),
    [
        ("1000", True),
        ("1000.5", True),
        ("999", False),
        ("", False),
        (None, False),
        ("soon", False),
    ],
)
def test_the_lag_cookie_holds_until_the_time_it_names(value: str | None, holds: bool):
    assert lag_cookie_holds(value, now=999.0) is holds


def test_a_lapsed_cookie_reads_from_a_replica_again(rf: RequestFactory):
    probe = Probe("read")
    answer(rf.get("/", HTTP_COOKIE=f"{COOKIE}={int(time.time()) - 1}"), probe)
    assert probe.went[0].startswith("replica")


def test_without_a_request_everything_is_read_from_the_primary():
    # Commands, cron jobs and the shell: they read what they are about to change.
    assert ROUTER.db_for_read(Comment) == "default"
    assert not reads_may_lag()


def test_reads_for_what_is_kept_beyond_the_request_go_to_the_primary(rf: RequestFactory):
    went: list[str] = []

    def view(request: HttpRequest) -> HttpResponse:
        with primary_reads():
            went.append(ROUTER.db_for_read(Comment))
        went.append(ROUTER.db_for_read(Comment))
        return HttpResponse()

    ReadYourWrites(view)(rf.get("/"))
    assert went[0] == "default"
    assert went[1].startswith("replica")


@pytest.mark.django_db(transaction=True)
def test_reads_inside_a_transaction_on_the_primary_go_to_the_primary(rf: RequestFactory):
    went: list[str] = []

    def view(request: HttpRequest) -> HttpResponse:
        went.append(ROUTER.db_for_read(Comment))
        with transaction.atomic():
            went.append(ROUTER.db_for_read(Comment))
        return HttpResponse()

    ReadYourWrites(view)(rf.get("/"))
    assert went[0].startswith("replica")
    assert went[1] == "default"


def test_rows_related_to_a_row_read_from_the_primary_are_read_there(rf: RequestFactory):
    from_primary, from_replica = Article(), Article()
    from_primary._state.db = "default"
    from_replica._state.db = "replica2"
    went: list[str] = []

    def view(request: HttpRequest) -> HttpResponse:
        went.append(ROUTER.db_for_read(Comment, instance=from_primary))
        went.append(ROUTER.db_for_read(Comment, instance=from_replica))
        return HttpResponse()

    ReadYourWrites(view)(rf.get("/"))
    assert went[0] == "default"
    assert went[1].startswith("replica")


def test_only_the_primary_is_migrated_and_rows_may_relate_across_aliases():
    assert ROUTER.allow_migrate("default", "comments")
    assert not ROUTER.allow_migrate("replica1", "comments")
    assert ROUTER.allow_relation(Article(), Comment())
    assert ROUTER.db_for_write(Comment) == "default"


def test_without_replicas_every_read_goes_to_the_primary(rf: RequestFactory):
    went: list[str] = []

    def view(request: HttpRequest) -> HttpResponse:
        went.append(ReplicaRouter([]).db_for_read(Comment))
        return HttpResponse()

    ReadYourWrites(view)(rf.get("/"))
    assert went == ["default"]


def test_a_page_kept_for_everyone_is_rendered_from_the_primary(rf: RequestFactory):
    lagging: list[bool] = []

    def view(request: HttpRequest) -> HttpResponse:
        lagging.append(reads_may_lag())
        return HttpResponse("page")

    middleware = PageCacheMiddleware(ReadYourWrites(view))
    middleware(rf.get("/"))
    middleware(rf.get("/", HTTP_COOKIE="sessionid=abc"))
    middleware(rf.get("/", {"q": "maji"}))
    # The first may be kept and served to everyone; the other two are not kept.
    assert lagging == [False, True, True]


def test_a_memo_is_read_from_the_primary_and_keeps_nothing_read_from_a_replica(
    rf: RequestFactory,
):
    memo: Memo[str, str] = Memo(SITE, limit=4)
    made: list[str] = []

    def read() -> str:
        made.append(ROUTER.db_for_read(Comment))
        return "value"

    def view(request: HttpRequest) -> HttpResponse:
        assert memo.get_or_make("settings", read) == "value"
        assert memo.get_or_make("settings", read) == "value"
        # Rows a caller read itself, from a replica, are not kept.
        mark = memo.mark()
        memo.put("features", "read from a replica", mark=mark)
        assert memo.get("features") is None
        return HttpResponse()

    ReadYourWrites(view)(rf.get("/"))
    assert made == ["default"]
    memo.put("features", "read from the primary", mark=memo.mark())
    assert memo.get("features") == ("read from the primary",)


def test_replicas_install_the_router_and_its_middleware_and_nothing_else_does(tmp_path):
    """Settings as an app server computes them from its environment (no database needed)."""
    show = (
        "from django.conf import settings;"
        "print(sorted(settings.DATABASES), settings.DATABASE_ROUTERS, settings.MIDDLEWARE[:2])"
    )

    def settings_with(**environ: str) -> str:
        env = {
            **os.environ,
            "MAONI_VAR_DIR": str(tmp_path),
            "DJANGO_SETTINGS_MODULE": "maoni.settings",
            **environ,
        }
        return run(env, "-c", show).strip()

    assert settings_with(DATABASE_URL="postgres://db1/news", DATABASE_REPLICA_URLS="") == (
        "['default'] [] ['maoni.pagecache.middleware.PageCacheMiddleware', "
        "'django.middleware.security.SecurityMiddleware']"
    )
    assert settings_with(
        DATABASE_URL="postgres://db1/news",
        DATABASE_REPLICA_URLS="postgres://db2/news,postgres://db3/news",
    ) == (
        "['default', 'replica1', 'replica2'] ['maoni.routers.ReplicaRouter'] "
        "['maoni.pagecache.middleware.PageCacheMiddleware', 'maoni.routers.ReadYourWrites']"
    )


# The doctor's view of replicas.


@pytest.mark.parametrize(
    ("lsn", "position"),
    [
        ("0/0", 0),
        ("0/3000148", 0x3000148),
        ("16/B374D848", (0x16 << 32) + 0xB374D848),
        (None, None),
        ("", None),
        ("garbage", None),
        ("x/1", None),
    ],
)
def test_log_positions_are_read_as_bytes(lsn: str | None, position: int | None):
    assert health.wal_position(lsn) == position


Standby = health.Standby


@pytest.mark.parametrize(
    ("standby", "primary_at", "ok", "said"),
    [
        (Standby(False, None, None), 100, False, "is not in recovery"),
        (Standby(True, 100, 0.2), 100, True, "has replayed everything"),
        (Standby(True, 100, 3600.0), 100, True, "has replayed everything"),
        (Standby(True, 90, 2.0), 100, True, "10 bytes behind the primary"),
        (Standby(True, 90, 9.0), 100, False, "longer than MAONI_REPLICA_LAG_SECONDS (5)"),
        (Standby(True, 90, None), 100, True, "10 bytes behind"),
        (Standby(True, 90, 1.5), None, True, "committed 1.5 s ago"),
        (Standby(True, None, None), None, True, "has replayed no transaction yet"),
        (Standby(True, 90, 1.0, paused=True), 100, False, "pg_wal_replay_resume()"),
    ],
)
def test_a_replica_is_a_standby_that_keeps_up(
    standby: health.Standby, primary_at: int | None, ok: bool, said: str
):
    finding = health.replica_finding(
        "replica1", "news on db2:5432", standby, primary_at=primary_at, limit=5
    )
    assert finding.ok is ok
    assert finding.text.startswith("Read replica replica1 (news on db2:5432) ")
    assert said in finding.text


def test_without_replicas_the_doctor_says_nothing_of_them():
    assert list(health.read_replicas()) == []
