"""The API fuzzed against its own OpenAPI description: no 5xx, every answer as described.

Schemathesis makes requests from the schema, valid and invalid ones, and
sends them through the WSGI application.
Half of them are pointed at a registered site, a page with comments and a
moderator's token, so that they get past "no such site" into the code
that reads and posts.
"""

from __future__ import annotations

from typing import Any

import pytest
import schemathesis
from django.contrib.auth.models import Group, User
from django.core.wsgi import get_wsgi_application
from hypothesis import HealthCheck, settings
from schemathesis.checks import not_a_server_error
from schemathesis.specs.openapi.checks import (
    content_type_conformance,
    response_schema_conformance,
    status_code_conformance,
)

# Not among them: negative_data_rejection, which counts a request with a query
# parameter the schema does not name as invalid. The API ignores those, as
# web APIs do (a cache-busting "?_=…" must not break a read).
from maoni.api.models import ApiToken
from maoni.comments import services
from maoni.comments.models import Site, Thread
from maoni.moderation.roles import MODERATORS
from tests.api.conftest import ORIGIN

schema = schemathesis.openapi.from_wsgi("/api/v1/openapi.json", get_wsgi_application())
CHECKS = [
    not_a_server_error,
    status_code_conformance,
    content_type_conformance,
    response_schema_conformance,
]
PAGE = "/2026/12/fuzzed"


@pytest.fixture
def token(db: None) -> str:
    site = Site.objects.create(name="Example", slug="example", origins=ORIGIN)
    thread = Thread.objects.create(key=f"{site.pk}:{PAGE}", site=site, title="Fuzzed")
    for number in range(3):
        services.comment_post(thread=thread, body=f"Comment {number}", question_id=None)
    user = User.objects.create_user("desk", "desk@example.org", "pw")
    user.groups.add(Group.objects.get(name=MODERATORS))
    _row, made = ApiToken.make(user=user, name="fuzz")
    return made


def _aimed(case: Any) -> None:
    """Points the case at the registered site and its page, where it names one."""
    for part in (case.query, case.body):
        if isinstance(part, dict) and "site" in part:
            part["site"] = "example"
            if "thread" in part:
                part["thread"] = [PAGE] if isinstance(part["thread"], list) else PAGE


@schema.parametrize()
@settings(
    max_examples=40,
    deadline=None,
    suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow],
)
@pytest.mark.django_db(transaction=True)
def test_the_api_answers_as_its_schema_says(case: Any, token: str) -> None:
    # Kept pages are compressed for clients that accept it; this one reads them plain.
    headers = {"Origin": ORIGIN, "Authorization": f"Bearer {token}", "Accept-Encoding": "identity"}
    case.call_and_validate(headers=headers, checks=CHECKS)
    if case.query or isinstance(case.body, dict):
        _aimed(case)
        case.call_and_validate(headers=headers, checks=CHECKS)
