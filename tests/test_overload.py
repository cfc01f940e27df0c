"""A busy or unreachable database is a 503 with Retry-After, and the comment comes back."""

from __future__ import annotations

import pytest
from django.db.utils import OperationalError

from maoni.comments import services
from maoni.site import is_overload, server_error
from tests.conftest import Reader


class FakePsycopgError(Exception):
    """What psycopg raises, with the SQLSTATE the server sent (None: no server answer)."""

    def __init__(self, sqlstate: str | None) -> None:
        super().__init__("from the server")
        self.sqlstate = sqlstate


FakePsycopgError.__module__ = "psycopg.errors"


@pytest.mark.parametrize("pool", [False, True], ids=["database is locked", "pool empty"])
def test_an_overloaded_database_asks_the_reader_to_send_again(reader: Reader, monkeypatch, pool):
    def busy(**_fields: object) -> None:
        if pool:  # as Django wraps psycopg_pool's PoolTimeout
            raise OperationalError("couldn't get a connection after 10 sec") from (
                FakePsycopgError(None)
            )
        raise OperationalError("database is locked")

    monkeypatch.setattr(services, "comment_post", busy)
    reader.client.raise_request_exception = False
    response = reader.post(body="Tuko pamoja, lakini polepole.")
    assert response.status_code == 503
    assert response["Retry-After"] == "5"
    page = response.content.decode()
    assert "nothing was saved" in page
    assert ">Tuko pamoja, lakini polepole.</textarea>" in page


@pytest.mark.parametrize(
    "error",
    [
        RuntimeError("a bug"),
        OperationalError("no such table: comments_comment"),  # migrate was not run
        OperationalError("attempt to write a readonly database"),
        OperationalError("disk I/O error"),
    ],
)
def test_other_faults_stay_a_plain_500(rf, error):
    request = rf.post("/news/x/comment/", {"body": "x"})
    try:
        raise error
    except Exception:
        response = server_error(request)
    assert response.status_code == 500
    assert "Retry-After" not in response


@pytest.mark.parametrize(
    ("sqlstate", "passes"),
    [
        (None, True),  # connection lost, or the pool empty
        ("08006", True),  # connection failure
        ("53300", True),  # too many connections
        ("57P01", True),  # the server is shutting down
        ("57P03", True),  # the server is starting
        ("40001", True),  # serialization failure: send again
        ("XX001", False),  # data corrupted
        ("58030", False),  # I/O error
    ],
)
def test_postgresql_errors_that_pass_are_told_from_faults(sqlstate, passes):
    error = OperationalError("wrapped")
    error.__cause__ = FakePsycopgError(sqlstate)
    assert is_overload(error) is passes
