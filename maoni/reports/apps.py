from typing import Any

from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class ReportsConfig(AppConfig):
    name = "maoni.reports"
    label = "reports"
    verbose_name = _("Readers' reports")

    def ready(self) -> None:
        from maoni.comments import events

        events.comments_moderated.connect(_moderated, dispatch_uid="maoni-report-decisions")


def _moderated(
    *,
    comment_ids: list[int],
    action: str,
    actor_id: int | None,
    by_author: bool,
    note: str,
    **_kwargs: Any,
) -> None:
    from maoni.reports import services

    services.reports_decided(
        comment_ids=comment_ids, action=action, actor_id=actor_id, by_author=by_author, note=note
    )
