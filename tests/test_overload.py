"""A busy or unreachable database is a 503 with Retry-After, and the comment comes back."""

from __future__ import annotations

import pytest
from django.db.utils import OperationalError

from maoni.comments import services
from maoni.site import server_error
from tests.conftest import Reader


@pytest.mark.parametrize("error", ["database is locked", "couldn't get a connection after 10 sec"])
def test_an_overloaded_database_asks_the_reader_to_send_again(reader: Reader, monkeypatch, error):
    def busy(**_fields: object) -> None:
        raise OperationalError(error)

    monkeypatch.setattr(services, "comment_post", busy)
    reader.client.raise_request_exception = False
    response = reader.post(body="Tuko pamoja, lakini polepole.")
    assert response.status_code == 503
    assert response["Retry-After"] == "5"
    page = response.content.decode()
    assert "nothing was saved" in page
    assert ">Tuko pamoja, lakini polepole.</textarea>" in page


def test_other_faults_stay_a_plain_500(rf):
    request = rf.post("/news/x/comment/", {"body": "x"})
    try:
        raise RuntimeError("a bug")
    except RuntimeError:
        response = server_error(request)
    assert response.status_code == 500
    assert "Retry-After" not in response
