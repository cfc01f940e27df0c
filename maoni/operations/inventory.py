"""What a site is made of: the tables ``export`` and ``import`` move, and their migrations.

Every model of every installed app is part of the site, less those in
``LEFT_OUT``: a model added later moves without a change here, and leaving
one out is a decision, written down with its reason. Rows keep their ids,
so everything that points at them (replies, the moderation log, notices)
points at the same rows afterwards. Content types and permissions are made
by ``migrate`` in each database, under ids of its own: rows that point at
them name them by natural key (``["moderate_comment", "comments",
"comment"]``) instead.
"""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass
from typing import Any

from django.apps import apps
from django.contrib.auth.models import Permission
from django.contrib.contenttypes.models import ContentType
from django.db import DEFAULT_DB_ALIAS, connections
from django.db.migrations.loader import MigrationLoader
from django.db.models import Field, Model

ALIAS = DEFAULT_DB_ALIAS

# What the export leaves out, and why (docs/deploy.md says the same).
LEFT_OUT = {
    "contenttypes.contenttype": "made by migrate in each database; rows name them by app and model",
    "auth.permission": "made by migrate in each database; rows name them by code name",
    "sessions.session": "logins: readers and staff log in again",
    "comments.triedquestion": "CAPTCHA tries, good for a day: a form left open asks again",
    "moderation.ratebucket": "rate-limit counts, which refill within the hour",
    "pagecache.pagecounter": "page counters, moved on after every import",
}
# Models made by migrate that rows point at by natural key rather than by
# id: the fields of the key, as their natural_key() gives it.
NATURAL_KEYS: dict[type[Model], tuple[str, ...]] = {
    ContentType: ("app_label", "model"),
    Permission: ("codename", "content_type__app_label", "content_type__model"),
}


@dataclass(frozen=True)
class Table:
    """One model's table as the export writes it."""

    model: type[Model]

    @property
    def name(self) -> str:
        return self.model._meta.label_lower

    @property
    def fields(self) -> list[Field[Any, Any]]:
        return list(self.model._meta.local_concrete_fields)

    @property
    def columns(self) -> tuple[str, ...]:
        return tuple(field.attname for field in self.fields)

    def count(self) -> int:
        return self.model._base_manager.using(ALIAS).count()


def site_tables() -> list[Table]:
    """Every table the export writes, each after the tables its rows point at."""
    models = [
        model
        for model in apps.get_models(include_auto_created=True)
        if model._meta.managed
        and not model._meta.proxy
        and not model._meta.swapped
        and model._meta.label_lower not in LEFT_OUT
    ]
    return [Table(model) for model in _dependencies_first(models)]


def _dependencies_first(models: list[type[Model]]) -> list[type[Model]]:
    """``models`` in their order, except that each comes after those its rows point at."""
    placed: dict[type[Model], None] = {}
    visiting: set[type[Model]] = set()

    def place(model: type[Model]) -> None:
        if model in placed or model in visiting:
            return  # placed, or a cycle: foreign keys are checked at commit anyway
        visiting.add(model)
        for field in model._meta.local_concrete_fields:
            target = field.related_model
            if isinstance(target, type) and target in models:
                place(target)
        placed[model] = None

    for model in models:
        place(model)
    return list(placed)


def migration_state() -> dict[str, list[str]]:
    """The migrations applied to the database, by app."""
    loader = MigrationLoader(connections[ALIAS], ignore_no_migrations=True)
    state: dict[str, list[str]] = {}
    for app, name in sorted(loader.applied_migrations):
        state.setdefault(app, []).append(name)
    return state


def migration_mismatch(wanted: dict[str, list[str]]) -> str | None:
    """What to run before a file written at migration state ``wanted`` can be imported here."""
    loader = MigrationLoader(connections[ALIAS], ignore_no_migrations=True)
    have = set(loader.applied_migrations)
    want = {(app, name) for app, names in wanted.items() for name in names}
    if want == have:
        return None
    missing, extra = sorted(want - have), sorted(have - want)
    unknown = [key for key in missing if key not in loader.disk_migrations]
    if unknown:
        return (
            "The file comes from a newer Maoni: its database had migrations this Maoni does not "
            f"know ({_names(unknown)}). Upgrade Maoni to the version that wrote the file, run "
            "`manage.py migrate`, then import."
        )
    if not extra:
        return (
            f"This database lacks migrations the file's database had ({_names(missing)}): run "
            "`manage.py migrate`, then import."
        )
    steps = [
        f"`manage.py migrate {app} {max(wanted[app]) if wanted.get(app) else 'zero'}`"
        for app in sorted({app for app, _name in missing + extra})
    ]
    return (
        "The file comes from an older Maoni: this database has migrations the file's database "
        f"did not have ({_names(extra)}). Bring this database to the file's state with "
        f"{', '.join(steps)}, import, then run `manage.py migrate` to bring it forward again."
    )


def _names(keys: list[tuple[str, str]]) -> str:
    shown = ", ".join(f"{app}.{name}" for app, name in keys[:5])
    return shown + (f" and {len(keys) - 5} more" if len(keys) > 5 else "")


def named_by_key(field: Field[Any, Any]) -> type[Model] | None:
    """The model ``field`` points at when rows name it by natural key, else None."""
    target = field.related_model
    return target if isinstance(target, type) and target in NATURAL_KEYS else None


def natural_keys() -> Iterator[tuple[type[Model], int, tuple[str, ...]]]:
    """Each content type and permission in this database: its model, its id, its natural key."""
    for model, key in NATURAL_KEYS.items():
        for pk, *values in model._base_manager.using(ALIAS).values_list("pk", *key):
            yield model, pk, tuple(values)
