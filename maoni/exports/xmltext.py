"""Text made safe to write into an XML file, as the exporters need it. Pure."""

from __future__ import annotations

import re
from datetime import datetime
from email.utils import format_datetime

# What XML 1.0 allows in no document, not even escaped: most control characters,
# lone surrogates and the two non-characters at the end of the Basic Multilingual Plane.
_NOT_XML = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\ud800-\udfff\ufffe\uffff]")
_HTML = str.maketrans({"&": "&amp;", "<": "&lt;", ">": "&gt;"})


def clean(text: str) -> str:
    """``text`` without the characters no XML file may hold (they are dropped)."""
    return _NOT_XML.sub("", text)


def escaped(text: str) -> str:
    """``&``, ``<`` and ``>`` as entities: text in an element, or HTML as WordPress stores it."""
    return clean(text).translate(_HTML)


def cdata(text: str) -> str:
    """``text`` in a CDATA section; a ``]]>`` in it is split over two sections."""
    return "<![CDATA[" + clean(text).replace("]]>", "]]]]><![CDATA[>") + "]]>"


def rfc2822(moment: datetime) -> str:
    """A time as RSS writes it: ``Mon, 15 Apr 2024 06:30:00 +0000``."""
    return format_datetime(moment)
