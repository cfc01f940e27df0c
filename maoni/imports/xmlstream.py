"""An export file read as a stream of XML events, each with its line. Pure.

Exports run to gigabytes, so neither reader builds the whole tree: they read
events and clear each record's element once it is read. The parser is
defusedxml's: a file that declares entities (which can expand without bound,
or read other files) is refused, as is an external reference. The file is fed
to the parser one line at a time, so every event knows the line it ended on,
for messages that point at the place in the file.
"""

from __future__ import annotations

from collections.abc import Iterator
from typing import BinaryIO
from xml.etree.ElementTree import Element, ParseError
from xml.parsers.expat import ErrorString

# No stubs are installed for defusedxml (types-defusedxml is not a dependency yet).
import defusedxml.ElementTree  # type: ignore[import-untyped]
from defusedxml import DefusedXmlException

from maoni.imports.records import SourceError

# A line longer than this reaches the parser in pieces (the memory it takes stays bounded).
_PIECE = 64 * 1024


class _Lines:
    """A binary file that answers each ``read`` with at most one line, counting them."""

    def __init__(self, file: BinaryIO) -> None:
        self.file = file
        # The line the last piece read started on (1 for the first).
        self.line = 1
        self._newlines = 0

    def read(self, _size: int = -1) -> bytes:
        self.line = self._newlines + 1
        piece = self.file.readline(_PIECE)
        self._newlines += piece.count(b"\n")
        return piece


def events(path: str, *, what: str) -> Iterator[tuple[str, Element, int]]:
    """The file's ("start" | "end", element, line) events; SourceError where it is malformed.

    ``what`` names the file in messages ("The WordPress export").
    """
    with open(path, "rb") as file:
        lines = _Lines(file)
        try:
            for event, element in defusedxml.ElementTree.iterparse(lines, events=("start", "end")):
                yield event, element, lines.line
        except ParseError as error:
            raise SourceError(_malformed(what, error)) from error
        except DefusedXmlException as error:
            raise SourceError(
                f"{what} declares an entity or an outside reference near line {lines.line}; "
                "Maoni reads no such file, as entities can expand without bound or read "
                f"other files ({type(error).__name__})."
            ) from error


def _malformed(what: str, error: ParseError) -> str:
    line, column = error.position
    code = getattr(error, "code", None)
    reason = ErrorString(code) if isinstance(code, int) else str(error)
    return f"{what} is not well-formed XML at line {line}, column {column}: {reason}."


class _Nothing:
    """A parser target that builds nothing: the file is only checked."""

    def start(self, tag: str, attrs: dict[str, str]) -> None:
        return None

    def end(self, tag: str) -> None:
        return None

    def data(self, data: str) -> None:
        return None

    def close(self) -> None:
        return None


# How much of the file the check reads at a time.
_CHUNK = 1024 * 1024


def check_well_formed(path: str, *, what: str) -> None:
    """Reads the whole file once, building nothing; SourceError where it is malformed.

    Much quicker than reading its records, so an import can refuse a broken
    file before it stores anything.
    """
    parser = defusedxml.ElementTree.DefusedXMLParser(target=_Nothing())
    with open(path, "rb") as file:
        try:
            while chunk := file.read(_CHUNK):
                parser.feed(chunk)
            parser.close()
        except ParseError as error:
            raise SourceError(_malformed(what, error)) from error
        except DefusedXmlException as error:
            raise SourceError(
                f"{what} declares an entity or an outside reference; Maoni reads no such "
                f"file, as entities can expand without bound or read other files "
                f"({type(error).__name__})."
            ) from error
