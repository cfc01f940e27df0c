"""Your data for account holders: see, download or erase their comments, or delete the account."""

from __future__ import annotations

import json

from django.contrib.auth import logout
from django.contrib.auth.decorators import login_required
from django.contrib.auth.models import User
from django.db import transaction
from django.http import HttpRequest, HttpResponse
from django.shortcuts import render
from django.views.decorators.http import require_http_methods

from maoni.comments import services
from maoni.privacy.models import DataRequest
from maoni.privacy.views import comment_record, log
from maoni.reports.models import Report
from maoni.reports.services import reports_forget_reporter

ERASE = ("anonymise", "delete", "delete_account")


def _held(user: User) -> dict[str, object]:
    return {
        "name": user.get_username(),
        "address": user.email,
        "joined": user.date_joined.isoformat(),
        "comments": [comment_record(comment) for comment in services.comments_of_account(user)],
        "reports": [
            {
                "comment": report.comment_ref,
                "reason": report.reason,
                "sent": report.created.isoformat(),
            }
            for report in Report.objects.filter(reporter_key=f"user:{user.pk}").order_by("created")
        ],
    }


@login_required
@require_http_methods(["GET", "POST"])
def account_data(request: HttpRequest) -> HttpResponse:
    user = request.user
    assert isinstance(user, User)  # login_required
    if request.method == "POST":
        how = request.POST.get("erase")
        if how not in ERASE:
            return render(request, "privacy/account.html", _held(user), status=400)
        with transaction.atomic():
            count = services.comments_erase_author(user=user, delete=how != "anonymise")
            if user.email:
                reports_forget_reporter(address=user.email)
            log(DataRequest.Kind.DELETE if how != "anonymise" else DataRequest.Kind.ANONYMISE)
            if how == "delete_account":
                user.delete()
        if how == "delete_account":
            logout(request)
        context = {
            "count": count,
            "deleted": how != "anonymise",
            "account": how == "delete_account",
        }
        return render(request, "privacy/erased.html", context)
    held = _held(user)
    if request.GET.get("format") == "json":
        log(DataRequest.Kind.DOWNLOAD)
        response = HttpResponse(
            json.dumps(held, ensure_ascii=False, indent=2), content_type="application/json"
        )
        response["Content-Disposition"] = 'attachment; filename="my-data.json"'
        return response
    log(DataRequest.Kind.VIEW)
    return render(request, "privacy/account.html", held)
