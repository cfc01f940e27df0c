"""What readers send through the API: a question, a preview, a comment, an author's change.

Each send is decided by the same code as the HTML form
(``maoni.comments.submission``); this module only turns the request into
the form's fields and the decided outcome into JSON, with a stable code
and the form's own message. Readers are anonymous here, whatever cookies
come along: the API takes no session, so no page of another origin can
act in a reader's name. An anonymous author gets a signed token with their
comment that lets them change it for 15 minutes, as the form's cookie does.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any, Literal

from django.conf import settings
from django.http import HttpRequest
from django.utils.translation import gettext as _

from maoni.api.pages import Page, page_of_thread
from maoni.api.reading import comment_out
from maoni.api.schemas import Error, Outcome, PostIn, Question
from maoni.articles.comment_views import POSTED, QUEUED
from maoni.comments import ownership, questions, services, submission
from maoni.comments.models import Comment
from maoni.moderation import screening
from maoni.moderation.client_keys import client_key_on
from maoni.moderation.clients import request_address

# The form's errors about no one field, as the API's answers name them.
_FIELD_NAMES = {"__all__": "comment"}


@dataclass(frozen=True)
class Answer:
    """An HTTP status and what the API answers with it."""

    status: int
    body: Outcome | Error
    retry_after: int | None = None


def sender_of(request: HttpRequest, *, form_stamp: str | None, honeypot: str) -> submission.Sender:
    address = request_address(request.META, settings.MAONI_TRUSTED_PROXIES)
    return submission.Sender(
        user=None,
        client_key=client_key_on(address),
        sending=screening.Sending(address=address, form_stamp=form_stamp, honeypot=honeypot),
    )


def too_fast(wait: int) -> Answer:
    message = _(
        "You are sending comments faster than this site allows. Wait %(seconds)d seconds "
        "and send it again."
    ) % {"seconds": wait}
    return Answer(429, Error(code="too_fast", message=message, retry_after=wait), wait)


def closed() -> Answer:
    return Answer(403, Error(code="closed", message=_("Comments are closed.")))


def question_out(question: questions.Question | None) -> Question | None:
    return None if question is None else Question(id=question.id, prompt=question.prompt)


def send(request: HttpRequest, page: Page, sent: PostIn, *, preview: bool) -> Answer:
    """Previews or posts the comment ``sent`` to ``page``."""
    sender = sender_of(request, form_stamp=sent.form_stamp or None, honeypot=sent.website)
    wait = submission.flood_wait(sender)
    if wait:
        return too_fast(wait)
    if not page.takes_comments:
        return closed()
    if sent.parent is not None and page.thread is None:
        message = str(services.REPLY_TARGET_GONE)
        return Answer(404, Error(code="reply_target_gone", message=message))
    outcome = submission.submit(
        thread=page.thread_to_post_in(title=sent.title or sent.thread, url=sent.url),
        topic=page.topic or sent.title,
        data=_form_data(sent, preview=preview),
        sender=sender,
        first_step=False,
    )
    return rendered(outcome, page)


def _form_data(sent: PostIn, *, preview: bool) -> dict[str, Any]:
    data: dict[str, Any] = {
        "name": sent.name,
        "mail": sent.mail,
        "body": sent.body,
        "parent": "" if sent.parent is None else str(sent.parent),
        "idempotency_key": sent.idempotency_key,
        "captcha_id": sent.captcha_id,
        "captcha_answer": sent.captcha_answer,
        "website": sent.website,
        "op": "preview" if preview else "save",
    }
    if sent.notify:
        data["notify"] = "on"
    return data


def rendered(outcome: submission.Outcome, page: Page) -> Answer:
    """The JSON of what the form's send came to."""
    if isinstance(outcome, submission.Posted | submission.Queued | submission.SentBefore):
        return _stored(outcome, page)
    if isinstance(outcome, submission.RateLimited):
        message = _(
            "This page or this e-mail address has had more comments than this site takes "
            "for now. Wait %(seconds)d seconds and send it again."
        ) % {"seconds": outcome.wait}
        error = Error(code="rate_limited", message=message, retry_after=outcome.wait)
        return Answer(429, error, outcome.wait)
    question = question_out(outcome.question)
    if isinstance(outcome, submission.Preview) and outcome.comment is not None:
        shown = comment_out(outcome.comment, page.url, depth_cap=0)
        return Answer(
            200,
            Outcome(
                outcome="preview", message="", comment=shown, status="preview", question=question
            ),
        )
    return _refused(outcome, question)


def _stored(
    outcome: submission.Posted | submission.Queued | submission.SentBefore, page: Page
) -> Answer:
    comment = outcome.comment
    published = comment.status == Comment.Status.PUBLISHED
    again = isinstance(outcome, submission.SentBefore)
    kind: Literal["posted", "queued", "sent_before"] = (
        "sent_before" if again else "posted" if published else "queued"
    )
    depth_cap = comment.thread.policy().depth_cap
    body = Outcome(
        outcome=kind,
        message=_(POSTED) if published else _(QUEUED),
        comment=comment_out(comment, page.url or comment.thread.url, depth_cap),
        status="published" if published else "pending",
        reason=None if published else _queued_reason(comment),
        edit_token=ownership.edit_token(comment) if comment.user_id is None else None,
    )
    return Answer(200 if again else 201 if published else 202, body)


def _queued_reason(comment: Comment) -> str:
    """A short code for why it waits: pre-moderation, or a review the checks asked for."""
    reasons = [str(reason) for reason in comment.reasons]
    if reasons and all(reason.startswith("pre-moderation") for reason in reasons):
        return "premoderation"
    return "review"


def _refused(outcome: submission.FormAgain, question: Question | None) -> Answer:
    form = outcome.form
    fields = {
        _FIELD_NAMES.get(name, name): [str(message) for message in messages]
        for name, messages in form.errors.items()
    }
    general = fields.get("comment", [])
    if isinstance(outcome, submission.AskQuestion):
        code, status = "question_required", 400
    elif isinstance(outcome, submission.WrongAnswer):
        code, status = "wrong_answer", 400
    elif str(submission.USED_FORM) in general:
        code, status = "used_form", 409
    elif str(services.REPLY_TARGET_GONE) in general:
        code, status = "reply_target_gone", 404
    elif general:
        # The spam checks' refusal, said as the form says it.
        code, status = "rejected", 422
    else:
        code, status = "invalid", 400
    messages = [message for listed in fields.values() for message in listed]
    message = " ".join(messages) or _("The comment could not be posted.")
    return Answer(status, Error(code=code, message=message, fields=fields, question=question))


def edit(request: HttpRequest, comment: Comment, body: str) -> Answer:
    """The author's new text for their comment, screened like a new comment."""
    sender = sender_of(request, form_stamp=None, honeypot="")
    wait = submission.flood_wait(sender)
    if wait:
        return too_fast(wait)
    page = page_of_thread(comment.thread)
    if not page.takes_comments:
        return closed()
    try:
        services.comment_edit(
            comment=comment,
            body=body,
            actor=None,
            by_author=True,
            topic=page.topic,
            sending=sender.sending,
        )
    except services.CommentRejected as rejected:
        code, status = ("invalid", 400) if rejected.field else ("rejected", 422)
        fields = {rejected.field: [str(rejected.message)]} if rejected.field else {}
        return Answer(status, Error(code=code, message=str(rejected.message), fields=fields))
    published = comment.status == Comment.Status.PUBLISHED
    return Answer(
        200,
        Outcome(
            outcome="edited",
            message=_("Your comment has been updated.") if published else _(QUEUED),
            comment=comment_out(comment, page.url, comment.thread.policy().depth_cap),
            status="published" if published else "pending",
            reason=None if published else _queued_reason(comment),
        ),
    )
