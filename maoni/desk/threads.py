"""A whole thread's controls on the moderators' desk: close it now, hold every comment.

The buttons under a comment (and above a queue narrowed to one article) for
the night a story gets out of hand; each goes through the comment service,
which logs it with the moderator's note.
"""

from __future__ import annotations

from datetime import datetime

from django import forms
from django.contrib import messages
from django.contrib.auth.models import User
from django.http import HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect
from django.urls import reverse
from django.utils import formats
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views.decorators.http import require_POST

from maoni.comments import services
from maoni.comments.choices import Premoderation
from maoni.comments.closing import Closed
from maoni.comments.models import Thread
from maoni.desk.views import back, moderators_only, refused

DONE = {
    "close": gettext_lazy("Comments on this page are closed."),
    "reopen": gettext_lazy("Comments on this page are open again."),
    "hold": gettext_lazy("Every new comment on this page now waits for a moderator."),
    "release": gettext_lazy("New comments on this page follow the site's settings again."),
}


class ThreadControlForm(forms.Form):
    do = forms.ChoiceField(choices=[(name, name) for name in DONE])
    note = forms.CharField(required=False, max_length=1000)


@moderators_only
@require_POST
def thread_control(request: HttpRequest, thread_id: int) -> HttpResponse:
    thread = get_object_or_404(Thread, pk=thread_id)
    form = ThreadControlForm(request.POST)
    if not form.is_valid():
        problems = [_("Choose close, reopen, hold or release.")]
        kept = str(request.POST.get("note", ""))[:1000]
        return refused(request, problems, kept=kept, fallback=reverse("moderation:queue"))
    do, note = form.cleaned_data["do"], form.cleaned_data["note"]
    actor = request.user
    assert isinstance(actor, User)  # moderators_only: logged in
    if services.thread_control(thread=thread, do=do, actor=actor, note=note):
        messages.success(request, str(DONE[do]))
    else:
        messages.info(request, _("Nothing changed: it was so already."))
    return redirect(back(request, reverse("moderation:queue")))


def thread_state(thread: Thread) -> list[str]:
    """Sentences on whether the thread takes comments and which wait, for moderators."""
    policy = thread.policy()
    lines = []
    if policy.closed is Closed.BY_HAND:
        lines.append(_("Comments are closed by hand."))
    elif policy.closed is Closed.SITE:
        lines.append(_("Comments are closed on the whole site this page is on."))
    elif policy.closed is Closed.AGE and policy.closes_at is not None:
        lines.append(
            _("Comments closed by themselves on %(date)s.") % {"date": _date(policy.closes_at)}
        )
    elif policy.closes_at is not None:
        lines.append(
            _("Comments are open; they close by themselves on %(date)s.")
            % {"date": _date(policy.closes_at)}
        )
    else:
        lines.append(_("Comments are open."))
    if thread.premoderation == Premoderation.EVERYONE:
        lines.append(_("Every new comment waits for a moderator (set on this page)."))
    elif policy.quiet is not None:
        lines.append(
            _("Quiet hours (%(hours)s): every new comment waits for a moderator.")
            % {"hours": policy.quiet}
        )
    return lines


def _date(moment: datetime) -> str:
    return formats.date_format(moment, "j F Y, H:i")
