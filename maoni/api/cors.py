"""Cross-origin requests: allowed for the origins registered sites list, and no others.

Browsers ask first (an OPTIONS preflight) before a page's script may send
JSON or a custom header to another origin; ``Preflight`` answers those for
``/api/`` before anything else runs. Answers carry
``Access-Control-Allow-Origin`` only for a listed origin, and never
``Access-Control-Allow-Credentials``: the API takes no cookies, so a page
elsewhere can neither read nor act with a reader's login.
"""

from __future__ import annotations

import functools
import json
from collections.abc import Callable

from django.http import HttpRequest, HttpResponse, HttpResponseBase
from django.utils.cache import patch_vary_headers

from maoni.api.pages import origin_refused, own_origin, request_origin
from maoni.comments.models import Site
from maoni.pagecache.counters import SITE
from maoni.pagecache.memos import Memo

ALLOWED_METHODS = "GET, POST, PATCH, DELETE"
ALLOWED_HEADERS = "Content-Type, X-Maoni-Edit-Token, Authorization"
EXPOSED_HEADERS = "Retry-After, ETag"
# How long a browser may reuse a preflight's answer.
PREFLIGHT_SECONDS = 600


@functools.cache
def _listed() -> Memo[str, frozenset[str]]:
    return Memo(SITE)


def listed_origins() -> frozenset[str]:
    """Every origin some registered site lists; read again when a site changes."""

    def read() -> frozenset[str]:
        return frozenset(origin for site in Site.objects.all() for origin in site.origin_list)

    return _listed().get_or_make("origins", read)


def allow(request: HttpRequest, response: HttpResponseBase) -> None:
    """Lets the page that asked read this answer, when its origin is listed."""
    patch_vary_headers(response, ("Origin",))
    origin = request_origin(request)
    if origin is None or origin == own_origin(request) or origin not in listed_origins():
        return
    response["Access-Control-Allow-Origin"] = origin
    response["Access-Control-Expose-Headers"] = EXPOSED_HEADERS


class Preflight:
    """Answers browsers' OPTIONS preflights for the API."""

    def __init__(self, get_response: Callable[[HttpRequest], HttpResponseBase]) -> None:
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponseBase:
        if request.method != "OPTIONS" or not request.path.startswith("/api/"):
            return self.get_response(request)
        origin = request_origin(request)
        if origin is not None and origin not in listed_origins():
            error = {"code": "origin_not_allowed", "message": origin_refused(origin)}
            return HttpResponse(json.dumps(error), status=403, content_type="application/json")
        response = HttpResponse(status=204)
        if origin is not None:
            response["Access-Control-Allow-Origin"] = origin
            response["Access-Control-Allow-Methods"] = ALLOWED_METHODS
            response["Access-Control-Allow-Headers"] = ALLOWED_HEADERS
            response["Access-Control-Max-Age"] = str(PREFLIGHT_SECONDS)
        response["Vary"] = "Origin"
        return response
