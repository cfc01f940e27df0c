"""DATABASE_URL and REDIS_URL pick the engines; bad values say what is wrong."""

from __future__ import annotations

import os
from pathlib import Path

import pytest

from maoni.config import (
    POSTGRES_ENGINE,
    ConfigurationError,
    database_from_url,
    databases,
    page_counters,
    redis_url,
    whole_number,
)
from tests.commands import finished


def test_without_a_url_maoni_stays_embedded(tmp_path: Path):
    default = databases({}, tmp_path)["default"]
    assert default["ENGINE"] == "django.db.backends.sqlite3"
    assert default["NAME"] == str(tmp_path / "maoni.sqlite3")
    assert default["OPTIONS"]["transaction_mode"] == "IMMEDIATE"
    assert "synchronous=NORMAL" in default["OPTIONS"]["init_command"]
    assert default["TEST"]["NAME"] == str(tmp_path / "test.sqlite3")


def test_a_postgres_url_gives_a_pooled_connection():
    default = database_from_url(
        "postgres://maoni:s%40cret@db.example:6432/news?sslmode=require", pool_size=8
    )
    assert default["ENGINE"] == "django.db.backends.postgresql"
    assert (default["NAME"], default["USER"], default["PASSWORD"]) == ("news", "maoni", "s@cret")
    assert (default["HOST"], default["PORT"]) == ("db.example", "6432")
    assert default["OPTIONS"]["sslmode"] == "require"
    assert default["OPTIONS"]["pool"]["max_size"] == 8
    assert default["CONN_MAX_AGE"] == 0


@pytest.mark.parametrize(
    ("url", "name"),
    [
        ("sqlite:///var/site.sqlite3", "var/site.sqlite3"),
        ("sqlite:////srv/maoni/db", "/srv/maoni/db"),
    ],
)
def test_a_sqlite_url_names_a_file(url: str, name: str):
    assert database_from_url(url)["NAME"] == name


@pytest.mark.parametrize(
    ("environ", "said"),
    [
        (
            {"DATABASE_URL": "mysql://root@localhost/news"},
            "must start with sqlite:// or postgres://",
        ),
        ({"DATABASE_URL": "postgres://localhost"}, "names no database"),
        ({"DATABASE_URL": "sqlite://"}, "names no file"),
        ({"DATABASE_URL": "postgres://h:port/x"}, "port that is not a number"),
        ({"DATABASE_URL": "postgres://h/x", "MAONI_DB_POOL_SIZE": "many"}, "whole number"),
        ({"MAONI_SQLITE_SYNCHRONOUS": "sometimes"}, "OFF, NORMAL, FULL or EXTRA"),
    ],
)
def test_bad_values_say_what_is_wrong(tmp_path: Path, environ: dict[str, str], said: str):
    with pytest.raises(ConfigurationError, match=said):
        databases(environ, tmp_path)


def test_redis_url():
    assert redis_url({}) == ""
    assert redis_url({"REDIS_URL": " redis://127.0.0.1:6379/0 "}) == "redis://127.0.0.1:6379/0"
    with pytest.raises(ConfigurationError, match="redis://"):
        redis_url({"REDIS_URL": "http://127.0.0.1:6379"})


def test_whole_numbers_are_read_or_refused_in_plain_words():
    assert whole_number({}, "MAONI_REPLICA_LAG_SECONDS", 5) == 5
    assert whole_number({"MAONI_REPLICA_LAG_SECONDS": " 12 "}, "MAONI_REPLICA_LAG_SECONDS", 5) == 12
    for bad in ("five", "-3", "2.5"):
        with pytest.raises(ConfigurationError, match="MAONI_REPLICA_LAG_SECONDS must be a whole"):
            whole_number({"MAONI_REPLICA_LAG_SECONDS": bad}, "MAONI_REPLICA_LAG_SECONDS", 5)
    with pytest.raises(ConfigurationError, match="1 or more"):
        databases({"DATABASE_URL": "postgres://u@h/db", "MAONI_DB_POOL_SIZE": "0"}, Path("var"))


def test_page_counters_go_where_every_app_server_can_read_them():
    sqlite = "django.db.backends.sqlite3"
    redis = "redis://127.0.0.1:6379/0"
    assert page_counters({}, engine=sqlite, redis="") == "file"
    assert page_counters({}, engine=POSTGRES_ENGINE, redis="") == "database"
    assert page_counters({}, engine=POSTGRES_ENGINE, redis=redis) == "redis"
    # One machine on PostgreSQL may keep them in var/ for speed.
    chosen = {"MAONI_PAGE_COUNTERS": " File "}
    assert page_counters(chosen, engine=POSTGRES_ENGINE, redis="") == "file"
    with pytest.raises(ConfigurationError, match="file, database or redis"):
        page_counters({"MAONI_PAGE_COUNTERS": "memcached"}, engine=sqlite, redis="")
    with pytest.raises(ConfigurationError, match="needs REDIS_URL"):
        page_counters({"MAONI_PAGE_COUNTERS": "redis"}, engine=sqlite, redis="")


def test_a_bad_setting_stops_the_command_line_with_one_plain_sentence(tmp_path: Path):
    environ = {**os.environ, "MAONI_VAR_DIR": str(tmp_path), "DATABASE_URL": "mysql://x/news"}
    environ.pop("DJANGO_SETTINGS_MODULE", None)
    done = finished(environ, "manage.py", "check")
    assert done.returncode == 1
    assert done.stderr.strip() == (
        "Maoni cannot start: DATABASE_URL must start with sqlite:// or postgres://, not mysql://."
    )


PRIMARY = "postgres://maoni:secret@db1.internal:5432/news"


def test_replica_urls_add_read_replicas_after_the_primary(tmp_path: Path):
    found = databases(
        {
            "DATABASE_URL": PRIMARY,
            "DATABASE_REPLICA_URLS": " postgres://reader@db2.internal/news?sslmode=require ,"
            "postgresql://reader@db3.internal:6432/news,",
            "MAONI_DB_POOL_SIZE": "6",
        },
        tmp_path,
    )
    assert list(found) == ["default", "replica1", "replica2"]
    first, second = found["replica1"], found["replica2"]
    assert (first["HOST"], first["PORT"], first["USER"]) == ("db2.internal", "", "reader")
    assert first["OPTIONS"]["sslmode"] == "require"
    assert (second["HOST"], second["PORT"]) == ("db3.internal", "6432")
    # The same pool as the primary's, one per replica.
    assert first["OPTIONS"]["pool"] == found["default"]["OPTIONS"]["pool"]
    assert first["OPTIONS"]["pool"]["max_size"] == 6
    assert first["OPTIONS"]["pool"] is not found["default"]["OPTIONS"]["pool"]
    # Tests need no replica: each alias reads the test database.
    assert first["TEST"] == second["TEST"] == {"MIRROR": "default"}
    assert "TEST" not in found["default"]


@pytest.mark.parametrize("unset", [{}, {"DATABASE_REPLICA_URLS": " , "}])
def test_without_replica_urls_there_is_only_the_primary(tmp_path: Path, unset: dict[str, str]):
    assert list(databases({"DATABASE_URL": PRIMARY, **unset}, tmp_path)) == ["default"]


@pytest.mark.parametrize(
    ("environ", "said"),
    [
        (
            {"DATABASE_REPLICA_URLS": "postgres://db2/news"},
            "DATABASE_REPLICA_URLS needs a PostgreSQL primary",
        ),
        (
            {"DATABASE_URL": "sqlite:///x.sqlite3", "DATABASE_REPLICA_URLS": "postgres://db2/n"},
            "DATABASE_REPLICA_URLS needs a PostgreSQL primary",
        ),
        (
            {"DATABASE_URL": PRIMARY, "DATABASE_REPLICA_URLS": "sqlite:///copy.sqlite3"},
            r"DATABASE_REPLICA_URLS \(replica 1\) must be a postgres:// URL",
        ),
        (
            {"DATABASE_URL": PRIMARY, "DATABASE_REPLICA_URLS": "postgres://db2/n,mysql://db3/n"},
            r"DATABASE_REPLICA_URLS \(replica 2\) must start with sqlite:// or postgres://",
        ),
        (
            {"DATABASE_URL": PRIMARY, "DATABASE_REPLICA_URLS": "postgres://db2:port/news"},
            r"DATABASE_REPLICA_URLS \(replica 1\) has a port that is not a number",
        ),
        (
            {"DATABASE_URL": PRIMARY, "DATABASE_REPLICA_URLS": "postgres://db2"},
            r"DATABASE_REPLICA_URLS \(replica 1\) names no database",
        ),
    ],
)
def test_bad_replica_urls_say_what_is_wrong(tmp_path: Path, environ: dict[str, str], said: str):
    with pytest.raises(ConfigurationError, match=said):
        databases(environ, tmp_path)


def test_a_bad_replica_url_does_not_show_its_password(tmp_path: Path):
    environ = {"DATABASE_URL": PRIMARY, "DATABASE_REPLICA_URLS": "postgres://u:hunter2@db2:x/n"}
    with pytest.raises(ConfigurationError) as raised:
        databases(environ, tmp_path)
    assert "hunter2" not in str(raised.value)
