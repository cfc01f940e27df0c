"""Newsroom picks on the moderators' desk: make a published comment one, or take it off."""

from __future__ import annotations

from django.contrib import messages
from django.contrib.auth.models import User
from django.http import HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect
from django.urls import reverse
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from maoni.comments import services
from maoni.comments.models import Comment
from maoni.desk.views import back, moderators_only


@moderators_only
@require_POST
def pick(request: HttpRequest, comment_id: int) -> HttpResponse:
    comment = get_object_or_404(Comment, pk=comment_id)
    actor = request.user
    assert isinstance(actor, User)  # moderators_only: logged in
    picked = request.POST.get("picked") != "0"
    changed = services.comments_pick(
        comment_ids=[comment.pk],
        picked=picked,
        actor=actor,
        note=str(request.POST.get("note", ""))[:1000],
    )
    if changed:
        messages.success(
            request,
            _("The comment is a newsroom pick.")
            if picked
            else _("The comment is no longer a pick."),
        )
    else:
        messages.info(request, _("Nothing changed: only published comments can be picks."))
    return redirect(back(request, reverse("moderation:comment", args=[comment.pk])))
