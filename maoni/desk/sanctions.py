"""Sanctions on the moderators' desk: put one on a comment's author, lift one, list them."""

from __future__ import annotations

from typing import Any

from django import forms
from django.contrib import messages
from django.contrib.auth.models import User
from django.http import HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy, pgettext_lazy
from django.views.decorators.http import require_GET, require_POST

from maoni.comments import confirmations
from maoni.comments.models import Comment
from maoni.desk.views import back, moderators_only, refused
from maoni.moderation import client_keys, sanctions
from maoni.moderation.models import Sanction

ACCOUNT, ADDRESS, CLIENT = "account", "address", "client"


class SanctionForm(forms.Form):
    kind = forms.ChoiceField(label=gettext_lazy("Sanction"), choices=Sanction.Kind.choices)
    target = forms.ChoiceField(
        label=pgettext_lazy("sanction target", "On"),
        choices=[
            (ACCOUNT, gettext_lazy("the account")),
            (ADDRESS, gettext_lazy("the proved e-mail address")),
            (CLIENT, gettext_lazy("the client (network)")),
        ],
    )
    days = forms.IntegerField(
        label=gettext_lazy("For how many days"),
        required=False,
        min_value=1,
        max_value=3650,
        help_text=gettext_lazy("Needed for a suspension; empty for the others: until lifted."),
    )
    reason = forms.CharField(
        label=gettext_lazy("Reason (the author reads it when refused)"), max_length=1000
    )

    def __init__(self, *args: Any, comment: Comment, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.comment = comment

    def clean(self) -> dict[str, Any]:
        data = super().clean() or {}
        if data.get("kind") == Sanction.Kind.SUSPEND and not data.get("days"):
            self.add_error("days", _("Say for how many days the author is suspended."))
        target = data.get("target")
        if target == ACCOUNT and self.comment.user_id is None:
            self.add_error("target", _("This comment was not written with an account."))
        if target == ADDRESS and not confirmations.address_proved(comment=self.comment):
            self.add_error(
                "target",
                _("This comment's address was never proved: sanction the client instead."),
            )
        if target == CLIENT and not self.comment.client_key:
            self.add_error("target", _("This comment has no client key."))
        elif target == CLIENT and client_keys.keys_change_on(self.comment.created.date()) <= (
            timezone.now().date()
        ):
            self.add_error(
                "target",
                _("This comment's client key has been replaced since: no new comment carries it."),
            )
        return data


@moderators_only
@require_POST
def sanction_author(request: HttpRequest, comment_id: int) -> HttpResponse:
    comment = get_object_or_404(Comment.objects.select_related("user"), pk=comment_id)
    form = SanctionForm(request.POST, comment=comment)
    here = reverse("moderation:comment", args=[comment.pk])
    if not form.is_valid():
        problems = [str(error) for errors in form.errors.values() for error in errors]
        return refused(
            request, problems, kept=str(request.POST.get("reason", ""))[:1000], fallback=here
        )
    data = form.cleaned_data
    actor = request.user
    assert isinstance(actor, User)  # moderators_only: logged in
    target = data["target"]
    sanction = sanctions.sanction_apply(
        kind=data["kind"], reason=data["reason"], actor=actor,
        user=comment.user if target == ACCOUNT else None,
        email=comment.author_email if target == ADDRESS else "",
        client_key=comment.client_key if target == CLIENT else "",
        days=data["days"], comment_id=comment.pk,
    )  # fmt: skip
    messages.success(request, _("In force: %(sanction)s.") % {"sanction": sanction})
    return redirect(here)


@moderators_only
@require_POST
def sanction_lift(request: HttpRequest, sanction_id: int) -> HttpResponse:
    sanction = get_object_or_404(Sanction, pk=sanction_id)
    actor = request.user
    assert isinstance(actor, User)
    note = str(request.POST.get("note", ""))[:1000]
    if sanctions.sanction_lift(sanction=sanction, actor=actor, note=note):
        messages.success(request, _("Lifted: %(sanction)s.") % {"sanction": sanction})
    else:
        messages.info(request, _("Nothing changed: that sanction was no longer in force."))
    return redirect(back(request, reverse("moderation:sanctions")))


@moderators_only
@require_GET
def sanctions_in_force(request: HttpRequest) -> HttpResponse:
    found = sanctions.in_force().select_related("user", "created_by")
    return render(request, "moderation/sanctions.html", {"sanctions": found})
