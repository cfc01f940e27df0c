"""Template tags and filters for showing comments."""

from __future__ import annotations

from collections.abc import Collection, Iterable
from datetime import datetime
from functools import partial
from typing import TYPE_CHECKING

from django import template
from django.conf import settings
from django.template.loader import get_template
from django.utils import timezone, translation
from django.utils.safestring import SafeString, mark_safe

from maoni.comments.display import format_timestamp, shorten_name
from maoni.comments.models import Comment, Display, Policy
from maoni.formats import swahili
from maoni.pagecache.fragments import fragments

if TYPE_CHECKING:
    from maoni.articles.models import Article

register = template.Library()


@register.filter
def short_name(name: str) -> str:
    return shorten_name(name)


@register.filter
def comment_time(moment: datetime) -> str:
    """The time in the site's zone: as the seed site shows it, or in Swahili hours."""
    local = timezone.localtime(moment)
    if translation.get_language() == "sw":
        return swahili.timestamp(local)
    return format_timestamp(local)


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


@register.simple_tag(takes_context=True)
def comments_markup(context: template.Context, comments: Iterable[Comment]) -> SafeString:
    """Comments on their article's page, each as ``comments/_comment.html`` renders it.

    Each comment's markup is kept between renders under a key made of
    everything it shows, so a page rendered again after one change formats
    one comment, not fifty. Comments the visitor may change carry their own
    links: never kept.
    """
    article = context["article"]
    policy = context["policy"]
    changeable = context.get("changeable") or ()
    kept = fragments()
    shared = (policy, article.takes_comments, settings.TIME_ZONE, translation.get_language())
    # A shared page whose comments are the ones rendered before, unchanged
    # (see ``paging.ThreadPages.contents``), is not read or formatted again.
    contents = context.get("comments_contents")
    if contents is not None:
        return mark_safe(  # noqa: S308 - made below, from escaped markup
            kept.get_or_make(
                ("page of comments", article.thread_id, contents, shared),
                lambda: _markup(comments, article, policy, changeable, shared),
            )
        )
    return _markup(comments, article, policy, changeable, shared)


def _markup(
    comments: Iterable[Comment],
    article: Article,
    policy: Policy,
    changeable: Collection[int],
    shared: tuple[object, ...],
) -> SafeString:
    kept = fragments()
    comment_template = get_template("comments/_comment.html")
    parts = []
    for comment in comments:
        values = {
            "comment": comment,
            "article": article,
            "policy": policy,
            "changeable": changeable,
        }
        render = partial(comment_template.render, values)
        if comment.pk in changeable:
            parts.append(render())
            continue
        parent = comment.parent if comment.parent_id else None
        key = (
            comment.pk,
            comment.author_name,
            comment.user_id is None,
            comment.created,
            comment.edited,
            comment.picked is not None,
            hash(comment.body_html),
            comment.depth,
            parent and (parent.status, parent.author_name),
            shared,
        )
        parts.append(kept.get_or_make(key, render))
    return mark_safe("\n".join(parts))  # noqa: S308 - the template escapes
