"""Site-wide pieces: the template context every page shares, and error pages."""

from __future__ import annotations

import sys
from collections.abc import Callable
from typing import TypeVar

from django.conf import settings
from django.db.utils import InterfaceError, OperationalError
from django.http import HttpRequest, HttpResponse, HttpResponseBase, JsonResponse, QueryDict
from django.shortcuts import render
from django.template.loader import render_to_string
from django.utils.translation import gettext as _


def context(request: HttpRequest) -> dict[str, str]:
    return {"site_name": settings.MAONI_SITE_NAME}


Answer = TypeVar("Answer", bound=HttpResponseBase)


def too_many(response: Answer, wait: int) -> Answer:
    """The response as a 429 Too Many Requests, saying in how many seconds to ask again."""
    response.status_code = 429
    response["Retry-After"] = str(wait)
    return response


def csrf_failure(request: HttpRequest, reason: str = "") -> HttpResponse:
    """A refused form, with the comment the reader typed shown so it is not lost."""
    body = request.POST.get("body", "") if request.method == "POST" else ""
    message = _(
        "This form has expired or did not come from this site, so nothing was saved. "
        "Go back, reload the page and send it again."
    )
    return render(request, "403_csrf.html", {"message": message, "body": body}, status=403)


NUL = "\x00"


class RefuseNulCharacters:
    """Answers 400 to a request with a NUL character in its query, cookies or field names.

    No browser sends one, and PostgreSQL cannot store or even compare text
    holding one: left to reach the database it would be a 500. Form values
    are left to the forms, which refuse NUL field by field and show the form
    again with everything typed.
    """

    def __init__(self, get_response: Callable[[HttpRequest], HttpResponse]) -> None:
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        if request.META.get("QUERY_STRING") and _holds_nul(request.GET):
            return self.refuse(request, body="")
        if request.method == "POST" and any(NUL in key for key in request.POST):
            return self.refuse(request, body=request.POST.get("body", "").replace(NUL, ""))
        if any(NUL in key or NUL in value for key, value in request.COOKIES.items()):
            return self.refuse(request, body="")
        return self.get_response(request)

    @staticmethod
    def refuse(request: HttpRequest, *, body: str) -> HttpResponse:
        message = _(
            "The request held a NUL character (code 0), which no form sends and this site "
            "cannot store, so nothing was saved."
        )
        if request.path.startswith("/api/"):
            return JsonResponse({"code": "bad_request", "message": message}, status=400)
        return render(request, "400.html", {"message": message, "body": body}, status=400)


def _holds_nul(data: QueryDict) -> bool:
    return any(NUL in key or any(NUL in value for value in values) for key, values in data.lists())


def bad_request(request: HttpRequest, exception: Exception) -> HttpResponse:
    return render(request, "400.html", status=400)


def permission_denied(request: HttpRequest, exception: Exception) -> HttpResponse:
    return render(request, "403.html", status=403)


def page_not_found(request: HttpRequest, exception: Exception) -> HttpResponse:
    return render(request, "404.html", status=404)


# Seconds a reader is asked to wait when the database is busy or away.
BUSY_RETRY_AFTER = 5


# SQLite's words for a writer that waited its whole busy timeout.
_SQLITE_BUSY = ("database is locked", "database table is locked", "database is busy")
# PostgreSQL's classes of errors that pass: the connection (08), resources such as
# connections (53), the server shutting down or starting (57P), a conflict to retry (40).
_POSTGRES_PASSING = ("08", "53", "57P", "40")


def is_overload(error: BaseException) -> bool:
    """Whether a database error is one that passes (busy, away, restarting) rather than a fault.

    A missing table, a read-only or damaged file stay faults (500), so that
    a broken deployment is not mistaken for a busy one.
    """
    if isinstance(error, InterfaceError):
        return True  # the connection was closed under the request
    if not isinstance(error, OperationalError):
        return False
    cause = error.__cause__
    sqlstate = getattr(cause, "sqlstate", None)
    if cause is not None and type(cause).__module__.startswith("psycopg"):
        # No SQLSTATE: the client lost the server or found the pool empty.
        return sqlstate is None or str(sqlstate).startswith(_POSTGRES_PASSING)
    return any(words in str(error) for words in _SQLITE_BUSY)


def server_error(request: HttpRequest) -> HttpResponse:
    """500, except when the database is busy or cannot be reached: then 503, and try again.

    A database that keeps writers waiting past the busy timeout ("database is
    locked"), a full connection pool or a database restarting is overload,
    not a fault: the reader is told nothing was saved, given what they wrote,
    and asked to send it again shortly (``Retry-After``).
    """
    error = sys.exc_info()[1]
    if error is not None and is_overload(error):
        body = request.POST.get("body", "") if request.method == "POST" else ""
        message = _(
            "The site is very busy just now and nothing was saved. Send it again in a few seconds."
        )
        response = HttpResponse(
            render_to_string("503.html", {"message": message, "body": body}), status=503
        )
        response["Retry-After"] = str(BUSY_RETRY_AFTER)
        return response
    return HttpResponse(render_to_string("500.html"), status=500)
