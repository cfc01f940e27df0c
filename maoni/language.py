"""Which language a request is answered in, and the reader's choice of it.

The reader's choice (a cookie set by the language link on every page) comes
first, then the browser's ``Accept-Language``, then the site's own language
(``MAONI_LANGUAGE``). The decision is made from the WSGI environ alone, so
the page store's key (``pagecache.store.key_of``) and the page Django renders
always agree on it.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from django.conf import settings
from django.http import Http404, HttpRequest, HttpResponse, HttpResponseBase, HttpResponseRedirect
from django.http.cookie import parse_cookie
from django.utils import translation
from django.utils.cache import patch_vary_headers
from django.utils.http import url_has_allowed_host_and_scheme
from django.utils.translation.trans_real import parse_accept_lang_header

# How long a reader's choice of language is remembered.
CHOICE_SECONDS = 365 * 24 * 60 * 60


def chosen(environ: dict[str, Any]) -> str | None:
    """The language the reader chose with the language link, if they chose one Maoni has."""
    cookies = environ.get("HTTP_COOKIE")
    if not cookies or settings.LANGUAGE_COOKIE_NAME not in cookies:
        return None
    choice = parse_cookie(cookies).get(settings.LANGUAGE_COOKIE_NAME, "")
    return choice if choice in dict(settings.LANGUAGES) else None


def language_of(environ: dict[str, Any]) -> str:
    """The language to answer in: the reader's choice, else their browser's, else the site's."""
    choice = chosen(environ)
    if choice is not None:
        return choice
    header = environ.get("HTTP_ACCEPT_LANGUAGE", "")
    if header:
        for code, _quality in parse_accept_lang_header(header[:400]):
            found = _supported(code)
            if found is not None:
                return found
    return str(settings.LANGUAGE_CODE)


def _supported(code: str) -> str | None:
    if code == "*":
        return None
    try:
        return translation.get_supported_language_variant(code)
    except LookupError:
        return None


class Language:
    """Answers each request in ``language_of`` it, saying so in ``Content-Language``."""

    def __init__(self, get_response: Callable[[HttpRequest], HttpResponseBase]) -> None:
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponseBase:
        language = language_of(request.META)
        request.LANGUAGE_CODE = language
        with translation.override(language):
            response = self.get_response(request)
        patch_vary_headers(response, ("Accept-Language",))
        response.headers.setdefault("Content-Language", language)
        return response


def choose(request: HttpRequest, language: str) -> HttpResponse:
    """Remembers the reader's language and sends them back to the page they were on.

    A plain link does it, so it works without script; the choice is a
    preference, not personal data, and keeps pages shared (see ``key_of``).
    """
    if language not in dict(settings.LANGUAGES):
        raise Http404("No such language.")
    back = request.GET.get("next", "/")
    if not back.startswith("/") or not url_has_allowed_host_and_scheme(
        back, allowed_hosts={request.get_host()}, require_https=request.is_secure()
    ):
        back = "/"
    response = HttpResponseRedirect(back)
    response.set_cookie(
        settings.LANGUAGE_COOKIE_NAME,
        language,
        max_age=CHOICE_SECONDS,
        samesite="Lax",
        secure=settings.SESSION_COOKIE_SECURE,
        httponly=True,
    )
    # The answer depends on the query; it must never be kept for anyone else.
    response["Cache-Control"] = "no-store"
    return response
