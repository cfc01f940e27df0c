"""Model changes that change pages, wherever they are made (site, admin, shell).

This is the one place pages learn of changes: services save the rows a page
shows one by one (their ``QuerySet.update`` calls touch only counts and
versions, which move with those rows), so the signals see every change.
"""

from __future__ import annotations

from typing import Any

from django.contrib.auth import get_user_model
from django.core.signals import request_finished, request_started
from django.db.models.signals import post_delete, post_save
from django.forms.models import model_to_dict

from maoni.pagecache import changes
from maoni.pagecache.store import counters
from maoni.pagecache.versions import SharedCounters


def _thread_of_comment(instance: Any, **_kwargs: Any) -> None:
    changes.threads_changed([instance.thread_id])


def _thread_of_article(instance: Any, **_kwargs: Any) -> None:
    if instance.thread_id is not None:
        changes.threads_changed([instance.thread_id])


def _thread(instance: Any, **_kwargs: Any) -> None:
    changes.threads_changed([instance.pk])


def _site(instance: Any, created: bool = False, **_kwargs: Any) -> None:
    # A settings row made with the defaults on first use changes nothing shown.
    if created and model_to_dict(instance) == model_to_dict(type(instance)(pk=instance.pk)):
        return
    changes.site_changed()


def _spam_checks(**_kwargs: Any) -> None:
    changes.spam_checks_changed()


def _names(**_kwargs: Any) -> None:
    changes.names_changed()


def _request_begins(**_kwargs: Any) -> None:
    store = counters()
    if isinstance(store, SharedCounters):
        store.request_begins()


def _request_ends(**_kwargs: Any) -> None:
    store = counters()
    if isinstance(store, SharedCounters):
        store.request_ends()


def connect() -> None:
    from maoni.articles.models import Article
    from maoni.comments.models import Comment, CommentSettings, Thread
    from maoni.moderation.models import BlockEntry, SpamSettings

    for signal in (post_save, post_delete):
        signal.connect(_thread_of_comment, sender=Comment)
        signal.connect(_thread_of_article, sender=Article)
        signal.connect(_thread, sender=Thread)
        signal.connect(_site, sender=CommentSettings)
        signal.connect(_site, sender=SpamSettings)
        signal.connect(_spam_checks, sender=BlockEntry)
        signal.connect(_names, sender=get_user_model())
    # A deleted account's comments stay, no longer marked as a member's.
    post_delete.connect(_site, sender=get_user_model())
    # Shared counters read once per request what the request consults (see versions).
    request_started.connect(_request_begins)
    request_finished.connect(_request_ends)
