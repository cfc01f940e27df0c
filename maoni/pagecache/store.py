"""The page store: which requests may be answered from it, and how.

Everything here works on the WSGI environ, so that the same decisions are
made by the thin layer in front of Django (``front.py``) and by the
middleware inside it (``middleware.py``).

A request is answered from the store only when nothing in it can make the
page personal: a ``GET`` or ``HEAD`` of the front page or an article page,
with no query but ``page=N``, and none of the cookies that carry a login,
messages or the right to edit a comment just posted. An entry holds the
bytes Django sent and the counters they were rendered under; it is served
while those counters are unchanged, so no purge is ever needed.
"""

from __future__ import annotations

import re
import time
import zlib
from dataclasses import dataclass
from email.utils import formatdate, parsedate_to_datetime
from functools import cache
from pathlib import Path
from typing import Any

from django.conf import settings

from maoni.language import chosen, language_of
from maoni.pagecache.counters import Counters, DatabaseCounters, PageCounters, RedisCounters
from maoni.pagecache.memory import Kept

Key = tuple[str, ...]
# Where in a key the content encoding ("br", "gzip" or "") stands.
ENCODING = 5
Environ = dict[str, Any]
Headers = list[tuple[str, str]]

# The front page, article pages, the feeds and the sitemap.
PAGE_PATH = re.compile(
    r"/(?:news/[-\w]+/(?:comments/feed/(?:atom/)?)?|feeds/(?:articles|comments)/(?:atom/)?"
    r"|sitemap\.xml)?",
    re.ASCII,
)
# A page of comments, oldest or newest first, or the newsroom's picks: as the pages link them.
PAGE_QUERY = re.compile(
    r"(?:page=[1-9][0-9]{0,6})?|order=newest(?:&page=[1-9][0-9]{0,6})?|view=picks", re.ASCII
)
# The API's public reads and the embed's fragment for static sites, kept like
# pages. Their answers name the origin that may read them (CORS), so the origin
# is part of their key.
API_PATH = re.compile(r"/api/v1/(?:thread|counts)|/embed/[-\w]{1,50}/fragment", re.ASCII)
API_QUERY = re.compile(r"[-\w.~%+=&:/]{1,2000}", re.ASCII)
NOT_MODIFIED_HEADERS = frozenset({"cache-control", "etag", "last-modified", "vary", "date"})
# A change less than this long ago is not given as Last-Modified: a second
# change within the same second would otherwise look like no change at all
# to a client that revalidates with If-Modified-Since alone.
_SETTLED_NS = 1_000_000_000


@dataclass(frozen=True, slots=True)
class Entry:
    """One stored page, valid while ``checks`` (slot, value) hold and before ``expires``."""

    checks: tuple[tuple[int, int], ...]
    expires: float | None
    headers: tuple[tuple[str, str], ...]
    body: bytes
    etag: str

    @property
    def changed_ns(self) -> int:
        return max(value for _slot, value in self.checks)


class PageStore:
    """Pages in this process's memory, least recently used first out, by bytes."""

    def __init__(self, budget: int) -> None:
        self._kept: Kept[Key, Entry] = Kept(budget, lambda entry: len(entry.body))

    def get(self, key: Key, counters: PageCounters) -> Entry | None:
        """The entry kept for ``key`` while its counters hold and it has not expired."""
        entry = self._kept.get(key)
        if entry is None:
            return None
        now = counters.read_many([slot for slot, _value in entry.checks])
        if now != [value for _slot, value in entry.checks] or (
            entry.expires is not None and time.time() >= entry.expires
        ):
            self._kept.discard(key)
            return None
        return entry

    def put(self, key: Key, entry: Entry) -> None:
        self._kept.put(key, entry)

    def clear(self) -> None:
        self._kept.clear()

    def __len__(self) -> int:
        return len(self._kept)


# Cookies the apps name as making a page someone's own (``add_personal_cookie``).
_personal_cookies: set[str] = set()


def add_personal_cookie(name: str) -> None:
    """A request carrying this cookie gets a page rendered for it, never a kept one."""
    _personal_cookies.add(name)
    personal_cookies.cache_clear()


@cache
def personal_cookies() -> frozenset[str]:
    """Cookies that make a page personal: a login, messages, and what the apps add."""
    from django.contrib.messages.storage.cookie import CookieStorage

    return frozenset({settings.SESSION_COOKIE_NAME, CookieStorage.cookie_name, *_personal_cookies})


def _holds_personal(cookies: str) -> bool:
    names = personal_cookies()
    for pair in cookies.split(";"):
        name, _equals, value = pair.partition("=")
        # An emptied cookie (as a deleting Set-Cookie leaves it) holds nothing.
        if name.strip() in names and value.strip().strip('"'):
            return True
    return False


def key_of(environ: Environ) -> Key | None:
    """The store key for a request that may be answered from the store, else None."""
    if not settings.MAONI_PAGE_CACHE or environ.get("REQUEST_METHOD") not in ("GET", "HEAD"):
        return None
    path = environ.get("PATH_INFO", "")
    query = environ.get("QUERY_STRING", "")
    if API_PATH.fullmatch(path) and API_QUERY.fullmatch(query):
        query = f"{query} {environ.get('HTTP_ORIGIN', '')}"
    elif not PAGE_PATH.fullmatch(path) or not PAGE_QUERY.fullmatch(query):
        return None
    cookies = environ.get("HTTP_COOKIE")
    if cookies and _holds_personal(cookies):
        return None
    accepted = environ.get("HTTP_ACCEPT_ENCODING", "")
    encoding = "br" if "br" in accepted else "gzip" if "gzip" in accepted else ""
    return (
        environ.get("wsgi.url_scheme", "http"),
        environ.get("HTTP_HOST", ""),
        path,
        query,
        language_of(environ),
        encoding,
    )


def etag_for(key: Key, checks: tuple[tuple[int, int], ...]) -> str:
    """The same on every worker and app server for the same page and counters."""
    values = "-".join(f"{value:x}" for _slot, value in checks)
    page = zlib.crc32("\n".join(key[2:]).encode(), deploy_mark())
    return f'W/"{values}-{page:x}"'


@cache
def deploy_mark() -> int:
    """Changes with the code and templates, so that browsers drop copies made by old ones."""
    root = Path(__file__).resolve().parent.parent
    mark = 0
    for path in sorted(root.glob("**/*")):
        if path.suffix in {".py", ".html", ".css", ".js"} and path.is_file():
            mark = zlib.crc32(path.read_bytes(), mark)
    return mark


def _not_modified(entry: Entry, environ: Environ, modified_ns: int | None) -> bool:
    sent = environ.get("HTTP_IF_NONE_MATCH")
    if sent is not None:
        tag = entry.etag.removeprefix("W/")
        return sent.strip() == "*" or any(
            candidate.strip().removeprefix("W/") == tag for candidate in sent.split(",")
        )
    since = environ.get("HTTP_IF_MODIFIED_SINCE")
    if since is None or modified_ns is None:
        return False
    try:
        limit = parsedate_to_datetime(since)
    except (TypeError, ValueError, IndexError, OverflowError):
        return False
    return limit is not None and modified_ns // 1_000_000_000 <= limit.timestamp()


def answer(entry: Entry, environ: Environ) -> tuple[str, Headers, bytes]:
    """The status line, headers and body that answer ``environ`` from ``entry``."""
    modified_ns: int | None = entry.changed_ns
    headers = list(entry.headers)
    if chosen(environ) is not None:
        # Its language came from the reader's cookie, which shared caches
        # downstream do not key on: only the reader's own browser may keep it.
        headers = [_private(name, value) for name, value in headers]
    if modified_ns and time.time_ns() - modified_ns >= _SETTLED_NS:
        headers.append(("Last-Modified", _http_date(modified_ns // 1_000_000_000)))
    else:
        modified_ns = None
    if _not_modified(entry, environ, modified_ns):
        kept = [(name, value) for name, value in headers if name.lower() in NOT_MODIFIED_HEADERS]
        return "304 Not Modified", kept, b""
    body = b"" if environ.get("REQUEST_METHOD") == "HEAD" else entry.body
    return "200 OK", headers, body


def _private(name: str, value: str) -> tuple[str, str]:
    return (name, "private, max-age=0") if name.lower() == "cache-control" else (name, value)


@cache
def _http_date(seconds: int) -> str:
    return formatdate(seconds, usegmt=True)


@cache
def counters() -> PageCounters:
    """The page counters, where ``MAONI_PAGE_COUNTERS`` puts them (see settings)."""
    if settings.MAONI_PAGE_COUNTERS == "redis":
        return RedisCounters(settings.MAONI_REDIS_URL)
    if settings.MAONI_PAGE_COUNTERS == "database":
        return DatabaseCounters()
    return Counters(Path(settings.VAR_DIR) / "page-versions")


@cache
def page_store() -> PageStore:
    return PageStore(settings.MAONI_PAGE_CACHE_MB * 1024 * 1024)
