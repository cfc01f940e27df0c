"""Comment text rendered the way Drupal 8+ core's "Plain text" format renders it.

Comments migrated from the old site must read exactly as they did there, so
the format is reproduced byte for byte: newlines are normalised, everything
the reader typed is HTML-escaped and trimmed, blank lines make paragraphs and
single newlines make ``<br />``, and web addresses, e-mail addresses and
``www.`` host names become links whose caption is shortened past 72
characters.

Three things deliberately differ from Drupal:

1. Every link carries ``rel="nofollow ugc"``, so that spam earns no ranking.
2. A link ends before a ``<``, ``>``, ``"`` or ``'`` the reader typed.  Drupal
   looks for links in the escaped text and takes ``&gt``, ``&quot`` or
   ``&#039`` into the address.  Here links are looked for in the text as
   typed, where those four characters belong to no address and ``&`` is the
   single character it was, and the text is escaped only as it is written out.
3. Matching takes linear time.  Drupal's regular expressions backtrack, on
   ``a@b.b.b.b...`` exponentially, until PHP gives up and the comment vanishes.
   Here each link is found by scanning, and the regular expressions used along
   the way can only backtrack within one run of characters.
"""

from __future__ import annotations

import re
import string
import unicodedata
from bisect import bisect_right
from collections.abc import Callable, Iterator

__all__ = ["render_plain"]

CAPTION_LIMIT = 72  # Drupal's default "Maximum link text length".
SCHEMES = ("http", "https", "ftp", "news", "nntp", "tel", "telnet",
           "mailto", "irc", "ssh", "sftp", "webcal", "rtsp")  # fmt: skip

_TRIM = " \t\n\r\0\x0b"  # What PHP's trim() removes: no form feed, no Unicode spaces.
_SPACE = " \t\n\x0b\x0c\r"  # PCRE's \s, which is ASCII-only in Drupal's paragraph code.
_BLANK = " \t\x0b\x0c\r"  # The same without the newline.
_PARAGRAPH_BREAK = re.compile(r"\n[ \t\n\x0b\x0c\r]*\n")
_SURROGATE = re.compile("[\ud800-\udfff]")
_ESCAPE = str.maketrans({"&": "&amp;", "<": "&lt;", ">": "&gt;", '"': "&quot;", "'": "&#039;"})

# Links are matched against a copy of the text in which every character stands
# for its class: ASCII letters, digits and punctuation for themselves, other
# letters, marks and numbers for three control characters, and everything
# else, the reader's < > " ' included, for NUL.  Drupal's patterns then become
# plain character classes, with \p{L}, \p{M} and \p{N} spelled \x01-\x03.
_LETTER, _MARK, _NUMBER, _OTHER = "\x01", "\x02", "\x03", "\x00"


class _CharClasses(dict[int, str]):
    def __missing__(self, code: int) -> str:
        kind = unicodedata.category(chr(code))[0]
        value = {"L": _LETTER, "M": _MARK, "N": _NUMBER}.get(kind, _OTHER)
        if code <= 0xFFFF:
            # Remembering the Basic Multilingual Plane costs a few megabytes at
            # most; remembering every code point a reader could send would not.
            self[code] = value
        return value


_CLASSES = _CharClasses(
    {c: chr(c) if "!" <= chr(c) <= "~" and chr(c) not in "<>\"'" else _OTHER for c in range(128)}
)
_ALNUM = string.ascii_letters + string.digits
_LMN = r"A-Za-z0-9\x01-\x03"
_DOMAIN_RUN = re.compile(rf"[{_LMN}._+-]+")
_AUTH_RUN = re.compile(rf"[{_LMN}:%_+*~#?&=.,/;-]+")
_TLD = re.compile(r"[A-Za-z\x01\x02]{0,64}")
_IP = re.compile(r"(?:[0-9]{1,3}\.){3}[0-9]{1,3}")
# A path is a run of path characters with balanced (unnested) parentheses in
# it; group 1 ends at the last closing parenthesis.  Parentheses are not path
# characters, so each step of the match is forced and it cannot backtrack.
_PATH_CHAR = rf"[{_LMN}!*;:=+,.$/%#\[\]_~@&-]"
_PATH = re.compile(rf"{_PATH_CHAR}*(?:(\({_PATH_CHAR}+\)){_PATH_CHAR}*)*")
_PATH_END = frozenset(_ALNUM + _LETTER + _MARK + _NUMBER + ":_+~#=/")
_QUERY = re.compile(r"[A-Za-z0-9!?*@();:&=+$/%#\[\]_.,~|-]*")
_QUERY_END = frozenset(_ALNUM + "_&=#/")
_WORD = frozenset(_ALNUM + "_" + _LETTER + _NUMBER)  # \b's notion of a word character.
_SCHEME = re.compile(f"(?:{'|'.join(SCHEMES)}):")


def render_plain(text: str) -> str:
    """Returns the HTML for a comment written in plain text (see the module docstring)."""
    text = _SURROGATE.sub("\ufffd", text).replace("\r\n", "\n").replace("\r", "\n")
    text = text.strip(_TRIM)
    # Whitespace at the end is dropped from its first newline on, so a last
    # line of spaces and form feeds leaves no empty paragraph or line break.
    cut = text.find("\n", len(text.rstrip(_SPACE)))
    if cut != -1:
        text = text[:cut]
    html = []
    # A paragraph ends at a run of whitespace holding two newlines or more;
    # the whitespace before its first newline stays with the paragraph before
    # and that after its last newline starts the next one.  The pattern can
    # only backtrack within one such run.
    for paragraph in _PARAGRAPH_BREAK.split(text):
        if not paragraph.strip(_SPACE):
            continue
        lines = paragraph.split("\n")
        rendered = [_linked(line.rstrip(_BLANK)) for line in lines[:-1]]
        rendered.append(_linked(lines[-1]))
        inner = "<br />\n".join(rendered)
        if len(rendered) > 1 and not rendered[0]:
            # Drupal drops a line break that would open a paragraph.
            inner = inner.removeprefix("<br />")
        html.append(f"<p>{inner}</p>\n")
    return "".join(html)


def _linked(line: str) -> str:
    """Escapes one line of text, with the links in it made into anchors.

    As in Drupal, absolute URLs are found first, then e-mail addresses in the
    text left between them, then ``www.`` hosts in what is left after that.
    """
    pieces: list[str | tuple[str, str]] = [line]
    for finder, needed in ((_full_links, ":"), (_email_links, "@"), (_www_links, "www.")):
        found: list[str | tuple[str, str]] = []
        for piece in pieces:
            if isinstance(piece, str) and needed in piece:
                found.extend(_split(piece, finder))
            else:
                found.append(piece)
        pieces = found
    return "".join(p.translate(_ESCAPE) if isinstance(p, str) else _anchor(*p) for p in pieces)


def _anchor(prefix: str, url: str) -> str:
    caption = url
    if len(url) > CAPTION_LIMIT:
        caption = url[: CAPTION_LIMIT - 1].rstrip(".") + "…"
    href = prefix + url.translate(_ESCAPE)
    return f'<a href="{href}" rel="nofollow ugc">{caption.translate(_ESCAPE)}</a>'


_Finder = Callable[["_Scanner"], Iterator[tuple[int, int, str]]]


def _split(text: str, finder: _Finder) -> Iterator[str | tuple[str, str]]:
    """Yields the text around the links `finder` finds, and (prefix, URL) for each link."""
    done = 0
    for start, end, prefix in finder(_Scanner(text)):
        if start > done:
            yield text[done:start]
        yield prefix, text[start:end]
        done = end
    if done < len(text):
        yield text[done:]


def _full_links(scanner: _Scanner) -> Iterator[tuple[int, int, str]]:
    position = 0
    while match := _SCHEME.search(scanner.classes, position):
        end = scanner.url_end(match.end())
        if end is None:
            # Any other scheme ending at this colon would fail the same way.
            position = match.end()
        else:
            yield match.start(), end, ""
            position = end


def _email_links(scanner: _Scanner) -> Iterator[tuple[int, int, str]]:
    classes, position = scanner.classes, 0
    at = classes.find("@")
    while at != -1:
        # The leftmost start wins, and the name before @ is at most 254 long.
        run = scanner.run(_DOMAIN_RUN, at - 1)
        start = max(run[0] if run else at, at - 254, position)
        end = scanner.domain_end(at + 1, need_dot=True) if start < at else None
        if end is not None:
            yield start, end, "mailto:"
            position = end
        at = classes.find("@", at + 1 if end is None else end)


def _www_links(scanner: _Scanner) -> Iterator[tuple[int, int, str]]:
    position = 0
    while (start := scanner.classes.find("www.", position)) != -1:
        end = scanner.domain_end(start + 4, need_dot=False)
        if end is None:
            position = start + 1
        else:
            position = scanner.trail_end(end)
            yield start, position, "http://"


class _Scanner:
    """Answers the questions Drupal's link patterns ask about one stretch of text.

    Each answer is the first match in the order a backtracking regex engine
    would try, found without trying the others.  Runs of characters are found
    once per text and looked up by bisection, and a domain's dots are tried
    once per run, so no character is looked at more than a few times however
    often the patterns are retried.
    """

    def __init__(self, text: str) -> None:
        self.classes = text.translate(_CLASSES)
        self._runs: dict[re.Pattern[str], tuple[list[int], list[int]]] = {}
        self._last_dot: dict[int, int] = {}
        self._domains: dict[tuple[int, bool], int | None] = {}

    def run(self, pattern: re.Pattern[str], i: int) -> tuple[int, int] | None:
        """Returns the span of the run of `pattern`'s characters holding position i."""
        if pattern not in self._runs:
            spans = [m.span() for m in pattern.finditer(self.classes)]
            self._runs[pattern] = [s for s, _ in spans], [e for _, e in spans]
        starts, ends = self._runs[pattern]
        k = bisect_right(ends, i)
        return (starts[k], ends[k]) if k < len(ends) and starts[k] <= i else None

    def url_end(self, host: int) -> int | None:
        """Returns where an absolute URL whose scheme ends just before `host` ends."""
        # The "//" after the scheme is optional, and so is "name@" before the
        # host; each is first tried present, and then absent.
        for start in (host + 2, host) if self.classes.startswith("//", host) else (host,):
            auth = self.run(_AUTH_RUN, start)
            after_auth = [auth[1] + 1] if auth and self.classes.startswith("@", auth[1]) else []
            for name in [*after_auth, start]:
                end = self.domain_end(name, need_dot=False)
                if end is None and (ip := _IP.match(self.classes, name)):
                    end = ip.end()
                if end is not None:
                    return self.trail_end(end)
        return None

    def domain_end(self, start: int, need_dot: bool) -> int | None:
        """Returns where a host name starting at `start` ends.

        The name is a top-level domain of 2 to 64 letters and marks ending on a
        word boundary, after any run of name characters ending in a dot, which
        e-mail addresses require.  The regex tries the last dot first.
        """
        key = (start, need_dot)
        if key not in self._domains:
            end = None
            run = self.run(_DOMAIN_RUN, start)
            if run is not None:
                dot = self._last_good_dot(*run)
                if dot > start:
                    end = self._tld_end(dot + 1)
                elif not need_dot:
                    end = self._tld_end(start)
            self._domains[key] = end
        return self._domains[key]

    def _last_good_dot(self, start: int, end: int) -> int:
        # A run's dots are the same whichever of its positions a name starts
        # at, so the last one followed by a valid top-level domain is found once.
        if end not in self._last_dot:
            dot = self.classes.rfind(".", start + 1, end)
            while dot != -1 and self._tld_end(dot + 1) is None:
                dot = self.classes.rfind(".", start + 1, dot)
            self._last_dot[end] = dot
        return self._last_dot[end]

    def _tld_end(self, start: int) -> int | None:
        classes = self.classes
        longest = _TLD.match(classes, start)
        for end in range(longest.end() if longest else start, start + 1, -1):
            if (classes[end - 1] in _WORD) != (end < len(classes) and classes[end] in _WORD):
                return end
        return None

    def trail_end(self, i: int) -> int:
        """Returns where the optional "/", path and query after a host at i end."""
        classes = self.classes
        if classes.startswith("/", i):
            i += 1
        path = _PATH.match(classes, i)
        # The path must end on an ending character or a closing parenthesis;
        # the regex gives back characters from the right until one is found.
        end = max(i, path.end(1)) if path else i
        for j in range(path.end() - 1 if path else i, end - 1, -1):
            if classes[j] in _PATH_END:
                end = j + 1
                break
        if classes.startswith("?", end):
            query = _QUERY.match(classes, end + 1)
            for j in range(query.end() - 1 if query else end, end, -1):
                if classes[j] in _QUERY_END:
                    return j + 1
        return end
