"""What the comment form of a shared page lacks for one reader."""

from __future__ import annotations

from django.contrib import messages
from django.contrib.messages.storage.cookie import CookieStorage
from django.http import HttpRequest, JsonResponse
from django.middleware.csrf import get_token
from django.template.loader import render_to_string
from django.utils.translation import gettext as _
from django.utils.translation import gettext_noop
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_GET

from maoni.comments import questions, services, submission
from maoni.comments.models import Thread
from maoni.moderation import screening

NO_THREAD = gettext_noop("Name the thread whose form this is: ?thread=<its key>.")


@require_GET
@never_cache
def state(request: HttpRequest) -> JsonResponse:
    """What the comment form of a shared page lacks for this visitor.

    The token and time stamp the form must carry, the question (with its
    markup) when one is asked up front, and any messages waiting. Fetched by
    the page's script when the form comes into view; never stored by a cache.
    A question is good in one thread only: ``?thread=`` names it (the key the
    form's ``data-state`` carries). Nothing is written: a question is a signed token.
    """
    user = request.user if request.user.is_authenticated else None
    question = None
    if submission.asks_up_front(user):
        thread_key = request.GET.get("thread", "")
        if not thread_key or len(thread_key) > Thread.KEY_MAX_LENGTH:
            return JsonResponse({"error": _(NO_THREAD)}, status=400)
        question = questions.issue(thread_key)
    captcha = None
    if question is not None:
        html = render_to_string("comments/_captcha.html", {"question": question}, request)
        captcha = {"id": question.id, "prompt": question.prompt, "html": html}
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
