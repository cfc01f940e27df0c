"""What the API's requests and answers hold: the OpenAPI description is made from these."""

from __future__ import annotations

from datetime import datetime
from typing import Annotated, Literal

from django.utils.translation import gettext as _
from ninja import Path, Schema
from pydantic import ConfigDict, Field, field_validator

SiteSlug = Field(
    ...,
    min_length=1,
    max_length=50,
    description="The site's short name, or `maoni` for Maoni's own articles.",
)
PageId = Field(
    ...,
    min_length=1,
    max_length=150,
    description="The page's id: its `data-maoni-thread`, else its path; an article's slug.",
)


class Question(Schema):
    """A math question; send its ``id`` and the answer typed with the comment."""

    id: str
    prompt: str = Field(..., examples=["3 + 4 ="])


# A comment's number: what the database can hold.
CommentId = Annotated[int, Field(ge=1, le=2**63 - 1)]


PathId = Annotated[int, Path(ge=1, le=2**63 - 1)]


class Sent(Schema):
    """What a client sends: taken as it is (no false for 0, no 1 for "1"), and no NUL
    characters, which no form sends and the database cannot store."""

    model_config = ConfigDict(strict=True)

    @field_validator("*", mode="before")
    @classmethod
    def _no_nul(cls, value: object) -> object:
        if isinstance(value, str) and "\x00" in value:
            raise ValueError(_("must not hold a NUL character"))
        return value


class Error(Schema):
    """Why nothing was done: a stable ``code`` for programs and a ``message`` for people."""

    code: str = Field(..., examples=["wrong_answer"])
    message: str
    # The form's fields that need fixing, with what is wrong with each.
    fields: dict[str, list[str]] = Field(default_factory=dict)
    # A new question to answer when one is due (see /form).
    question: Question | None = None
    # Seconds to wait before sending again (also the Retry-After header).
    retry_after: int | None = None


class CommentOut(Schema):
    id: int | None = Field(..., description="None for a preview, which is not stored.")
    parent: int | None = Field(
        default=None, description="The comment this one answers, when public."
    )
    depth: int = Field(..., description="How far to indent it: 0 for a top-level comment.")
    author: str
    verified: bool = Field(..., description="Written by a registered user.")
    created: datetime
    edited: datetime | None = None
    html: str = Field(..., description="The text as Maoni's Plain text format rendered it.")
    url: str = Field(..., description="The comment's permalink.")
    picked: bool = Field(default=False, description="A newsroom pick.")


class ThreadOut(Schema):
    site: str
    thread: str
    title: str
    url: str
    count: int = Field(..., description="How many public comments the thread has.")
    open: bool = Field(..., description="Whether new comments are taken.")
    order: Literal["oldest", "newest"]
    comments: list[CommentOut]
    next: str | None = Field(default=None, description="The cursor of the next page, if any.")


class CountsOut(Schema):
    counts: dict[str, int]


class FormOut(Schema):
    """What a new comment form needs: send these back with it."""

    form_stamp: str
    idempotency_key: str
    question: Question | None = None
    open: bool
    contact: Literal["forbidden", "optional", "required"] = Field(
        ..., description="Whether anonymous readers give a name and e-mail address."
    )


class PostIn(Sent):
    site: str = SiteSlug
    thread: str = PageId
    title: str = Field(default="", max_length=300, description="The page's title, for moderators.")
    url: str = Field(default="", max_length=1000, description="The page's address.")
    parent: CommentId | None = Field(
        default=None, description="The public comment this one answers."
    )
    name: str = Field(default="", max_length=200)
    mail: str = Field(default="", max_length=300, description="Kept private; never shown.")
    body: str = Field(..., max_length=20_000)
    notify: bool = Field(default=False, description="Mail the author when someone replies.")
    idempotency_key: str = Field(default="", max_length=64)
    form_stamp: str = Field(default="", max_length=200)
    captcha_id: str = Field(default="", max_length=400)
    captcha_answer: str = Field(default="", max_length=64)
    # The honeypot field of the HTML form; people leave it empty.
    website: str = Field(default="", max_length=200)


class Outcome(Schema):
    """A comment stored (``posted``, ``queued``, ``sent_before``) or shown (``preview``)."""

    outcome: Literal["posted", "queued", "sent_before", "preview", "edited"]
    message: str
    comment: CommentOut
    status: Literal["published", "pending", "preview"]
    reason: str | None = Field(
        default=None, description="Why a queued comment waits: a short code."
    )
    edit_token: str | None = Field(
        default=None, description="Lets the author edit or delete the comment for a while."
    )
    question: Question | None = Field(
        default=None, description="The question, kept for the next send."
    )


class EditIn(Sent):
    body: str = Field(..., max_length=20_000)


class Done(Schema):
    message: str
