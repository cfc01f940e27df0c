"""Model changes that change pages, wherever they are made (site, admin, shell).

The page cache knows no app's models: each app names its own in its
``AppConfig.ready`` — rows shown on a thread's pages (``watch_thread_rows``),
rows every page shows (``watch_site_rows``), rows the spam checks read
(``watch_spam_rows``) — and their saves and deletes move the counters on.
Services save the rows a page shows one by one and also say what changed
(``changes``), so an edit made in the admin or a shell is not missed either.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from django.contrib.auth import get_user_model
from django.core.signals import request_finished, request_started
from django.db.models import Model
from django.db.models.signals import post_delete, post_save
from django.forms.models import model_to_dict

from maoni.pagecache import changes
from maoni.pagecache.counters import RemoteCounters
from maoni.pagecache.store import counters


def watch_thread_rows(model: type[Model], thread_id_of: Callable[[Any], int | None]) -> None:
    """A saved or deleted ``model`` row changes the pages of the thread it names."""

    def changed(instance: Any, **_kwargs: Any) -> None:
        thread_id = thread_id_of(instance)
        if thread_id is not None:
            changes.threads_changed([thread_id])

    for signal in (post_save, post_delete):
        signal.connect(changed, sender=model, weak=False)


def watch_site_rows(model: type[Model]) -> None:
    """A saved or deleted ``model`` row changes what every page shows."""
    for signal in (post_save, post_delete):
        signal.connect(_site, sender=model)


def watch_spam_rows(model: type[Model]) -> None:
    """A saved or deleted ``model`` row changes what the spam checks decide."""
    for signal in (post_save, post_delete):
        signal.connect(_spam_checks, sender=model)


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
    if isinstance(store, RemoteCounters):
        store.request_begins()


def _request_ends(**_kwargs: Any) -> None:
    store = counters()
    if isinstance(store, RemoteCounters):
        store.request_ends()


def connect() -> None:
    """Accounts and requests; the apps watch their own models (see the module's docstring)."""
    for signal in (post_save, post_delete):
        signal.connect(_names, sender=get_user_model())
    # A deleted account's comments stay, no longer marked as a member's.
    post_delete.connect(_site, sender=get_user_model())
    # Shared counters read once per request what the request consults (see counters).
    request_started.connect(_request_begins)
    request_finished.connect(_request_ends)
