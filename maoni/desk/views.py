"""The moderation queue, a comment's moderation page, and the audit log.

Every view checks the permission on the server; templates show only what the
user may do. The pages work as plain forms; the queue's script makes them
faster (keyboard, no reloads) by asking for JSON instead of a redirect.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Callable

from django.contrib import messages
from django.contrib.auth.decorators import login_required, permission_required
from django.core.paginator import Paginator
from django.db.models import Count, QuerySet
from django.db.models.functions import Lower
from django.http import Http404, HttpRequest, HttpResponse, JsonResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils.http import url_has_allowed_host_and_scheme
from django.utils.translation import gettext as _
from django.utils.translation import ngettext
from django.views.decorators.http import require_GET, require_POST

from maoni.articles.models import Article
from maoni.articles.services import article_set_comment_mode
from maoni.comments import confirmations, services
from maoni.comments.models import Comment
from maoni.comments.services import CommentRejected
from maoni.desk.forms import (
    ACTION_LABELS,
    MODE_WORDS,
    ActionForm,
    BlockEntryForm,
    CommentModeForm,
    EditForm,
    QueueFilter,
    ReplyForm,
)
from maoni.moderation import sanctions
from maoni.moderation.models import AuditEntry, BlockEntry
from maoni.moderation.roles import sees_addresses
from maoni.reports.models import Report
from maoni.reports.services import open_reasons

PER_PAGE = 50
MODERATE = "comments.moderate_comment"


def moderators_only(view: Callable[..., HttpResponse]) -> Callable[..., HttpResponse]:
    """Anonymous visitors are sent to log in; users without the permission get 403."""
    return login_required(permission_required(MODERATE, raise_exception=True)(view))


def _history(comments: list[Comment]) -> dict[str, dict[str, dict[str, int]]]:
    """Counts comments by status for each e-mail address and client on the page.

    Two queries whatever the page holds: one per kind of key.
    """
    history: dict[str, dict[str, dict[str, int]]] = {
        "email": defaultdict(dict),
        "client": defaultdict(dict),
    }
    emails = {comment.author_email.lower() for comment in comments if comment.author_email}
    clients = {comment.client_key for comment in comments if comment.client_key}
    by_email = (
        Comment.objects.annotate(email=Lower("author_email"))
        .filter(email__in=emails)
        .values("email", "status")
        .annotate(count=Count("id"))
    )
    for row in by_email:
        history["email"][row["email"]][row["status"]] = row["count"]
    by_client = (
        Comment.objects.filter(client_key__in=clients)
        .values("client_key", "status")
        .annotate(count=Count("id"))
    )
    for row in by_client:
        history["client"][row["client_key"]][row["status"]] = row["count"]
    return history


def _queue_comments() -> QuerySet[Comment]:
    return Comment.objects.select_related(
        "thread__article", "thread__site", "parent", "user"
    ).prefetch_related("audit_entries__actor")


@moderators_only
@require_GET
def queue(request: HttpRequest) -> HttpResponse:
    filters = QueueFilter(request.GET or None, sees_addresses=sees_addresses(request.user))
    comments = filters.filtered(_queue_comments())
    page = Paginator(comments, PER_PAGE).get_page(request.GET.get("page"))
    entries = list(page)
    history = _history(entries)
    reported = open_reasons(comment.pk for comment in entries)
    sanctioned = sanctions.on_authors_of(entries)
    for comment in entries:
        comment.email_history = history["email"].get(comment.author_email.lower(), {})
        comment.client_history = history["client"].get(comment.client_key, {})
        comment.open_reports = reported.get(comment.pk, [])
        comment.sanctions = [s for s in sanctioned[comment.pk] if sanctions.is_in_force(s)]
    query = request.GET.copy()
    query.pop("page", None)
    context = {
        "filters": filters,
        "page": page,
        "entries": entries,
        "query": query.urlencode(),
        "actions": ACTION_LABELS,
        "article": filters.cleaned_data.get("article") if filters.is_valid() else None,
        "can_set_mode": request.user.has_perm("articles.set_comment_mode"),
        "modes": Article.CommentMode.choices,
    }
    return render(request, "moderation/queue.html", context)


def refused(request: HttpRequest, problems: list[str], *, kept: str, fallback: str) -> HttpResponse:
    """400: why a moderator's form changed nothing, with the text they typed kept."""
    context = {"problems": problems, "kept": kept, "back": back(request, fallback)}
    return render(request, "moderation/refused.html", context, status=400)


def back(request: HttpRequest, fallback: str) -> str:
    """Where to go after a form: its own page when it names one on this site."""
    target = request.POST.get("next", "")
    if target and url_has_allowed_host_and_scheme(
        target, allowed_hosts={request.get_host()}, require_https=request.is_secure()
    ):
        return target
    return fallback


def _wants_json(request: HttpRequest) -> bool:
    return "application/json" in request.headers.get("Accept", "")


@moderators_only
@require_POST
def act(request: HttpRequest) -> HttpResponse:
    """Applies one action to the selected comments (or to the one named by ``only``)."""
    form = ActionForm(request.POST)
    if not form.is_valid():
        error = " ".join(str(message) for message in form.non_field_errors()) or _(
            "The request was not understood."
        )
        if _wants_json(request):
            return JsonResponse({"error": error}, status=400)
        messages.error(request, error)
        return redirect(back(request, reverse("moderation:queue")))
    action = form.cleaned_data["action"]
    outcome = services.comments_moderate(
        comment_ids=form.cleaned_data["ids"],
        action=action,
        actor=request.user,  # type: ignore[arg-type]
        note=form.cleaned_data["note"],
    )
    done = ngettext(
        "%(count)d comment: %(action)s.", "%(count)d comments: %(action)s.", len(outcome.changed)
    ) % {"count": len(outcome.changed), "action": AuditEntry.Action(action).label}
    skipped = (
        ngettext(
            "%(count)d was left as it was: the action does not apply to its state.",
            "%(count)d were left as they were: the action does not apply to their state.",
            len(outcome.skipped),
        )
        % {"count": len(outcome.skipped)}
        if outcome.skipped
        else ""
    )
    if _wants_json(request):
        return JsonResponse(
            {
                "message": f"{done} {skipped}".strip(),
                "changed": {comment.pk: comment.status for comment in outcome.changed},
                "skipped": [comment.pk for comment in outcome.skipped],
            }
        )
    messages.success(request, f"{done} {skipped}".strip())
    return redirect(back(request, reverse("moderation:queue")))


@moderators_only
def comment_detail(request: HttpRequest, comment_id: int) -> HttpResponse:
    """One comment with its full history; edit its text or reply as the newsroom."""
    comment = get_object_or_404(_queue_comments(), pk=comment_id)
    edit_form = EditForm(initial={"body": comment.body})
    reply_form = ReplyForm()
    status = 200
    if request.method == "POST":
        if "edit" in request.POST:
            edit_form = EditForm(request.POST)
            if edit_form.is_valid():
                # A moderator's edit is not screened; only a blank text is refused.
                try:
                    services.comment_edit(
                        comment=comment,
                        body=edit_form.cleaned_data["body"],
                        actor=request.user,  # type: ignore[arg-type]
                        note=edit_form.cleaned_data["note"],
                    )
                except CommentRejected as rejected:
                    edit_form.add_error("body", str(rejected.message))
                else:
                    messages.success(request, _("The comment's text was changed."))
                    return redirect("moderation:comment", comment_id=comment.pk)
        elif "reply" in request.POST:
            reply_form = ReplyForm(request.POST)
            if reply_form.is_valid():
                try:
                    services.comment_reply_as_newsroom(
                        parent=comment,
                        body=reply_form.cleaned_data["body"],
                        actor=request.user,  # type: ignore[arg-type]
                    )
                except CommentRejected as rejected:
                    reply_form.add_error("body", str(rejected.message))
                else:
                    messages.success(request, _("Your reply was posted."))
                    return redirect("moderation:comment", comment_id=comment.pk)
        else:
            raise Http404
        status = 400
    context = {
        "comment": comment,
        "reports": Report.objects.filter(comment_ref=comment.pk).order_by("-created", "-id"),
        "author_sanctions": [
            (sanction, sanctions.is_in_force(sanction))
            for sanction in sanctions.on_authors_of([comment])[comment.pk]
        ],
        "address_proved": confirmations.address_proved(comment=comment),
        "open_reports": Report.objects.filter(comment_ref=comment.pk, decision="").exists(),
        "entries": comment.audit_entries.select_related("actor").order_by("-created", "-id"),
        "edit_form": edit_form,
        "reply_form": reply_form,
        "actions": ACTION_LABELS,
    }
    return render(request, "moderation/comment.html", context, status=status)


@moderators_only
@require_GET
def log(request: HttpRequest) -> HttpResponse:
    entries = AuditEntry.objects.select_related("actor", "comment", "thread__article")
    page = Paginator(entries, 100).get_page(request.GET.get("page"))
    return render(request, "moderation/log.html", {"page": page})


@login_required
@permission_required("articles.set_comment_mode", raise_exception=True)
@require_POST
def comment_mode(request: HttpRequest, article_id: int) -> HttpResponse:
    article = get_object_or_404(Article, pk=article_id)
    form = CommentModeForm(request.POST)
    if not form.is_valid():
        messages.error(request, _("Choose open, closed or hidden."))
    elif article_set_comment_mode(
        article=article,
        mode=form.cleaned_data["mode"],
        actor=request.user,  # type: ignore[arg-type]
    ):
        messages.success(
            request,
            _("Comments on “%(title)s” are now %(mode)s.")
            % {"title": article.title, "mode": MODE_WORDS.get(article.comments, article.comments)},
        )
    return redirect(back(request, reverse("moderation:queue")))


@moderators_only
def block_lists(request: HttpRequest) -> HttpResponse:
    """The block lists and the allow list: add an entry, or remove one."""
    form = BlockEntryForm()
    status = 200
    if request.method == "POST":
        if "remove" in request.POST:
            entry_id = str(request.POST["remove"])
            if entry_id.isdigit() and BlockEntry.objects.filter(pk=int(entry_id)).delete()[0]:
                messages.success(request, _("The entry was removed."))
            return redirect("moderation:block_lists")
        form = BlockEntryForm(request.POST)
        if form.is_valid():
            BlockEntry.objects.create(
                kind=form.cleaned_data["kind"],
                value=form.cleaned_data["value"],
                note=form.cleaned_data["note"],
                created_by=request.user,  # type: ignore[misc]
            )
            messages.success(request, _("The entry was added."))
            return redirect("moderation:block_lists")
        status = 400
    entries = BlockEntry.objects.select_related("created_by")
    grouped = [
        (label, [entry for entry in entries if entry.kind == kind])
        for kind, label in BlockEntry.Kind.choices
    ]
    return render(
        request, "moderation/block_lists.html", {"form": form, "grouped": grouped}, status=status
    )
