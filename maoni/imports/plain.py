"""Other systems' stored text turned into Plain text, as the reader meant it. Pure.

WordPress and Disqus keep HTML (WordPress with its line breaks as plain
newlines: it adds paragraphs only when it shows a comment); Isso keeps the
Markdown the reader typed. Maoni keeps what the reader typed and renders it
with its own Plain text filter, so markup goes, and what it meant stays:
paragraphs and line breaks, a link's address (after its words when they
differ), list items on lines of their own. Entities are decoded exactly once.

A ``<br>`` and the newline after it are one line break (``<br />\n`` is how
WordPress, Drupal and Maoni itself write one), and a link whose words are its
own address, shortened for display (``https://example.org/long-pa…``) or
without its scheme (``www.example.org``, ``a@example.org``), keeps the address
as it was typed, once.
"""

from __future__ import annotations

import re
from html.parser import HTMLParser

_BLOCKS = {"p", "div", "blockquote", "ul", "ol", "pre", "h1", "h2", "h3", "h4", "h5", "h6"}
_DROPPED = {"script", "style"}
_SCHEMES = ("http://", "https://", "mailto:")


class _Text(HTMLParser):
    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.parts: list[str] = []
        self.links: list[tuple[str, int]] = []
        self.dropping = 0
        # A newline right after a <br> is the same line break, written twice.
        self.after_break = False

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        self.after_break = False
        if tag in _DROPPED:
            self.dropping += 1
        elif tag == "br":
            self.parts.append("\n")
            self.after_break = True
        elif tag in _BLOCKS:
            self.parts.append("\n\n")
        elif tag == "li":
            self.parts.append("\n- ")
        elif tag == "a":
            href = dict(attrs).get("href") or ""
            self.links.append((href.strip(), len(self.parts)))

    def handle_endtag(self, tag: str) -> None:
        self.after_break = False
        if tag in _DROPPED:
            self.dropping = max(0, self.dropping - 1)
        elif tag in _BLOCKS:
            self.parts.append("\n\n")
        elif tag == "a" and self.links:
            href, start = self.links.pop()
            words = "".join(self.parts[start:]).strip()
            typed = _typed_address(words, href)
            if typed is not None:
                self.parts[start:] = [typed]
            elif href and href not in words and href.startswith(_SCHEMES):
                self.parts.append(f" ({href})" if words else href)

    def handle_startendtag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        self.handle_starttag(tag, attrs)

    def handle_data(self, data: str) -> None:
        if self.after_break and data.startswith("\n"):
            data = data[1:]
        self.after_break = False
        if not self.dropping:
            self.parts.append(data)


def _typed_address(words: str, href: str) -> str | None:
    """The address a link's words show, as typed, when they are its own address; else None.

    Maoni links ``www.example.org`` to ``http://www.example.org`` and
    ``a@example.org`` to ``mailto:a@example.org``, and shortens a long
    address's words with "…": each is the address the reader typed.
    """
    if not words or not href.startswith(_SCHEMES):
        return None
    bare = href.split(":", 1)[1].removeprefix("//")
    for address in (href, bare):
        if words == address:
            return words
        if words.endswith("…") and len(words) > 1 and address.startswith(words[:-1]):
            return address
    return None


def _tidy(text: str) -> str:
    lines = [line.rstrip() for line in text.replace("\r\n", "\n").replace("\r", "\n").split("\n")]
    return re.sub(r"\n{3,}", "\n\n", "\n".join(lines)).strip()


def html_to_plain(html: str) -> str:
    """Stored comment HTML as Plain text; its newlines are line breaks, as WordPress keeps them."""
    parser = _Text()
    parser.feed(html)
    parser.close()
    return _tidy("".join(parser.parts))


def html_to_line(html: str) -> str:
    """A name or title stored escaped (``Otieno &amp; Sons``) as one line of text."""
    return " ".join(html_to_plain(html).split())


_FENCE = re.compile(r"^```[^\n]*\n(.*?)^```[ \t]*$", re.MULTILINE | re.DOTALL)
_IMAGE = re.compile(r"!\[([^\]]*)\]\(([^)\s]+)(?:\s+\"[^\"]*\")?\)")
_LINK = re.compile(r"\[([^\]]+)\]\(([^)\s]+)(?:\s+\"[^\"]*\")?\)")
_CODE = re.compile(r"`([^`\n]+)`")
_STRONG = re.compile(r"(\*\*|__)(?=\S)(.+?)(?<=\S)\1")
_EMPHASIS = re.compile(
    r"(?<![\w*])\*(?=\S)([^*\n]+?)(?<=\S)\*(?![\w*])|(?<!\w)_(?=\S)([^_\n]+?)(?<=\S)_(?!\w)"
)
_HEADING = re.compile(r"^#{1,6}[ \t]+(.*?)[ \t#]*$", re.MULTILINE)
_ESCAPED = re.compile(r"\\([\\`*_{}\[\]()#+\-.!>])")


def _link(words: str, address: str) -> str:
    return address if words.strip() in {"", address} else f"{words} ({address})"


def markdown_to_plain(markdown: str) -> str:
    """Markdown as typed, without its markup; HTML in it is text the reader wrote."""
    text = markdown.replace("\r\n", "\n").replace("\r", "\n")
    text = _FENCE.sub(lambda match: match.group(1).rstrip("\n"), text)
    text = _IMAGE.sub(lambda match: _link(match.group(1), match.group(2)), text)
    text = _LINK.sub(lambda match: _link(match.group(1), match.group(2)), text)
    text = _CODE.sub(r"\1", text)
    text = _STRONG.sub(r"\2", text)
    text = _EMPHASIS.sub(lambda match: match.group(1) or match.group(2), text)
    text = _HEADING.sub(r"\1", text)
    text = _ESCAPED.sub(r"\1", text)
    return _tidy(text)
