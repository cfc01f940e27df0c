"""Serving and storing shared pages inside Django.

``PageCacheMiddleware`` comes first in ``MIDDLEWARE``, so that what it stores
is the response as every other middleware left it (security headers, gzip),
and a page it answers from the store skips all of them. Views whose pages
may be shared say which counters their page depends on with ``watch`` before
they read anything, and render nothing personal when ``is_shared`` is true.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable
from functools import wraps
from typing import Any

import brotli  # type: ignore[import-untyped]  # Google's binding ships no types
from django.conf import settings
from django.http import HttpRequest, HttpResponse, HttpResponseBase
from django.utils.cache import patch_cache_control, patch_vary_headers

from maoni.pagecache.counters import UNKNOWN
from maoni.pagecache.store import (
    ENCODING,
    Entry,
    Key,
    answer,
    counters,
    etag_for,
    key_of,
    page_store,
)
from maoni.routers import primary_reads

# Quick and still smaller than gzip's default on these pages; paid once per version.
BROTLI_QUALITY = 5
_KEY = "_maoni_page_key"
_CHECKS = "_maoni_page_checks"
View = Callable[..., HttpResponseBase]


def is_shared(request: HttpRequest) -> bool:
    """True when the page being rendered will be served to other visitors too."""
    return getattr(request, _KEY, None) is not None


def watch(request: HttpRequest, slots: Iterable[int], *, expires: float | None = None) -> None:
    """Records the counters the page depends on; call before reading its rows."""
    if is_shared(request):
        slots = list(slots)
        values = counters().read_many(slots)
        if UNKNOWN in values:
            return  # counters out of reach: the page is not kept
        setattr(request, _CHECKS, (tuple(zip(slots, values, strict=True)), expires))


def watched(request: HttpRequest, slot: int) -> int | None:
    """The value counter ``slot`` had when ``watch`` read it for this page, or None."""
    checks = getattr(request, _CHECKS, None)
    if checks is None:
        return None
    return next((value for watched_slot, value in checks[0] if watched_slot == slot), None)


def expire_at(request: HttpRequest, moment: float | None) -> None:
    """The page changes by itself at ``moment`` (a Unix time): it is not served after it."""
    checks = getattr(request, _CHECKS, None)
    if checks is None or moment is None:
        return
    slots, expires = checks
    setattr(request, _CHECKS, (slots, moment if expires is None else min(expires, moment)))


def unwatch(request: HttpRequest) -> None:
    """The page must not be stored after all."""
    if hasattr(request, _CHECKS):
        delattr(request, _CHECKS)


def shareable(view: View) -> View:
    """Marks every page of ``view`` not stored for sharing as private to its visitor."""

    @wraps(view)
    def wrapped(request: HttpRequest, *args: Any, **kwargs: Any) -> HttpResponseBase:
        response = view(request, *args, **kwargs)
        if not is_shared(request):
            patch_cache_control(response, private=True, no_cache=True)
        return response

    return wrapped


def _http_response(status: str, headers: list[tuple[str, str]], body: bytes) -> HttpResponse:
    response = HttpResponse(body, status=int(status[:3]))
    for name, value in headers:
        response[name] = value
    return response


class PageCacheMiddleware:
    def __init__(self, get_response: Callable[[HttpRequest], HttpResponseBase]) -> None:
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponseBase:
        key = key_of(request.META)
        if key is None:
            return self.get_response(request)
        entry = page_store().get(key, counters())
        if entry is not None:
            return _http_response(*answer(entry, request.META))
        setattr(request, _KEY, key)
        if key[ENCODING] == "br":
            # Compressed here, once per version, rather than gzipped below.
            request.META["HTTP_ACCEPT_ENCODING"] = "identity"
        # A page kept for everyone is read from the primary: the counters it
        # is kept under may already count a change a read replica has not
        # replayed, and such a page would be served, stale, until the next one.
        with primary_reads():
            response = self.get_response(request)
        watched = getattr(request, _CHECKS, None)
        if (
            watched is None
            or response.status_code != 200
            or response.streaming
            or response.cookies
            or not isinstance(response, HttpResponse)
        ):
            if is_shared(request) and response.status_code == 200:
                patch_cache_control(response, private=True, no_cache=True)
            return response
        entry = self._store(key, response, *watched)
        return _http_response(*answer(entry, request.META))

    @staticmethod
    def _store(
        key: Key,
        response: HttpResponse,
        checks: tuple[tuple[int, int], ...],
        expires: float | None,
    ) -> Entry:
        if key[ENCODING] == "br" and not response.has_header("Content-Encoding"):
            response.content = brotli.compress(response.content, quality=BROTLI_QUALITY)
            response["Content-Encoding"] = "br"
            response["Content-Length"] = str(len(response.content))
            patch_vary_headers(response, ("Accept-Encoding",))
        response["ETag"] = etag_for(key, checks)
        # The page is the same whatever cookies came with it (see key_of).
        vary = [v.strip() for v in response.get("Vary", "").split(",") if v.strip()]
        if vary:
            kept = [v for v in vary if v.lower() != "cookie"]
            if kept:
                response["Vary"] = ", ".join(kept)
            else:
                del response["Vary"]
        patch_cache_control(
            response, public=True, max_age=0, s_maxage=settings.MAONI_SHARED_CACHE_SECONDS
        )
        entry = Entry(
            checks=checks,
            expires=expires,
            headers=tuple(response.items()),
            body=response.content,
            etag=response["ETag"],
        )
        page_store().put(key, entry)
        return entry
