"""Helpers for the moderation templates."""

from __future__ import annotations

import json
from datetime import timedelta

from django import template

from maoni.comments.choices import Premoderation
from maoni.comments.models import Comment, Thread
from maoni.comments.services import TRANSITIONS
from maoni.desk.forms import ACTION_LABELS
from maoni.desk.threads import thread_state
from maoni.moderation.models import AuditEntry

register = template.Library()

# The queue's keyboard shortcuts: a(pprove), s(pam), d(elete), u(npublish), r(estore).
SHORTCUTS = {"publish": "a", "spam": "s", "delete": "d", "unpublish": "u", "restore": "r"}


@register.filter
def applicable_actions(comment: Comment) -> list[tuple[str, str, str]]:
    """The actions that fit the comment's status, as (action, label, shortcut)."""
    return [
        (action, str(ACTION_LABELS[action]), SHORTCUTS[action])
        for action, transition in TRANSITIONS.items()
        if comment.status in transition.allowed_from
    ]


@register.filter
def status_label(status: str) -> str:
    """A comment status as moderators call it ("Held", not "Pending")."""
    if status == Comment.Status.PENDING:
        return "Held"
    if status in Comment.Status.values:
        return str(Comment.Status(status).label)
    return status


@register.simple_tag
def transitions_json() -> str:
    """The statuses each action applies to, and its label, for the queue's script."""
    return json.dumps(
        {
            action: {
                "from": sorted(transition.allowed_from),
                "label": str(ACTION_LABELS[action]),
                "key": SHORTCUTS[action],
            }
            for action, transition in TRANSITIONS.items()
        }
    )


@register.filter
def actor_name(entry: AuditEntry) -> str:
    """Who took an action: a user, the comment's anonymous author, or Maoni itself."""
    if entry.actor is not None:
        name = entry.actor.get_username()
        return f"{name} (the author)" if entry.details.get("by_author") else name
    if entry.details.get("by_author"):
        return "the author"
    return "Maoni"


@register.inclusion_tag("moderation/_thread_controls.html", takes_context=True)
def thread_controls(context: template.Context, thread: Thread) -> dict[str, object]:
    """Whether a thread takes comments and which wait, with the buttons that change it."""
    return {
        "thread": thread,
        "lines": thread_state(thread),
        "held_by_hand": thread.premoderation == Premoderation.EVERYONE,
        "request": context["request"],
        "csrf_token": context.get("csrf_token"),
    }


@register.filter
def get_item(mapping: dict[str, object], key: str) -> object:
    """``mapping[key]`` in a template."""
    return mapping.get(key, "")


@register.filter
def duration_words(span: timedelta) -> str:
    """A duration as a person says it: "3 h 20 min", "2 days 4 h", "45 s"."""
    seconds = int(span.total_seconds())
    days, seconds = divmod(seconds, 86_400)
    hours, seconds = divmod(seconds, 3_600)
    minutes, seconds = divmod(seconds, 60)
    if days:
        return f"{days} day{'s' if days != 1 else ''} {hours} h"
    if hours:
        return f"{hours} h {minutes} min"
    if minutes:
        return f"{minutes} min"
    return f"{seconds} s"
