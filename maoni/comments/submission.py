"""A reader sends the comment form: what was sent in, what happened out. No HTTP here.

``submit`` takes the form's fields as sent, who sent them and where, and
returns one typed outcome: posted, queued, sent before, a preview, a
question to answer, a wrong answer, rate limited, or refused with reasons.
A door (the HTML view, an API) only parses its request, calls this and
renders the outcome, so every door decides the same way.

The question (the CAPTCHA) is asked up front under the "always" policy, and
under "when suspicious" only of a comment the spam checks would hold; once
asked, it is in play until a comment consumes it. A form sent without its
token (a shared page whose script did not run) is a first step: it is shown
as a preview, with a question where one is due, and nothing is stored.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, replace
from typing import TYPE_CHECKING

from django.utils import timezone
from django.utils.translation import gettext_lazy

from maoni.comments import questions, services
from maoni.comments.forms import (
    CAPTCHA_EXPIRED,
    CAPTCHA_REQUIRED,
    CAPTCHA_SUSPICIOUS,
    CAPTCHA_WRONG,
    CommentFields,
    CommentForm,
)
from maoni.comments.models import Comment, Policy, Thread, user_display_name
from maoni.comments.questions import Answer, Question
from maoni.comments.text import render_plain
from maoni.moderation import screening
from maoni.moderation.models import SpamSettings
from maoni.moderation.rules import Ruling

if TYPE_CHECKING:
    from django.contrib.auth.models import User

# Lazy: said in the language of the request (the API finds it among the errors by it).
USED_FORM = gettext_lazy("This form was already used. Send it again from this page.")


@dataclass(frozen=True)
class Sender:
    """Who sent the form: an account or nobody, the client, and what the request showed."""

    user: User | None
    client_key: str
    sending: screening.Sending


@dataclass(frozen=True)
class Posted:
    comment: Comment


@dataclass(frozen=True)
class Queued:
    """Stored, and waiting for a moderator (``comment.reasons`` say why)."""

    comment: Comment


@dataclass(frozen=True)
class SentBefore:
    """The same form was sent before: ``comment`` is the one it posted."""

    comment: Comment


@dataclass(frozen=True)
class RateLimited:
    wait: int


@dataclass(frozen=True)
class FormAgain:
    """Nothing stored: the form again, with what was typed and its errors."""

    form: CommentForm
    question: Question | None
    parent: Comment | None
    # The form's idempotency key belongs to another comment: it needs a new one.
    new_key: bool = False


@dataclass(frozen=True)
class Preview(FormAgain):
    comment: Comment | None = None
    # Sent without its token: nothing could be stored, only shown.
    first_step: bool = False


class AskQuestion(FormAgain):
    """The spam checks would hold it: the question first ("when suspicious")."""


class WrongAnswer(FormAgain):
    """The question was not answered, or wrongly, or it expired."""


class Refused(FormAgain):
    """The fields or the comment cannot be posted as they are (errors on ``form``)."""


Outcome = Posted | Queued | SentBefore | RateLimited | FormAgain


def asks_question(user: User | None) -> bool:
    """Staff and moderators are trusted; everyone else may be asked a question."""
    return not services.is_trusted(user)


def asks_up_front(user: User | None, policy: Policy | None = None) -> bool:
    """True where the form shows a question before anything is typed ("always").

    ``policy`` is the thread's, whose site may ask otherwise than the
    site-wide spam settings (which apply without one).
    """
    captcha = (policy.captcha if policy is not None else "") or SpamSettings.load().captcha
    return asks_question(user) and captcha == SpamSettings.Captcha.ALWAYS


def flood_wait(sender: Sender) -> int:
    """Seconds this client must wait before sending again (0: it may send now).

    Every send counts, before any other work: a flood is refused for one read.
    """
    if services.is_trusted(sender.user):
        return 0
    return screening.rate_check(screening.client_limit(sender.client_key))


@dataclass(frozen=True)
class _Send:
    """One send of the form, as ``submit`` was given it."""

    thread: Thread
    topic: str
    data: Mapping[str, str]
    sender: Sender
    first_step: bool
    key: str | None

    @property
    def previewing(self) -> bool:
        return self.first_step or self.data.get("op") == "preview"


def submit(
    *, thread: Thread, topic: str, data: Mapping[str, str], sender: Sender, first_step: bool
) -> Outcome:
    """Previews or posts a comment sent to ``thread`` (a page about ``topic``)."""
    key = services.idempotency_key_of(str(data.get("idempotency_key", "")))
    send = _Send(thread, topic, data, sender, first_step, key)
    if not first_step:
        earlier = _sent_before(key, thread)
        if earlier is not None:
            return SentBefore(earlier)
    policy = thread.policy()
    parent = _reply_target(str(data.get("parent", "")), thread)
    form = CommentForm(data, registered=sender.user is not None, contact=policy.anonymous_contact)
    form.is_valid()
    asked = _Asked.read(send, form)
    if form.cleaned_data.get("parent") and parent is None:
        form.add_error(None, str(services.REPLY_TARGET_GONE))
    if not form.errors:
        outcome = _post(send, form, parent, asked)
        if outcome is not None:
            return outcome
    return _form_again(send, form, parent, asked)


@dataclass
class _Asked:
    """The question as this send finds it."""

    in_play: bool
    question: Question | None = None
    # Set only once the question is solved; the posted comment consumes it.
    solved_id: str | None = None
    typed: str = ""
    wrong: bool = False
    new_key: bool = False

    @classmethod
    def read(cls, send: _Send, form: CommentForm) -> _Asked:
        data, user = send.data, send.sender.user
        # Under "when suspicious" a question is in play only once one was asked.
        in_play = not send.first_step and (
            asks_up_front(user, send.thread.policy())
            or (asks_question(user) and bool(data.get("captcha_id")))
        )
        asked = cls(in_play=in_play)
        if not in_play:
            return asked
        question_id = str(data.get("captcha_id", ""))[: questions.ID_MAX_LENGTH]
        asked.typed = str(data.get("captcha_answer", ""))[:64]
        # A question this form consumed without posting reads as solved.
        found = (
            questions.find(question_id, thread_key=send.thread.key, idempotency_key=send.key)
            if question_id
            else None
        )
        if found is not None and not found.solved and not asked.typed.strip():
            form.add_error("captcha_answer", CAPTCHA_REQUIRED)
            asked.question, asked.wrong = found, True
            return asked
        # A send that saves needs no mark: its comment consumes the question.
        keep = data.get("op") == "preview"
        answer = questions.answer(found, asked.typed, keep=keep)
        if answer is Answer.SOLVED and found is not None:
            # Kept solved for a preview; else the comment about to be posted consumes it.
            asked.solved_id = question_id
            asked.question = replace(found, solved=True) if keep else found
        else:
            wrong = CAPTCHA_WRONG if answer is Answer.WRONG else CAPTCHA_EXPIRED
            form.add_error("captcha_answer", wrong)
            asked.wrong = True
        return asked


def _post(send: _Send, form: CommentForm, parent: Comment | None, asked: _Asked) -> Outcome | None:
    """Stores the comment, or shows it; None when the form must be shown again."""
    fields = form.comment_fields()
    user, thread = send.sender.user, send.thread
    try:
        services.comment_check(
            author_name=fields["author_name"],
            author_email=fields["author_email"],
            body=fields["body"],
            user=user,
            policy=thread.policy(),
        )
        if send.previewing:
            question = asked.question
            if send.first_step and asks_up_front(user, thread.policy()):
                question = questions.issue(thread.key)
            shown = _preview(fields, user)
            return Preview(form, question, parent, comment=shown, first_step=send.first_step)
        judged = services.comment_judge(
            thread=thread,
            body=fields["body"],
            author_name=fields["author_name"],
            author_email=fields["author_email"],
            user=user,
            sending=send.sender.sending,
            topic=send.topic,
        )
        if not asked.in_play and asks_question(user) and judged.verdict.ruling is Ruling.HOLD:
            form.add_error("captcha_answer", CAPTCHA_SUSPICIOUS)
            return AskQuestion(form, questions.issue(thread.key), parent)
        wait = _comment_wait(fields, user, thread)
        if wait:
            return RateLimited(wait)
        comment = services.comment_post(
            idempotency_key=send.key,
            thread=thread,
            user=user,
            client_key=send.sender.client_key,
            question_id=asked.solved_id,
            question_typed=asked.typed if asked.solved_id else None,
            parent=parent,
            sending=send.sender.sending,
            topic=send.topic,
            judged=judged,
            **fields,
        )
    except services.CommentRejected as rejected:
        field = "captcha_answer" if rejected.field == "captcha" else rejected.field
        form.add_error(field, str(rejected.message))
        if rejected.field == "captcha":
            asked.question = None
        return None
    except services.Duplicate as duplicate:
        if duplicate.comment.thread_id == thread.pk:
            return SentBefore(duplicate.comment)
        # A key taken from another article's form: not this form's comment.
        form.add_error(None, str(USED_FORM))
        asked.new_key = True
        return None
    return Posted(comment) if comment.status == Comment.Status.PUBLISHED else Queued(comment)


def _comment_wait(fields: CommentFields, user: User | None, thread: Thread) -> int:
    """Seconds to wait under the limits per e-mail address and per thread (0: none)."""
    if services.is_trusted(user):
        return 0
    # A page's first comment has no thread yet: its page is counted by its key.
    limits = screening.comment_limits(email=fields["author_email"], thread=thread.pk or thread.key)
    return screening.rate_check(limits)


def _form_again(send: _Send, form: CommentForm, parent: Comment | None, asked: _Asked) -> Outcome:
    # A copy of this form may have posted while this one was checked (the
    # question it used then reads as gone): its answer, not an error.
    earlier = None if send.first_step else _sent_before(send.key, send.thread)
    if earlier is not None:
        return SentBefore(earlier)
    question = asked.question
    if asked.solved_id is not None and question is not None and not question.solved:
        # Answered on a send that did not post: kept solved for the next send.
        question = questions.keep_solved(question)
    if (asked.in_play and (question is None or not question.solved)) or (
        send.first_step and asks_up_front(send.sender.user, send.thread.policy())
    ):
        question = questions.issue(send.thread.key)
    kind = WrongAnswer if asked.wrong else Refused
    return kind(form, question, parent, new_key=asked.new_key)


def _preview(fields: CommentFields, user: User | None) -> Comment:
    """The comment as it would stand, for showing only: never saved."""
    return Comment(
        author_name=user_display_name(user) if user is not None else fields["author_name"],
        body=fields["body"],
        body_html=render_plain(fields["body"]),
        user=user,
        created=timezone.now(),
    )


def _sent_before(key: str | None, thread: Thread) -> Comment | None:
    """The comment the form with this key already posted in this thread, if any."""
    earlier = services.comment_sent_before(key) if key is not None else None
    return earlier if earlier is not None and earlier.thread_id == thread.pk else None


def _reply_target(raw_id: str, thread: Thread) -> Comment | None:
    """The public comment of this thread that ``raw_id`` names, or None."""
    if not raw_id.isdigit() or len(raw_id) > 18:
        return None
    return (
        Comment.objects.public()
        .for_thread(thread)
        .select_related("user")
        .filter(pk=int(raw_id))
        .first()
    )
