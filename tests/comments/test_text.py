"""The "Plain text" comment format: Drupal's outputs, extra cases, speed and properties."""

from __future__ import annotations

import json
import re
import unicodedata
from collections.abc import Callable
from html.parser import HTMLParser
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from maoni.comments.text import SCHEMES, render_plain
from tests.growth import growth

VECTORS = json.loads(
    (Path(__file__).parent.parent / "data" / "plain_text_vectors.json").read_text(encoding="utf-8")
)
REL = ' rel="nofollow ugc"'


@pytest.mark.parametrize("vector", VECTORS, ids=[vector["note"] for vector in VECTORS])
def test_renders_reference_vector(vector: dict[str, str]) -> None:
    assert render_plain(vector["input"]) == vector["maoni"]


@pytest.mark.parametrize("vector", VECTORS, ids=[vector["note"] for vector in VECTORS])
def test_reference_differs_from_drupal_only_by_the_corrections(vector: dict[str, str]) -> None:
    # Apart from rel, only the URL-ends-before-markup correction may change a vector.
    if vector["maoni"].replace(REL, "") != vector["drupal"]:
        assert "corrected in Maoni" in vector["note"]


def link(href: str, caption: str | None = None) -> str:
    return f'<a href="{href}"{REL}>{href if caption is None else caption}</a>'


EXTRA_CASES = [
    # Drupal's patterns have no left boundary: a link may start inside a word.
    ("scheme inside a word", "xhttp://example.com", f"<p>x{link('http://example.com')}</p>\n"),
    (
        "www. inside a word",
        "awww.example.com",
        f"<p>a{link('http://www.example.com', 'www.example.com')}</p>\n",
    ),
    # The "//" is optional, so "//@" is read as an empty user name.
    ("empty user name", "http://@example.com", f"<p>{link('http://@example.com')}</p>\n"),
    (
        "e-mail name is at most 254 characters",
        "x" * 300 + "@example.com",
        "<p>" + "x" * 46 + link("mailto:" + "x" * 254 + "@example.com", "x" * 71 + "…") + "</p>\n",
    ),
    (
        "long e-mail caption is shortened",
        "a" * 61 + "@example.com",
        f"<p>{link('mailto:' + 'a' * 61 + '@example.com', 'a' * 61 + '@example.c…')}</p>\n",
    ),
    (
        "e-mail found before www.",
        "foo@www.example.com",
        f"<p>{link('mailto:foo@www.example.com', 'foo@www.example.com')}</p>\n",
    ),
    ("e-mail pattern that Drupal gives up on", "a@" + "b." * 30, "<p>a@" + "b." * 30 + "</p>\n"),
    ("dotted e-mail domain", "a@b.b.b.bb", f"<p>{link('mailto:a@b.b.b.bb', 'a@b.b.b.bb')}</p>\n"),
    (
        "one-letter top-level domain",
        "http://a.b1 and a.b.c@d.e.f",
        "<p>http://a.b1 and a.b.c@d.e.f</p>\n",
    ),
    ("mailto: needs a dotted domain too", "mailto:a@b", "<p>mailto:a@b</p>\n"),
    ("a host needs a name before its dot", "www..com x@.com", "<p>www..com x@.com</p>\n"),
    ("digits after an IPv4 address", "http://1.2.3.4567", f"<p>{link('http://1.2.3.4567')}</p>\n"),
    ("port", "http://x.com:80", f"<p>{link('http://x.com:80')}</p>\n"),
    ("a trailing question mark", "http://ex.com?", f"<p>{link('http://ex.com')}?</p>\n"),
    (
        "trailing punctuation run",
        "http://x.example/a.b,c;d!",
        f"<p>{link('http://x.example/a.b,c;d')}!</p>\n",
    ),
    (
        "unbalanced parenthesis",
        "http://example.com/a_(b",
        f"<p>{link('http://example.com/a_')}(b</p>\n",
    ),
    (
        "two balanced groups",
        "http://e.xample/(a)(b)c.",
        f"<p>{link('http://e.xample/(a)(b)c')}.</p>\n",
    ),
    ("@ in a path", "http://example.com/@user/", f"<p>{link('http://example.com/@user/')}</p>\n"),
    ("sftp, not ftp", "sftp://x.example", f"<p>{link('sftp://x.example')}</p>\n"),
    # Drupal cuts these links inside "&amp;" and shows "&amp;amp;"; here a typed
    # & is one character, which a query may end on but a path may not.
    (
        "typed & ends a query",
        "http://example.com/?a=1&",
        f"<p>{link('http://example.com/?a=1&amp;')}</p>\n",
    ),
    (
        "typed & after a path",
        "http://example.com/a&",
        f"<p>{link('http://example.com/a')}&amp;</p>\n",
    ),
    (
        "apostrophe ends a path",
        "http://example.com/it's",
        f"<p>{link('http://example.com/it')}&#039;s</p>\n",
    ),
    # Form feeds are not trimmed, but they are whitespace to the paragraph rules.
    ("form feed opening a paragraph", "\x0c\nx", "<p>\nx</p>\n"),
    ("form feed on a last line", "x\n \x0c", "<p>x</p>\n"),
    ("form feed after a blank line", "a\n\n\x0cb", "<p>a</p>\n<p>\x0cb</p>\n"),
    ("form feed alone", "\x0c", ""),
    ("spaces before a blank line are kept", "a  \n\nb", "<p>a  </p>\n<p>b</p>\n"),
    ("lone surrogate", "a\ud800b", "<p>a\ufffdb</p>\n"),
]


@pytest.mark.parametrize(
    ("text", "expected"), [case[1:] for case in EXTRA_CASES], ids=[case[0] for case in EXTRA_CASES]
)
def test_renders_extra_case(text: str, expected: str) -> None:
    assert render_plain(text) == expected


PATHOLOGICAL: dict[str, Callable[[int], str]] = {
    "e-mail with endless dots": lambda n: "a@" + "b." * (n // 2),
    "open parentheses": lambda n: "http://" + "(" * n,
    "www. over and over": lambda n: "www." * (n // 4),
    "www.1 over and over": lambda n: "www.1" * (n // 5),
    "one long word": lambda n: "a" * n,
    "typed entities": lambda n: "&amp;" * (n // 5),
    "whitespace flood": lambda n: "\n \t\x0c\x0b\r" * (n // 6) + "x",
    "lone newlines in spaces": lambda n: ("\n" + " " * 99 + "x") * (n // 101),
    "dashes then @": lambda n: "-" * n + "@",
    "schemes only": lambda n: "http://" * (n // 7),
    "one user name for every scheme": lambda n: "http://a:" * (n // 9) + "@1",
    "unclosed parentheses": lambda n: "http://a.bc/x(" * (n // 14),
    "query of punctuation": lambda n: "http://a.bc/?" + "!" * n,
    "path of dots": lambda n: "http://a.bc/" + "." * n,
    "failed e-mails": lambda n: "a@b." * (n // 4),
    "@ and dots": lambda n: "@." * (n // 2),
    "long top-level domains": lambda n: "x@" + ("a" * 70 + ".") * (n // 71),
    "dotted digits": lambda n: "http://" + "1." * (n // 2),
    "many links": lambda n: "http://a.bc/x y@z.co www.q.de " * (n // 31),
    "lines": lambda n: "a\n" * (n // 2),
    "paragraphs": lambda n: "a\n \n" * (n // 4),
}


@pytest.mark.parametrize("build", PATHOLOGICAL.values(), ids=PATHOLOGICAL.keys())
def test_pathological_input_takes_linear_time(build: Callable[[int], str]) -> None:
    # Eight times the input should take about eight times as long; quadratic
    # time would take 64 times, and Drupal's patterns far longer still.
    ratio = growth(render_plain, build, 4_000)
    assert ratio < 40


# Pieces that make links, nearly-links and whitespace likely in generated text.
PIECES = [
    "http:", "https:", "mailto:", "ftp:", "sftp:", "tel:", "//", "/", "www.", "w", ".", "..",
    "@", "a", "ex", "com", "x1", "1", "1.2.3.4", "(", ")", "?", "&", "=", "#", ";", ":", ",",
    "!", "_", "-", "+", "~", "%", "'", '"', "<", ">", "é", "\u0301", "例", "٣", "😀", "\xa0",
]  # fmt: skip
SPACES = [" ", "  ", "\n", "\n\n", "\n \n", "\t", "\x0c", "\x0b", "\r", "\r\n", "\x00", "\u2028"]
TEXTS = st.lists(st.sampled_from(PIECES + SPACES) | st.text(max_size=4), max_size=30).map("".join)
IGNORED = str.maketrans("", "", " \t\n\r\x0b\x0c\x00")  # Trimmed or reflowed as whitespace.


class Page(HTMLParser):
    """Reads rendered HTML back into its tags and the text a reader sees."""

    def __init__(self, html: str) -> None:
        super().__init__(convert_charrefs=True)
        self.tags: list[tuple[str, list[tuple[str, str | None]]]] = []
        self.text: list[str] = []
        self.open: list[str] = []
        self.link: tuple[str, list[str]] | None = None
        self.feed(html)
        self.close()
        assert not self.open

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        self.tags.append((tag, attrs))
        assert self.open == ([] if tag == "p" else ["p"]), f"<{tag}> inside {self.open}"
        if tag == "a":
            self.link = (dict(attrs).get("href") or "", [])
        if tag != "br":
            self.open.append(tag)

    def handle_endtag(self, tag: str) -> None:
        if tag == "br":
            return
        assert self.open
        assert self.open.pop() == tag
        if tag == "a" and self.link:
            href, caption = self.link
            self.text.append(address(href, "".join(caption)))
            self.link = None

    def handle_data(self, data: str) -> None:
        (self.link[1] if self.link else self.text).append(data)


def address(href: str, caption: str) -> str:
    """Returns what a link was typed as: its caption, or its href when the caption is cut."""
    for prefix in ("mailto:", "http://"):
        if href.startswith(prefix) and not caption.startswith(prefix):
            href = href.removeprefix(prefix)
            break
    if caption.endswith("…"):
        assert len(href) > 72
        assert href.startswith(caption.removesuffix("…"))
    else:
        assert href == caption
    return href


@settings(max_examples=300, deadline=None)
@given(TEXTS)
def test_reader_sees_what_was_typed(text: str) -> None:
    page = Page(render_plain(text))
    assert "".join(page.text).translate(IGNORED) == text.translate(IGNORED)


@settings(max_examples=300, deadline=None)
@given(TEXTS)
def test_no_markup_survives(text: str) -> None:
    html = render_plain(text)
    page = Page(html)
    assert {tag for tag, _ in page.tags} <= {"p", "br", "a"}
    for tag, attrs in page.tags:
        if tag == "a":
            assert [name for name, _ in attrs] == ["href", "rel"]
            assert attrs[1] == ("rel", "nofollow ugc")
            assert re.match(f"(?:{'|'.join(SCHEMES)}):", attrs[0][1] or "")
    rest = re.sub(r'<p>|</p>|<br />|<a href="[^"<>]*" rel="nofollow ugc">|</a>', "", html)
    assert not set(rest) & set("<>\"'")
    assert html.count("&lt;") == text.count("<")


@settings(max_examples=300, deadline=None)
@given(st.text() | st.text(st.characters(categories=["Cs", "Cc", "Zs", "Ll", "Mn"])))
def test_any_text_renders_the_same_every_time(text: str) -> None:
    html = render_plain(text)
    assert html == render_plain(text)
    html.encode("utf-8")  # No lone surrogate survives to break the response.


# The link patterns again, as the backtracking regular expressions Drupal
# uses, run over each character's class as the module defines it.  They are
# slow, exponentially so on some input, and meant for short input only.
def classes(text: str) -> str:
    if text.isascii():
        return "".join(c if "!" <= c <= "~" and c not in "<>\"'" else "\0" for c in text)
    kinds = {"L": "\1", "M": "\2", "N": "\3"}
    return "".join(
        classes(c) if c.isascii() else kinds.get(unicodedata.category(c)[0], "\0") for c in text
    )


LMN = r"A-Za-z0-9\x01-\x03"
WORD = r"[A-Za-z0-9_\x01\x03]"
BOUNDARY = rf"(?:(?<={WORD})(?!{WORD})|(?<!{WORD})(?={WORD}))"
HOST = rf"[{LMN}._+-]"
TLD = rf"[A-Za-z\x01\x02]{{2,64}}{BOUNDARY}"
PATH_CHAR = rf"[{LMN}!*;:=+,.$/%#\[\]_~@&-]"
PARENS = rf"\({PATH_CHAR}+\)"
PATH = rf"(?:{PATH_CHAR}*(?:{PARENS}{PATH_CHAR}*)*(?:[{LMN}:_+~#=/]|{PARENS})|@{PATH_CHAR}+/)"
TRAIL = rf"(?:{PATH}*)?(?:\?[A-Za-z0-9!?*@();:&=+$/%#\[\]_.,~|-]*[A-Za-z0-9_&=#/])?"
DOMAIN = rf"(?:{HOST}+\.)?{TLD}"
ADDRESS = rf"(?:[{LMN}:%_+*~#?&=.,/;-]+@)?(?:{DOMAIN}|(?:[0-9]{{1,3}}\.){{3}}[0-9]{{1,3}})"
SLOW_PATTERNS = [
    (re.compile(rf"(?:{'|'.join(SCHEMES)}):(?://)?{ADDRESS}/?{TRAIL}"), ""),
    (re.compile(rf"{HOST}{{1,254}}@(?:{HOST}+\.)+{TLD}"), "mailto:"),
    (re.compile(rf"www\.{DOMAIN}/?{TRAIL}"), "http://"),
]


def slow_links(text: str) -> str:
    pieces: list[str | tuple[str, str]] = [text]
    for pattern, prefix in SLOW_PATTERNS:
        found: list[str | tuple[str, str]] = []
        for piece in pieces:
            if isinstance(piece, tuple):
                found.append(piece)
                continue
            done = 0
            for match in pattern.finditer(classes(piece)):
                found += [piece[done : match.start()], (prefix, piece[match.start() : match.end()])]
                done = match.end()
            found.append(piece[done:])
        pieces = found
    escape = str.maketrans({"&": "&amp;", "<": "&lt;", ">": "&gt;", '"': "&quot;", "'": "&#039;"})
    return "".join(
        piece.translate(escape)
        if isinstance(piece, str)
        else link(piece[0] + piece[1].translate(escape), piece[1].translate(escape))
        for piece in pieces
    )


# Link-shaped text: a start, a host and a tail rich in path and query characters.
LINKISH = st.tuples(
    st.sampled_from(["", "http://", "https:", "mailto:", "sftp://", "www.", "x.y@", "(", "a"]),
    st.sampled_from(
        ["", "ex.com", "a.b", "ex", ".com", "..ex.com", "1.2.3.4", "例.例", "b.c\u0301"]
    ),
    st.lists(
        st.sampled_from(["/", "a", "1", "'", "&", "?", "=", ".", "(", ")", "@", ",", "#", "_", "é"])
        | st.sampled_from(PIECES),
        max_size=10,
    ).map("".join),
).map("".join)


@settings(max_examples=500, deadline=None)
@given(LINKISH | st.lists(st.sampled_from(PIECES), max_size=14).map("".join))
def test_links_match_the_backtracking_patterns(text: str) -> None:
    assert render_plain(text) == (f"<p>{slow_links(text)}</p>\n" if text else "")
