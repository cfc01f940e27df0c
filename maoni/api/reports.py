"""Readers' reports through the API: ``POST /api/v1/comments/{id}/reports``.

The same report as the report page takes (``maoni.reports``), with its
checks: a public comment only, a legal ground and an explanation for a
notice of illegal content, one report per reader and comment, and the same
allowance per reader.
"""

from __future__ import annotations

from typing import Literal

from django.http import Http404, HttpRequest, HttpResponse, JsonResponse
from django.utils.translation import gettext as _
from ninja import Field, Router, Schema

from maoni.api import cors
from maoni.api.pages import check_origin
from maoni.api.schemas import Error, PathId, Sent
from maoni.reports import services, views
from maoni.reports.forms import ReportForm

router = Router(tags=["write"])


class ReportIn(Sent):
    reason: Literal["spam", "abuse", "off_topic", "illegal"]
    legal_ground: str = Field(default="", max_length=300)
    explanation: str = Field(default="", max_length=5000)
    details: str = Field(default="", max_length=2000)
    name: str = Field(default="", max_length=100)
    email: str = Field(default="", max_length=254)


class ReportOut(Schema):
    outcome: Literal["reported", "reported_before"]
    message: str


@router.post(
    "/comments/{comment_id}/reports",
    response={201: ReportOut, 200: ReportOut, 400: Error, 403: Error, 404: Error, 429: Error},
    summary="Report a public comment to the moderators",
)
def report(request: HttpRequest, comment_id: PathId, sent: ReportIn) -> HttpResponse:
    """201 reported, 200 this reader reported it before; 400 with the fields to fix."""
    try:
        comment = views.reportable(comment_id)
    except Http404:
        return _error(
            request, 404, Error(code="not_found", message=_("No public comment has that number."))
        )
    check_origin(request, comment.thread.site)
    form = ReportForm(sent.model_dump())
    if not form.is_valid():
        fields = {name: [str(error) for error in errors] for name, errors in form.errors.items()}
        message = " ".join(message for messages in fields.values() for message in messages)
        return _error(request, 400, Error(code="invalid", message=message, fields=fields))
    reporter = views.reporter_of(request)
    wait = views.report_wait(reporter)
    if wait:
        message = _("You have sent many reports in a short time; send this one again later.")
        return _error(request, 429, Error(code="rate_limited", message=message, retry_after=wait))
    data = form.cleaned_data
    filed = services.report_file(
        comment=comment, reason=data["reason"], reporter_key=reporter,
        legal_ground=data["legal_ground"], explanation=data["explanation"],
        details=data["details"], reporter_name=data["name"], reporter_email=data["email"],
    )  # fmt: skip
    again = filed is services.Filed.ALREADY
    body = ReportOut(
        outcome="reported_before" if again else "reported",
        message=(
            _("You reported this comment before; the moderators have your report.")
            if again
            else _("Thank you. Your report has reached the moderators.")
        ),
    )
    response = JsonResponse(body.model_dump(), status=200 if again else 201)
    cors.allow(request, response)
    return response


def _error(request: HttpRequest, status: int, error: Error) -> HttpResponse:
    response = JsonResponse(error.model_dump(), status=status)
    if error.retry_after is not None:
        response["Retry-After"] = str(error.retry_after)
    cors.allow(request, response)
    return response
