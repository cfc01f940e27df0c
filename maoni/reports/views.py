"""The page a reader reports a comment on: works with and without script."""

from __future__ import annotations

from django.conf import settings
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import render
from django.utils.translation import gettext as _
from django.utils.translation import ngettext
from django.views.decorators.http import require_http_methods

from maoni.articles.models import Article
from maoni.comments.models import Comment
from maoni.moderation import buckets, ratelimit
from maoni.moderation.client_keys import client_key_on
from maoni.moderation.clients import request_address
from maoni.reports import services
from maoni.reports.forms import ReportForm
from maoni.site import too_many

# Reports one reader may send: a few at once, then about one every six minutes.
PER_READER = ratelimit.Limit(per_hour=10, burst=5)


def reportable(comment_id: int) -> Comment:
    """A comment the public can read, or 404: nothing else can be reported."""
    comment = (
        Comment.objects.public()
        .select_related("thread__article", "thread__site")
        .filter(pk=comment_id)
        .first()
    )
    if comment is None:
        raise Http404
    article: Article | None = getattr(comment.thread, "article", None)
    if article is not None and not (
        article in Article.objects.published() and article.shows_comments
    ):
        raise Http404
    if article is None and comment.thread.site_id is None:
        raise Http404
    return comment


def reporter_of(request: HttpRequest) -> str:
    if request.user.is_authenticated:
        return f"user:{request.user.pk}"
    address = request_address(request.META, settings.MAONI_TRUSTED_PROXIES)
    return f"client:{client_key_on(address)}"


def _back(comment: Comment) -> str:
    article = getattr(comment.thread, "article", None)
    return comment.get_absolute_url() if article is not None else comment.thread.url


def report_wait(reporter: str) -> int:
    """Counts one report of ``reporter`` against their allowance: 0, or seconds to wait."""
    return buckets.take([(f"report:{reporter}", PER_READER)])


@require_http_methods(["GET", "POST"])
def report(request: HttpRequest, comment_id: int) -> HttpResponse:
    comment = reportable(comment_id)
    context = {"comment": comment, "back": _back(comment)}
    if request.method == "GET":
        return render(request, "reports/report.html", {**context, "form": ReportForm()})
    form = ReportForm(request.POST)
    if not form.is_valid():
        return render(request, "reports/report.html", {**context, "form": form}, status=400)
    reporter = reporter_of(request)
    wait = report_wait(reporter)
    if wait:
        minutes = max(1, -(-wait // 60))
        form.add_error(
            None,
            ngettext(
                "You have sent many reports in a short time. Nothing was sent; send this one "
                "again in %(minutes)d minute.",
                "You have sent many reports in a short time. Nothing was sent; send this one "
                "again in %(minutes)d minutes.",
                minutes,
            )
            % {"minutes": minutes},
        )
        return too_many(render(request, "reports/report.html", {**context, "form": form}), wait)
    data = form.cleaned_data
    filed = services.report_file(
        comment=comment, reason=data["reason"], reporter_key=reporter,
        legal_ground=data["legal_ground"], explanation=data["explanation"],
        details=data["details"], reporter_name=data["name"], reporter_email=data["email"],
    )  # fmt: skip
    message = (
        _("You reported this comment before; the moderators have your report.")
        if filed is services.Filed.ALREADY
        else _("Thank you. Your report has reached the moderators.")
    )
    return render(request, "reports/reported.html", {**context, "message": message})
