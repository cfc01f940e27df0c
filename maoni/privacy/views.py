"""Your data: a reader gets a link by mail, then sees, downloads or erases what is kept.

The link is signed, names the address it was mailed to and works for a day:
only someone who reads that mailbox sees the address's comments. Asking is
limited as every mailed link is (``accounts.mail_limits``), and answered the
same whether or not the address wrote anything. Each step is logged for the
newsroom (``DataRequest``: what and when, not whose).
"""

from __future__ import annotations

import json
from datetime import timedelta

from django import forms
from django.conf import settings
from django.core import signing
from django.core.mail import EmailMessage
from django.db import transaction
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import render
from django.template.loader import render_to_string
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views.decorators.http import require_http_methods

from maoni.accounts import mail_limits
from maoni.comments import services
from maoni.comments.models import Comment
from maoni.privacy.models import DataRequest
from maoni.reports.models import Report
from maoni.reports.services import reports_forget_reporter
from maoni.site import too_many

SALT = "maoni.privacy.your-data"
LINK_LIFETIME = timedelta(days=1)
SENT = gettext_lazy(
    "If anything is kept about that address, a link to it is on its way there. The link "
    "works for one day."
)


class AddressForm(forms.Form):
    email = forms.EmailField(label=gettext_lazy("Your e-mail address"), max_length=254)


def log(kind: str) -> None:
    """Records a request for the newsroom: what and when, not whose."""
    DataRequest.objects.create(kind=kind, created=timezone.now())


@require_http_methods(["GET", "POST"])
def ask(request: HttpRequest) -> HttpResponse:
    """The address to mail the link to."""
    if request.method == "GET":
        return render(request, "privacy/ask.html", {"form": AddressForm()})
    form = AddressForm(request.POST)
    if not form.is_valid():
        return render(request, "privacy/ask.html", {"form": form}, status=400)
    address = form.cleaned_data["email"].strip().lower()
    wait = mail_limits.take(request, purpose="data", email=address)
    if wait:
        form.add_error(None, mail_limits.wait_message(wait))
        return too_many(render(request, "privacy/ask.html", {"form": form}), wait)
    log(DataRequest.Kind.LINK)
    if (
        services.address_wrote(address)
        or Report.objects.filter(reporter_email__iexact=address).exists()
    ):
        token = signing.dumps({"email": address}, salt=SALT)
        link = f"{settings.MAONI_BASE_URL}{reverse('privacy:yours', args=[token])}"
        body = render_to_string(
            "privacy/email/link.txt", {"link": link, "site_name": settings.MAONI_SITE_NAME}
        )
        subject = _("Your data on %(site)s") % {"site": settings.MAONI_SITE_NAME}
        message = EmailMessage(subject, body, to=[address])
        transaction.on_commit(lambda: message.send(fail_silently=True))
    return render(request, "privacy/ask.html", {"form": AddressForm(), "sent": SENT})


def _address(token: str) -> str:
    try:
        data = signing.loads(token, salt=SALT, max_age=LINK_LIFETIME)
    except signing.BadSignature as error:
        raise Http404(
            _("This link is not valid, or more than a day old: ask for a new one.")
        ) from error
    return str(data["email"])


def _held(address: str) -> dict[str, object]:
    comments = services.comments_of_address(address)
    reports = list(Report.objects.filter(reporter_email__iexact=address).order_by("created"))
    return {
        "address": address,
        "comments": [comment_record(comment) for comment in comments],
        "reports": [
            {
                "comment": report.comment_ref,
                "reason": report.reason,
                "sent": report.created.isoformat(),
            }
            for report in reports
        ],
    }


def comment_record(comment: Comment) -> dict[str, object]:
    """One comment as the reader's copy of their data gives it."""
    return {
        "id": comment.pk,
        "page": _page_title(comment),
        "posted": comment.created.isoformat(),
        "status": comment.status,
        "name": comment.author_name,
        "text": comment.body,
        "reply_notices": comment.notify_replies,
    }


def _page_title(comment: Comment) -> str:
    article = getattr(comment.thread, "article", None)
    return article.title if article is not None else comment.thread.title


@require_http_methods(["GET", "POST"])
def yours(request: HttpRequest, token: str) -> HttpResponse:
    """What is kept about the link's address; download it, or erase it."""
    address = _address(token)
    if request.method == "POST":
        how = request.POST.get("erase")
        if how not in ("anonymise", "delete"):
            return render(
                request, "privacy/yours.html", {**_held(address), "token": token}, status=400
            )
        count = services.comments_erase_author(address=address, delete=how == "delete")
        reports_forget_reporter(address=address)
        log(DataRequest.Kind.DELETE if how == "delete" else DataRequest.Kind.ANONYMISE)
        return render(request, "privacy/erased.html", {"count": count, "deleted": how == "delete"})
    held = _held(address)
    if request.GET.get("format") == "json":
        log(DataRequest.Kind.DOWNLOAD)
        response = HttpResponse(
            json.dumps(held, ensure_ascii=False, indent=2), content_type="application/json"
        )
        response["Content-Disposition"] = 'attachment; filename="my-data.json"'
        return response
    log(DataRequest.Kind.VIEW)
    # The token is in the address: the site's Referrer-Policy (same-origin) keeps it from
    # other sites. "no-referrer" would make the erase form's POST carry Origin: null,
    # which the CSRF check refuses.
    return render(request, "privacy/yours.html", {**held, "token": token})
