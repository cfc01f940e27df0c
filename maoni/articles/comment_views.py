"""An article's comments: the form's door, replies, permalinks, and authors' changes.

The comment form is received here and decided by ``maoni.comments.submission``,
which knows nothing of HTTP; this module only reads the request and renders
what it decided. CSRF is Django's own: a form sent with its token is checked
by ``csrf_protect``; one sent without (a shared page whose script did not
run) is only ever shown as a preview, which stores nothing.
"""

from __future__ import annotations

from urllib.parse import unquote_to_bytes

from django.conf import settings
from django.contrib import messages
from django.http import (
    Http404,
    HttpRequest,
    HttpResponse,
    HttpResponseBadRequest,
    HttpResponseRedirect,
)
from django.http.response import HttpResponseBase
from django.shortcuts import get_object_or_404, redirect, render
from django.template.loader import render_to_string
from django.utils.http import urlencode
from django.utils.translation import gettext as _
from django.utils.translation import gettext_noop, ngettext
from django.views.decorators.csrf import csrf_exempt, csrf_protect
from django.views.decorators.http import require_GET, require_http_methods

from maoni.articles.models import Article
from maoni.comments import confirmations, ownership, questions, services, submission
from maoni.comments.forms import CommentEditForm, CommentForm
from maoni.comments.models import Comment
from maoni.comments.paging import page_of
from maoni.comments.services import comment_edit, comments_moderate
from maoni.moderation import screening
from maoni.moderation.client_keys import client_key_on
from maoni.moderation.clients import request_address

# Marked for translation here; translated where they are shown (``_(POSTED)``).
POSTED = gettext_noop("Your comment has been posted.")
QUEUED = gettext_noop(
    "Your comment has been queued for review by site administrators "
    "and will be published after approval."
)


def _sent_valid_utf8(request: HttpRequest) -> bool:
    """False when the form data is not UTF-8, which Django would silently mangle."""
    # Bytes that are not UTF-8 come out of Django's decoding as U+FFFD: a form
    # without one is fine, and only one with it is looked at byte by byte.
    if not any("\ufffd" in value for value in request.POST.values()):
        return True
    if request.content_type == "application/x-www-form-urlencoded":
        raw = unquote_to_bytes(request.body.replace(b"+", b" "))
        try:
            raw.decode("utf-8")
        except UnicodeDecodeError:
            return False
        return True
    # Multipart values were decoded with replacement characters already.
    return False


def _stamp_to_keep(request: HttpRequest) -> str:
    """The form's timestamp: the one it came with, so a preview does not reset it."""
    sent = request.POST.get("form_stamp", "")
    return sent if sent and len(sent) < 200 else screening.form_stamp()


def _address(request: HttpRequest) -> str:
    return request_address(request.META, settings.MAONI_TRUSTED_PROXIES)


def _too_fast(request: HttpRequest, wait: int) -> HttpResponse:
    """429: what was typed, in a form to send again, and when.

    Built from the request alone, with no database read, so that refusing a
    flood stays cheap; the question, if one is due, is asked on the next send.
    """
    message = ngettext(
        "You are sending comments faster than this site allows. "
        "Wait %(seconds)d second and send it again; your text is kept below.",
        "You are sending comments faster than this site allows. "
        "Wait %(seconds)d seconds and send it again; your text is kept below.",
        wait,
    ) % {"seconds": wait}
    kept = {
        name: str(request.POST.get(name, ""))[:20_000]
        for name in ("name", "mail", "body", "parent", "form_stamp", "notify", "idempotency_key")
    }
    return _wait_and_send_again(
        request, "comments/too_fast.html", {"message": message, "kept": kept}, wait
    )


def _wait_and_send_again(
    request: HttpRequest, template: str, context: dict[str, object], wait: int
) -> HttpResponse:
    """429 Too Many Requests: the page with what was typed, and when to send it again."""
    response = render(request, template, context, status=429)
    response["Retry-After"] = str(wait)
    return response


def _thread_url(article: Article, comment: Comment) -> str:
    page = page_of(
        comment,
        display=article.thread.policy().display,
        per_page=settings.MAONI_COMMENTS_PER_PAGE,
    )
    query = f"?{urlencode({'page': page})}" if page > 1 else ""
    return f"{article.get_absolute_url()}{query}#comment-{comment.pk}"


def _sender(request: HttpRequest) -> submission.Sender:
    address = _address(request)
    return submission.Sender(
        user=request.user if request.user.is_authenticated else None,
        client_key=client_key_on(address),
        sending=screening.Sending(
            address=address,
            # Absent: unknown (the check is skipped); present but altered: held.
            form_stamp=request.POST.get("form_stamp"),
            honeypot=str(request.POST.get("website", "")),
        ),
    )


@csrf_exempt
@require_http_methods(["GET", "POST"])
def post_comment(request: HttpRequest, slug: str) -> HttpResponseBase:
    """Previews or saves a comment under an article.

    Every outcome other than a saved comment shows the form again with all
    that the reader typed, and a fresh question where one is still needed.
    The CSRF token is checked by Django (``csrf_protect``) on every send
    that could store anything; see the module's docstring.
    """
    sender = _sender(request)
    if request.method == "POST":
        wait = submission.flood_wait(sender)
        if wait:
            return _too_fast(request, wait)
    article = get_object_or_404(Article.objects.published().select_related("thread"), slug=slug)
    if request.method == "GET":
        return redirect(f"{article.get_absolute_url()}#comment-form")
    if not article.takes_comments:
        html = render_to_string(
            "comments/refused.html",
            {"article": article, "message": _("Comments on this article are closed.")},
            request=request,
        )
        return HttpResponse(html, status=403)
    if not _sent_valid_utf8(request):
        return HttpResponseBadRequest(
            render_to_string(
                "400.html", {"message": _("The form was not sent as UTF-8 text.")}, request
            )
        )
    if _sent_token(request):
        return _checked_send(request, article, sender)
    return _render(request, article, _submit(request, article, sender, first_step=True))


@csrf_protect
def _checked_send(
    request: HttpRequest, article: Article, sender: submission.Sender
) -> HttpResponseBase:
    """A send with its CSRF token, checked by Django before anything is decided."""
    return _render(request, article, _submit(request, article, sender, first_step=False))


def _sent_token(request: HttpRequest) -> bool:
    return "csrfmiddlewaretoken" in request.POST or settings.CSRF_HEADER_NAME in request.META


def _submit(
    request: HttpRequest, article: Article, sender: submission.Sender, *, first_step: bool
) -> submission.Outcome:
    return submission.submit(
        thread=article.thread,
        topic=article.topic,
        data=request.POST,
        sender=sender,
        first_step=first_step,
    )


def _render(
    request: HttpRequest, article: Article, outcome: submission.Outcome
) -> HttpResponseBase:
    """The page for what the form's send came to."""
    if isinstance(outcome, submission.Posted | submission.Queued | submission.SentBefore):
        return _posted(request, article, outcome.comment)
    if isinstance(outcome, submission.RateLimited):
        return _too_fast(request, outcome.wait)
    preview = outcome.comment if isinstance(outcome, submission.Preview) else None
    return _form_page(
        request,
        article=article,
        form=outcome.form,
        question=outcome.question,
        preview=preview,
        parent=outcome.parent,
        status=200 if isinstance(outcome, submission.Preview) else 400,
        unsaved=isinstance(outcome, submission.Preview) and outcome.first_step,
        new_key=outcome.new_key,
    )


def _form_page(
    request: HttpRequest,
    *,
    article: Article,
    form: CommentForm,
    question: questions.Question | None,
    preview: Comment | None = None,
    parent: Comment | None = None,
    status: int = 200,
    unsaved: bool = False,
    new_key: bool = False,
) -> HttpResponse:
    sent_key = services.idempotency_key_of(str(request.POST.get("idempotency_key", "")))
    context = {
        "unsaved": unsaved,
        "article": article,
        "form": form,
        "question": question,
        "preview": preview,
        "parent": parent,
        "replying": True,
        "form_stamp": _stamp_to_keep(request),
        "idempotency_key": (
            # The one it came with, so that its next send is the same comment.
            (None if new_key else sent_key) or services.new_idempotency_key()
        ),
    }
    return render(request, "comments/form_page.html", context, status=status)


def _posted(request: HttpRequest, article: Article, comment: Comment) -> HttpResponse:
    """Where a posted comment leads: to itself, or to the article while it waits."""
    if comment.status == Comment.Status.PUBLISHED:
        messages.success(request, _(POSTED))
        response = HttpResponseRedirect(_thread_url(article, comment))
    else:
        messages.info(request, _(QUEUED))
        response = HttpResponseRedirect(article.get_absolute_url())
    if confirmations.awaits_confirmation_of(comment=comment):
        messages.info(
            request,
            _(
                "To get e-mails about replies, confirm your e-mail address: follow the link "
                "in the message sent to it. Until then, no e-mail about replies is sent."
            ),
        )
    if not request.user.is_authenticated:
        ownership.remember(request, response, comment)
    return response


@require_GET
def reply(request: HttpRequest, comment_id: int) -> HttpResponse:
    """The comment form under the comment being answered."""
    comment = get_object_or_404(Comment.objects.public().select_related("thread"), pk=comment_id)
    article = get_object_or_404(Article.objects.published(), thread=comment.thread)
    if not article.takes_comments:
        raise Http404
    policy = article.thread.policy()
    form = CommentForm(
        initial={"parent": comment.pk},
        registered=request.user.is_authenticated,
        contact=policy.anonymous_contact,
    )
    user = request.user if request.user.is_authenticated else None
    question = questions.issue(comment.thread.key) if submission.asks_up_front(user) else None
    return _form_page(request, article=article, form=form, question=question, parent=comment)


def permalink(request: HttpRequest, comment_id: int) -> HttpResponse:
    """Redirects to the page and anchor where a public comment stands."""
    comment = get_object_or_404(Comment.objects.public().select_related("thread"), pk=comment_id)
    article = get_object_or_404(
        Article.objects.published().exclude(comments=Article.CommentMode.HIDDEN),
        thread=comment.thread,
    )
    return HttpResponseRedirect(_thread_url(article, comment))


def _own_comment(request: HttpRequest, comment_id: int) -> tuple[Comment, Article] | HttpResponse:
    """The comment and its article, or the page that says why it cannot be changed."""
    comment = get_object_or_404(
        Comment.objects.select_related("thread", "user").filter(
            status__in=[Comment.Status.PUBLISHED, Comment.Status.PENDING]
        ),
        pk=comment_id,
    )
    article = get_object_or_404(Article.objects.published(), thread=comment.thread)
    allowed = ownership.may_change(request, comment)
    if not allowed and comment.status != Comment.Status.PUBLISHED:
        # A held comment is not admitted to exist, except to its author.
        raise Http404
    message = None
    if not allowed:
        message = _(
            "You can no longer change this comment. Comments posted without an account "
            "can be changed for 15 minutes, from the browser that posted them."
        )
    elif not article.takes_comments:
        message = _("Comments on this article are closed.")
    if message is not None:
        html = render_to_string(
            "comments/refused.html", {"article": article, "message": message}, request=request
        )
        return HttpResponse(html, status=403)
    return comment, article


@require_http_methods(["GET", "POST"])
def edit(request: HttpRequest, comment_id: int) -> HttpResponse:
    """The author changes the text of their own comment."""
    found = _own_comment(request, comment_id)
    if isinstance(found, HttpResponse):
        return found
    comment, article = found
    form = CommentEditForm(request.POST or None, initial={"body": comment.body})
    if request.method == "POST":
        # An edit counts against the client like a new comment: no flood of edits either.
        wait = submission.flood_wait(_sender(request))
        if wait:
            return _edit_too_fast(request, comment, article, form, wait)
    if request.method == "POST" and form.is_valid():
        try:
            comment_edit(
                comment=comment,
                body=form.cleaned_data["body"],
                actor=request.user if request.user.is_authenticated else None,
                by_author=True,
                topic=article.topic,
                # The edit form carries no timestamp or hidden field: the address only.
                sending=screening.Sending(address=_address(request)),
            )
        except services.CommentRejected as rejected:
            form.add_error("body", str(rejected.message))
        else:
            if comment.status == Comment.Status.PUBLISHED:
                messages.success(request, _("Your comment has been updated."))
                return HttpResponseRedirect(_thread_url(article, comment))
            # Held by this edit, or still waiting from before.
            messages.info(request, _(QUEUED))
            return HttpResponseRedirect(article.get_absolute_url())
    status = 400 if form.errors else 200
    context = {"comment": comment, "article": article, "form": form}
    return render(request, "comments/edit.html", context, status=status)


def _edit_too_fast(
    request: HttpRequest, comment: Comment, article: Article, form: CommentEditForm, wait: int
) -> HttpResponse:
    """429: the edit form again with what was typed, and when to send it."""
    message = ngettext(
        "You are sending changes faster than this site allows. "
        "Wait %(seconds)d second and save again; your text is kept below.",
        "You are sending changes faster than this site allows. "
        "Wait %(seconds)d seconds and save again; your text is kept below.",
        wait,
    ) % {"seconds": wait}
    context = {"comment": comment, "article": article, "form": form, "message": message}
    return _wait_and_send_again(request, "comments/edit.html", context, wait)


@require_http_methods(["GET", "POST"])
def delete(request: HttpRequest, comment_id: int) -> HttpResponse:
    """The author deletes their own comment (moderators can restore it for 30 days)."""
    found = _own_comment(request, comment_id)
    if isinstance(found, HttpResponse):
        return found
    comment, article = found
    if request.method == "POST":
        comments_moderate(
            comment_ids=[comment.pk],
            action="delete",
            actor=request.user if request.user.is_authenticated else None,
            by_author=True,
        )
        messages.success(request, _("Your comment has been deleted."))
        return HttpResponseRedirect(article.get_absolute_url())
    return render(request, "comments/delete.html", {"comment": comment, "article": article})
