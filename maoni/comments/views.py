"""Posting, previewing and linking to comments."""

from __future__ import annotations

from urllib.parse import unquote_to_bytes

from django.conf import settings
from django.contrib import messages
from django.contrib.messages.storage.cookie import CookieStorage
from django.http import (
    Http404,
    HttpRequest,
    HttpResponse,
    HttpResponseBadRequest,
    HttpResponseRedirect,
    JsonResponse,
)
from django.http.response import HttpResponseBase
from django.middleware.csrf import CsrfViewMiddleware, get_token
from django.shortcuts import get_object_or_404, redirect, render
from django.template.loader import render_to_string
from django.utils import timezone
from django.utils.http import urlencode
from django.utils.translation import gettext as _
from django.utils.translation import ngettext
from django.views.decorators.cache import never_cache
from django.views.decorators.csrf import csrf_exempt
from django.views.decorators.http import require_GET, require_http_methods

from maoni.articles.models import Article
from maoni.comments import ownership, services
from maoni.comments.clients import client_address, client_key
from maoni.comments.forms import (
    CAPTCHA_EXPIRED,
    CAPTCHA_REQUIRED,
    CAPTCHA_SUSPICIOUS,
    CAPTCHA_WRONG,
    CommentEditForm,
    CommentFields,
    CommentForm,
)
from maoni.comments.models import Challenge, Comment, user_display_name
from maoni.comments.paging import page_of
from maoni.comments.text import render_plain
from maoni.moderation import screening
from maoni.moderation.models import SpamSettings
from maoni.moderation.rules import Action
from maoni.moderation.services import comment_edit, comments_moderate
from maoni.notifications import confirmations

POSTED = "Your comment has been posted."
QUEUED = (
    "Your comment has been queued for review by site administrators "
    "and will be published after approval."
)


def asks_captcha(request: HttpRequest) -> bool:
    """Staff and moderators are trusted; everyone else may be asked a question."""
    user = request.user if request.user.is_authenticated else None
    return not services.is_trusted(user)


def asks_captcha_up_front(request: HttpRequest) -> bool:
    """True where the form shows a question before anything is typed.

    With the CAPTCHA policy "when suspicious", the question is asked only of
    a comment the other checks would hold.
    """
    return asks_captcha(request) and SpamSettings.load().captcha == SpamSettings.Captcha.ALWAYS


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
    return client_address(
        request.META.get("REMOTE_ADDR", ""),
        request.META.get("HTTP_X_FORWARDED_FOR", ""),
        settings.MAONI_TRUSTED_PROXIES,
    )


def _client_key(request: HttpRequest) -> str:
    return client_key(_address(request), secret=settings.SECRET_KEY)


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
    response = render(
        request, "comments/too_fast.html", {"message": message, "kept": kept}, status=429
    )
    response["Retry-After"] = str(wait)
    return response


def _signals(request: HttpRequest) -> screening.Signals:
    return screening.Signals(
        address=_address(request),
        # Absent: unknown (the check is skipped); present but altered: held.
        form_stamp=request.POST.get("form_stamp"),
        honeypot=str(request.POST.get("website", "")),
    )


def _thread_url(article: Article, comment: Comment) -> str:
    page = page_of(
        comment,
        display=article.thread.policy().display,
        per_page=settings.MAONI_COMMENTS_PER_PAGE,
    )
    query = f"?{urlencode({'page': page})}" if page > 1 else ""
    return f"{article.get_absolute_url()}{query}#comment-{comment.pk}"


def _form_page(
    request: HttpRequest,
    *,
    article: Article,
    form: CommentForm,
    challenge: Challenge | None,
    preview: Comment | None = None,
    parent: Comment | None = None,
    status: int = 200,
    unsaved: bool = False,
    new_key: bool = False,
) -> HttpResponse:
    context = {
        "unsaved": unsaved,
        "article": article,
        "form": form,
        "challenge": challenge,
        "preview": preview,
        "parent": parent,
        "replying": True,
        "form_stamp": _stamp_to_keep(request),
        "idempotency_key": (
            # The one it came with, so that its next send is the same comment.
            (None if new_key else _sent_key(request)) or services.new_idempotency_key()
        ),
    }
    return render(request, "comments/form_page.html", context, status=status)


@require_GET
@never_cache
def state(request: HttpRequest) -> JsonResponse:
    """What the comment form of a shared page lacks for this visitor.

    The token and time stamp the form must carry, the question (with its
    markup) when one is asked up front, and any messages waiting. Fetched by
    the page's script when the form comes into view; never stored by a cache.
    """
    challenge = services.challenge_issue() if asks_captcha_up_front(request) else None
    captcha = None
    if challenge is not None:
        html = render_to_string("comments/_captcha.html", {"challenge": challenge}, request)
        captcha = {"id": challenge.pk, "prompt": challenge.prompt, "html": html}
    return JsonResponse(
        {
            "csrf_token": get_token(request),
            "form_stamp": screening.form_stamp(),
            "idempotency_key": services.new_idempotency_key(),
            "captcha": captcha,
            "messages": [
                {"level": message.tags, "text": str(message)}
                # Reading them empties the cookie: only where there is one.
                for message in (messages.get_messages(request) if _has_messages(request) else ())
            ],
        }
    )


def _has_messages(request: HttpRequest) -> bool:
    return bool(request.COOKIES.get(CookieStorage.cookie_name))


def _sent_token(request: HttpRequest) -> bool:
    # A request Django exempts from CSRF checks (its test client's) is treated,
    # as Django's middleware treats it, like one whose token was checked.
    return (
        "csrfmiddlewaretoken" in request.POST
        or settings.CSRF_HEADER_NAME in request.META
        or getattr(request, "_dont_enforce_csrf_checks", False)
    )


def _csrf_refusal(request: HttpRequest) -> HttpResponseBase | None:
    """The 403 for a form whose token does not match its cookie, or None when it does."""
    # The view checked for is itself exempt from the middleware; this stands in.
    return CsrfViewMiddleware(lambda _request: HttpResponse()).process_view(
        request, _checked_view, (), {}
    )


def _checked_view(request: HttpRequest) -> HttpResponse:
    return HttpResponse()


@csrf_exempt
@require_http_methods(["GET", "POST"])
def post_comment(request: HttpRequest, slug: str) -> HttpResponseBase:
    """Previews or saves a comment under an article.

    Every outcome other than a saved comment shows the form again with all
    that the reader typed, and a fresh question where one is still needed.

    A form sent without a CSRF token comes from a shared page whose script
    did not run: it is shown as a preview with the token and a question, and
    nothing is saved, so it needs no token. With a token, the token is
    checked as everywhere else.
    """
    user = request.user if request.user.is_authenticated else None
    trusted = services.is_trusted(user)
    # Every send counts against the client, before any other work is done:
    # a flood is refused for the price of one read.
    if request.method == "POST" and not trusted:
        wait = screening.rate_check(screening.client_limit(_client_key(request)))
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

    first_step = not _sent_token(request)
    key = _sent_key(request)
    if not first_step:
        refusal = _csrf_refusal(request)
        if refusal is not None:
            return refusal
        # The same form sent again (its answer was lost, or Back and Save):
        # the comment it posted, not a second one.
        earlier = _sent_before(key, article)
        if earlier is not None:
            return _posted(request, article, earlier)

    policy = article.thread.policy()
    parent = _reply_target(request.POST.get("parent", ""), article)
    form = CommentForm(request.POST, registered=user is not None, contact=policy.anonymous_contact)
    valid = form.is_valid()

    challenge: Challenge | None = None
    used_key = False
    # Set only once the CAPTCHA is solved; comment_post consumes it.
    solved_id: str | None = None
    typed = ""
    # Under "when suspicious" a question is in play only once one was asked.
    in_play = not first_step and (
        asks_captcha_up_front(request)
        or (asks_captcha(request) and bool(request.POST.get("captcha_id")))
    )
    if in_play:
        challenge_id = str(request.POST.get("captcha_id", ""))[:64]
        typed = str(request.POST.get("captcha_answer", ""))[:64]
        # A question this form consumed without posting reads as solved.
        existing = (
            services.challenge_find(challenge_id, idempotency_key=key) if challenge_id else None
        )
        if existing is not None and not existing.solved and not typed.strip():
            form.add_error("captcha_answer", CAPTCHA_REQUIRED)
            challenge = existing
        else:
            # A send that saves needs no mark: its comment consumes the question.
            answer = services.challenge_answer(
                challenge_id=challenge_id,
                typed=typed,
                found=existing if challenge_id else None,
                keep=request.POST.get("op") == "preview",
            )
            if answer is services.Answer.SOLVED:
                solved_id = challenge_id
                challenge = existing
            else:
                error = CAPTCHA_WRONG if answer is services.Answer.WRONG else CAPTCHA_EXPIRED
                form.add_error("captcha_answer", error)
        valid = valid and not form.has_error("captcha_answer")

    if form.cleaned_data.get("parent") and parent is None:
        form.add_error(None, str(services.REPLY_TARGET_GONE))
        valid = False
    if valid:
        fields = form.comment_fields()
        try:
            services.comment_check(
                author_name=fields["author_name"],
                author_email=fields["author_email"],
                body=fields["body"],
                user=user,
                policy=policy,
            )
            if request.POST.get("op") == "preview" or first_step:
                preview = Comment(
                    author_name=fields["author_name"],
                    body=fields["body"],
                    body_html=render_plain(fields["body"]),
                    user=user,
                    created=timezone.now(),
                )
                if user is not None:
                    preview.author_name = user_display_name(user)
                if first_step and asks_captcha_up_front(request):
                    challenge = services.challenge_issue()
                return _form_page(
                    request,
                    article=article,
                    form=form,
                    challenge=challenge,
                    preview=preview,
                    parent=parent,
                    unsaved=first_step,
                )
            if not in_play and asks_captcha(request) and _suspicious(request, fields, article):
                form.add_error("captcha_answer", CAPTCHA_SUSPICIOUS)
                challenge = services.challenge_issue()
                return _form_page(
                    request,
                    article=article,
                    form=form,
                    challenge=challenge,
                    parent=parent,
                    status=400,
                )
            if not trusted:
                wait = screening.rate_check(
                    screening.comment_limits(
                        email=fields["author_email"], thread_id=article.thread_id
                    )
                )
                if wait:
                    return _too_fast(request, wait)
            comment = services.comment_post(
                idempotency_key=key,
                thread=article.thread,
                user=user,
                client_key=_client_key(request),
                challenge_id=solved_id,
                challenge_typed=typed if solved_id else None,
                parent=parent,
                signals=_signals(request),
                topic=article.topic,
                **fields,
            )
        except services.CommentRejected as rejected:
            field = "captcha_answer" if rejected.field == "captcha" else rejected.field
            form.add_error(field, str(rejected.message))
            if rejected.field == "captcha":
                challenge = None
        except services.Duplicate as duplicate:
            if duplicate.comment.thread_id == article.thread_id:
                return _posted(request, article, duplicate.comment)
            # A key taken from another article's form: not this form's comment.
            form.add_error(None, _("This form was already used. Send it again from this page."))
            used_key = True
        else:
            return _posted(request, article, comment)

    # A copy of this form may have posted while this one was checked (the
    # question it used then reads as gone): its answer, not an error.
    earlier = None if first_step else _sent_before(key, article)
    if earlier is not None:
        return _posted(request, article, earlier)
    if solved_id is not None and challenge is not None and not challenge.solved:
        # Answered on a send that did not post: kept solved for the next send.
        challenge = challenge if services.challenge_keep_solved(challenge) else None
    if (in_play and (challenge is None or not challenge.solved)) or (
        first_step and asks_captcha_up_front(request)
    ):
        challenge = services.challenge_issue()
    return _form_page(
        request,
        article=article,
        form=form,
        challenge=challenge,
        parent=parent,
        status=400,
        new_key=used_key,
    )


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


def _sent_key(request: HttpRequest) -> str | None:
    """The idempotency key the form came with, if it is one."""
    return services.idempotency_key_of(str(request.POST.get("idempotency_key", "")))


def _sent_before(key: str | None, article: Article) -> Comment | None:
    """The comment the form with this key already posted under this article, if any."""
    earlier = services.comment_sent_before(key) if key is not None else None
    return earlier if earlier is not None and earlier.thread_id == article.thread_id else None


def _suspicious(request: HttpRequest, fields: CommentFields, article: Article) -> bool:
    """Whether the spam checks would hold this comment (and so ask the question first).

    As when it is posted, only a logged-in account's confirmed address may
    match the allow list; a typed one never spares the question.
    """
    user = request.user if request.user.is_authenticated else None
    verified = services.email_verified(user)
    verdict = screening.screen(
        body=fields["body"],
        author_name=fields["author_name"],
        author_email=user.email if user is not None and verified else fields["author_email"],
        trusted=False,
        signals=_signals(request),
        email_verified=verified,
        topic=article.topic,
    )
    return verdict.action is Action.HOLD


def _reply_target(raw_id: str, article: Article) -> Comment | None:
    """The public comment of this article that ``raw_id`` names, or None."""
    if not raw_id.isdigit() or len(raw_id) > 18:
        return None
    return (
        Comment.objects.public()
        .for_thread(article.thread)
        .select_related("user")
        .filter(pk=int(raw_id))
        .first()
    )


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
    challenge = services.challenge_issue() if asks_captcha_up_front(request) else None
    return _form_page(request, article=article, form=form, challenge=challenge, parent=comment)


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
    if request.method == "POST" and form.is_valid():
        try:
            comment_edit(
                comment=comment,
                body=form.cleaned_data["body"],
                actor=request.user if request.user.is_authenticated else None,
                by_author=True,
                topic=article.topic,
                # The edit form carries no timestamp or hidden field: the address only.
                signals=screening.Signals(address=_address(request)),
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
