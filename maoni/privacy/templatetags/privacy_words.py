"""The words Your data's pages show for the codes a reader's copy of their data holds.

The copy (and its JSON download) keeps a comment's status and a report's
reason as stored, e.g. "published" or "off_topic"; the pages name them in
the reader's language. In English they read as the codes always have.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from django import template
from django.utils.translation import pgettext_lazy

if TYPE_CHECKING:
    from django_stubs_ext import StrOrPromise

register = template.Library()

STATUSES: dict[str, StrOrPromise] = {
    "published": pgettext_lazy("comment status on Your data", "published"),
    "pending": pgettext_lazy("comment status on Your data", "pending"),
    "spam": pgettext_lazy("comment status on Your data", "spam"),
    "deleted": pgettext_lazy("comment status on Your data", "deleted"),
}
REASONS: dict[str, StrOrPromise] = {
    "spam": pgettext_lazy("report reason on Your data", "spam"),
    "abuse": pgettext_lazy("report reason on Your data", "abuse"),
    "off_topic": pgettext_lazy("report reason on Your data", "off_topic"),
    "illegal": pgettext_lazy("report reason on Your data", "illegal"),
}


@register.filter
def status_word(code: str) -> str:
    """A comment's status as the reader reads it."""
    return str(STATUSES.get(code, code))


@register.filter
def reason_word(code: str) -> str:
    """A report's reason as the reader reads it."""
    return str(REASONS.get(code, code))
