"""Helpers for the moderation templates."""

from __future__ import annotations

import json
from datetime import datetime, timedelta
from typing import cast

from django import template
from django.utils.timesince import timesince
from django.utils.translation import gettext as _
from django.utils.translation import ngettext, ngettext_lazy

from maoni.comments.choices import Premoderation
from maoni.comments.models import Comment, Thread
from maoni.comments.services import TRANSITIONS
from maoni.desk.forms import ACTION_LABELS, MODE_WORDS, STATUS_WORDS
from maoni.desk.threads import thread_state
from maoni.moderation import checks, reasons
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
        return _("Held")
    if status in Comment.Status.values:
        return str(Comment.Status(status).label)
    return status


@register.filter
def status_word(status: str) -> str:
    """A status code ("pending", or a figure's "held"), as a word in the reader's language."""
    return str(STATUS_WORDS.get(status, status))


@register.filter
def comment_mode_word(mode: str) -> str:
    """How an article's comments stand ("open", "closed", "hidden"), as a word."""
    return str(MODE_WORDS.get(mode, mode))


@register.filter
def reason_label(reason: str) -> str:
    """Why a comment was held (stored in English), in the moderator's language."""
    return reasons.reason_label(str(reason))


@register.filter
def check_label(name: str) -> str:
    """A spam check's name (a code in the figures), in the moderator's language."""
    return checks.check_label(name)


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
        if entry.details.get("by_author"):
            return _("%(name)s (the author)") % {"name": name}
        return name
    if entry.details.get("by_author"):
        return _("the author")
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


# Django's own words for ``timesince``, which its Swahili catalog lacks: the
# same English, so that they are in ours.
TIME_STRINGS = {
    "year": ngettext_lazy("%(num)d year", "%(num)d years", "num"),
    "month": ngettext_lazy("%(num)d month", "%(num)d months", "num"),
    "week": ngettext_lazy("%(num)d week", "%(num)d weeks", "num"),
    "day": ngettext_lazy("%(num)d day", "%(num)d days", "num"),
    "hour": ngettext_lazy("%(num)d hour", "%(num)d hours", "num"),
    "minute": ngettext_lazy("%(num)d minute", "%(num)d minutes", "num"),
}


@register.filter
def waited_since(moment: datetime, now: datetime) -> str:
    """``timesince``, with its words in the moderator's language: "2 days, 3 hours"."""
    # Lazy plural forms, as Django's own TIME_STRINGS are: each is given its number there.
    return timesince(moment, now, time_strings=cast("dict[str, str]", TIME_STRINGS))


@register.filter
def duration_words(span: timedelta) -> str:
    """A duration as a person says it: "3 h 20 min", "2 days 4 h", "45 s"."""
    seconds = int(span.total_seconds())
    days, seconds = divmod(seconds, 86_400)
    hours, seconds = divmod(seconds, 3_600)
    minutes, seconds = divmod(seconds, 60)
    if days:
        return ngettext("%(days)d day %(hours)d h", "%(days)d days %(hours)d h", days) % {
            "days": days,
            "hours": hours,
        }
    if hours:
        return _("%(hours)d h %(minutes)d min") % {"hours": hours, "minutes": minutes}
    if minutes:
        return _("%(minutes)d min") % {"minutes": minutes}
    return _("%(seconds)d s") % {"seconds": seconds}
