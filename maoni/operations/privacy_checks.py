"""doctor's findings on what readers are protected by: data kept no longer than needed,
and the policy browsers are told to enforce."""

from __future__ import annotations

from collections.abc import Iterator
from datetime import timedelta
from pathlib import Path

from django.conf import settings
from django.utils import timezone

from maoni.operations.findings import Finding, ok, problem


def personal_data_purged() -> Iterator[Finding]:
    """When ``manage.py purge_personal_data`` last ran: it should run daily."""
    from maoni.comments.models import PersonalDataPurge

    last = PersonalDataPurge.load().last_run
    if last is None:
        yield problem(
            "manage.py purge_personal_data has never run: old e-mail addresses and deleted "
            "comments are kept. Run it daily from cron (docs/deploy.md)."
        )
        return
    when = f"{timezone.localtime(last):%Y-%m-%d %H:%M}"
    if timezone.now() - last > timedelta(days=2):  # a daily job, a day late
        yield problem(f"manage.py purge_personal_data last ran on {when}: run it daily.")
    else:
        yield ok(f"Personal data was last purged on {when}.")


def browser_policies() -> Iterator[Finding]:
    """The Content-Security-Policy every page is sent with (maoni.policy_headers)."""
    from maoni.policy_headers import STRICT

    if "maoni.policy_headers.PolicyHeaders" not in settings.MIDDLEWARE:
        yield problem("Pages are sent without a Content-Security-Policy (MIDDLEWARE).")
        return
    yield ok(f"Pages are sent with Content-Security-Policy: {STRICT}")


def languages() -> Iterator[Finding]:
    """The languages pages come in, and whether each has its compiled catalog."""
    names = dict(settings.LANGUAGES)
    for code in names:
        for folder in settings.LOCALE_PATHS:
            source = Path(folder) / code / "LC_MESSAGES" / "django.po"
            if source.exists() and not source.with_suffix(".mo").exists():
                yield problem(
                    f"{source} has no compiled django.mo beside it: run `make messages`, "
                    "or its readers get English."
                )
    yield ok(
        f"Pages come in {', '.join(names.values())}; the site's own language is "
        f"{names[settings.LANGUAGE_CODE]} (MAONI_LANGUAGE), and readers may choose."
    )
