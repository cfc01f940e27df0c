"""Site-wide pieces: the template context every page shares, and error pages."""

from __future__ import annotations

from django.conf import settings
from django.http import HttpRequest, HttpResponse
from django.shortcuts import render
from django.utils.translation import gettext as _


def context(request: HttpRequest) -> dict[str, str]:
    return {"site_name": settings.MAONI_SITE_NAME}


def csrf_failure(request: HttpRequest, reason: str = "") -> HttpResponse:
    """A refused form, with the comment the reader typed shown so it is not lost."""
    body = request.POST.get("body", "") if request.method == "POST" else ""
    message = _(
        "This form has expired or did not come from this site, so nothing was saved. "
        "Go back, reload the page and send it again."
    )
    return render(request, "403_csrf.html", {"message": message, "body": body}, status=403)


def bad_request(request: HttpRequest, exception: Exception) -> HttpResponse:
    return render(request, "400.html", status=400)


def permission_denied(request: HttpRequest, exception: Exception) -> HttpResponse:
    return render(request, "403.html", status=403)


def page_not_found(request: HttpRequest, exception: Exception) -> HttpResponse:
    return render(request, "404.html", status=404)
