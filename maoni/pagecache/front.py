"""A thin WSGI layer that answers stored pages before Django is entered.

A stored page served here costs a dictionary lookup and a read of the
shared counters: no request object, no middleware, no URL resolving, no
database connection. Everything else goes to Django, whose
``PageCacheMiddleware`` stores pages and answers them too when this layer is
switched off (``MAONI_PAGE_CACHE_FRONT=0``).
"""

from __future__ import annotations

from collections.abc import Callable, Iterable
from typing import Any

from maoni.pagecache.store import Environ, answer, counters, key_of, page_store

WSGIApp = Callable[[Environ, Callable[..., Any]], Iterable[bytes]]


class PageCacheFront:
    def __init__(self, app: WSGIApp) -> None:
        self.app = app

    def __call__(self, environ: Environ, start_response: Callable[..., Any]) -> Iterable[bytes]:
        key = key_of(environ)
        if key is not None:
            entry = page_store().get(key, counters())
            if entry is not None:
                status, headers, body = answer(entry, environ)
                start_response(status, headers)
                return [body]
        return self.app(environ, start_response)
