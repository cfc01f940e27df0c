"""DATABASE_URL and REDIS_URL pick the engines; bad values say what is wrong."""

from __future__ import annotations

from pathlib import Path

import pytest

from maoni.config import ConfigurationError, database_from_url, databases, redis_url


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


def test_a_bad_setting_stops_the_command_line_with_one_plain_sentence(tmp_path: Path):
    import os
    import subprocess
    import sys

    environ = {**os.environ, "MAONI_VAR_DIR": str(tmp_path), "DATABASE_URL": "mysql://x/news"}
    environ.pop("DJANGO_SETTINGS_MODULE", None)
    done = subprocess.run(
        [sys.executable, "manage.py", "check"],
        env=environ,
        capture_output=True,
        text=True,
        timeout=60,
        check=False,
    )
    assert done.returncode == 1
    assert done.stderr.strip() == (
        "Maoni cannot start: DATABASE_URL must start with sqlite:// or postgres://, not mysql://."
    )
