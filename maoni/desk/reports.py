"""Readers' reports on the moderators' desk: what was reported, and keeping a comment."""

from __future__ import annotations

from django.contrib import messages
from django.contrib.auth.models import User
from django.http import HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect
from django.urls import reverse
from django.utils.translation import gettext as _
from django.utils.translation import ngettext
from django.views.decorators.http import require_POST

from maoni.comments.models import Comment
from maoni.desk.views import back, moderators_only
from maoni.reports import services


@moderators_only
@require_POST
def keep_reported(request: HttpRequest, comment_id: int) -> HttpResponse:
    """Keeps a reported comment as it is; its reports are decided, their senders told."""
    comment = get_object_or_404(Comment, pk=comment_id)
    actor = request.user
    assert isinstance(actor, User)  # moderators_only: logged in
    kept = services.reports_keep(
        comment=comment, actor=actor, note=str(request.POST.get("note", ""))[:1000]
    )
    if kept:
        messages.success(
            request,
            ngettext(
                "The comment stays; %(count)d report was closed.",
                "The comment stays; %(count)d reports were closed.",
                kept,
            )
            % {"count": kept},
        )
    else:
        messages.info(request, _("Nothing changed: the comment had no open reports."))
    return redirect(back(request, reverse("moderation:comment", args=[comment.pk])))
