"""The API's OpenAPI description is made from the code and served with a page to browse it."""

from __future__ import annotations

import pytest
from django.test import Client

pytestmark = pytest.mark.django_db


def test_the_description_is_openapi_3_1_and_names_every_call() -> None:
    response = Client().get("/api/v1/openapi.json")
    assert response.status_code == 200
    described = response.json()
    assert described["openapi"].startswith("3.1")
    assert set(described["paths"]) == {
        "/api/v1/thread",
        "/api/v1/counts",
        "/api/v1/comments/{comment_id}",
        "/api/v1/comments/{comment_id}/reports",
        "/api/v1/form",
        "/api/v1/comments",
        "/api/v1/previews",
        "/api/v1/moderation/queue",
        "/api/v1/moderation/comments/{comment_id}",
        "/api/v1/moderation/actions",
        "/api/v1/moderation/threads/{thread_id}",
    }
    errors = described["paths"]["/api/v1/comments"]["post"]["responses"]
    assert {"201", "202", "400", "403", "422", "429"} <= set(errors)


def test_the_browsable_page_is_served_from_maoni_itself() -> None:
    response = Client().get("/api/v1/docs/")
    assert response.status_code == 200
    page = response.content.decode()
    assert "swagger-ui" in page
    assert "cdn." not in page
