"""Template filters for the author line of a comment."""

from __future__ import annotations

from datetime import datetime

from django import template
from django.utils import timezone

from maoni.comments.display import format_timestamp, shorten_name
from maoni.comments.models import Comment, Display, Policy

register = template.Library()


@register.filter
def short_name(name: str) -> str:
    return shorten_name(name)


@register.filter
def comment_time(moment: datetime) -> str:
    """The time in the site's zone, formatted as the seed site shows it."""
    return format_timestamp(timezone.localtime(moment))


@register.simple_tag
def placement(comment: Comment, policy: Policy | str) -> dict[str, object]:
    """Where a comment sits: its indentation, and whether to name what it answers.

    Flat, nothing is indented; threaded, indentation stops at the cap. Where
    the indentation does not show what a reply answers, the line says so,
    naming the parent only while the parent itself is public.
    """
    # Pages without a policy in their context (previews) show comments flat.
    threaded = isinstance(policy, Policy) and policy.display == Display.THREADED
    depth = min(comment.depth, policy.depth_cap) if isinstance(policy, Policy) and threaded else 0
    parent = comment.parent if comment.parent_id else None
    return {
        "indent": depth,
        "mentions_parent": parent is not None and (not threaded or comment.depth > depth),
        "parent_is_public": parent is not None and parent.status == Comment.Status.PUBLISHED,
    }
