"""Template filters for the author line of a comment."""

from __future__ import annotations

from datetime import datetime

from django import template
from django.utils import timezone

from maoni.comments.display import format_timestamp, shorten_name

register = template.Library()


@register.filter
def short_name(name: str) -> str:
    return shorten_name(name)


@register.filter
def comment_time(moment: datetime) -> str:
    """The time in the site's zone, formatted as the seed site shows it."""
    return format_timestamp(timezone.localtime(moment))
