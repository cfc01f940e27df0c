"""The comment form readers fill in under an article."""

from __future__ import annotations

from typing import TYPE_CHECKING, Any, TypedDict

from django import forms
from django.utils.functional import lazy
from django.utils.translation import gettext_lazy as _

from maoni.comments.models import Comment, Contact
from maoni.comments.questions import ID_MAX_LENGTH

if TYPE_CHECKING:
    from django_stubs_ext import StrOrPromise

EMAIL_PRIVATE = _("The content of this field is kept private and will not be shown publicly.")
CAPTCHA_DESCRIPTION = _(
    "This question is for testing whether or not you are a human visitor "
    "and to prevent automated spam submissions."
)
CAPTCHA_HELP = _("Solve this simple math problem and enter the result. E.g. for 1+3, enter 4.")
CAPTCHA_WRONG = _("The answer you entered for the CAPTCHA was not correct.")
CAPTCHA_REQUIRED = _("Math question field is required.")
CAPTCHA_SUSPICIOUS = _("Answer this question to post your comment.")
CAPTCHA_EXPIRED = _("The CAPTCHA question has expired. Answer the new question.")
FORMAT_TIPS = (
    _("No HTML tags allowed."),
    _("Lines and paragraphs break automatically."),
    _("Web page addresses and email addresses turn into links automatically."),
)


class CommentFields(TypedDict):
    author_name: str
    author_email: str
    body: str
    notify_replies: bool


# Django fills in %(show_value)s, the length sent; the limit is written out here.
NAME_TOO_LONG = _("Your name may be at most %(limit)s characters long (it has %%(show_value)s).")
EMAIL_TOO_LONG = _(
    "The e-mail address may be at most %(limit)s characters long (it has %%(show_value)s)."
)
COMMENT_TOO_LONG = _("A comment may be at most %(limit)s characters long (it has %%(show_value)s).")


def _with_limit(message: StrOrPromise, limit: int) -> str:
    return str(message) % {"limit": f"{limit:,}"}


# Translated when the form shows it, in the language of the request.
_too_long = lazy(_with_limit, str)


class CommentForm(forms.Form):
    """Name, e-mail and body of a comment, plus the CAPTCHA answer.

    Registered users are not asked for a name or an e-mail address. The
    CAPTCHA itself is checked by ``maoni.comments.submission``, which owns the question.
    """

    name = forms.CharField(
        label=_("Your name"),
        required=False,
        max_length=Comment.NAME_MAX_LENGTH,
        error_messages={"max_length": _too_long(NAME_TOO_LONG, Comment.NAME_MAX_LENGTH)},
    )
    mail = forms.EmailField(
        label=_("Email"),
        required=False,
        max_length=Comment.EMAIL_MAX_LENGTH,
        help_text=EMAIL_PRIVATE,
        error_messages={
            "invalid": _("The e-mail address is not valid."),
            "max_length": _too_long(EMAIL_TOO_LONG, Comment.EMAIL_MAX_LENGTH),
        },
    )
    body = forms.CharField(
        label=_("Comment"),
        # What the reader typed is stored as typed; whitespace-only is empty.
        strip=False,
        max_length=Comment.BODY_MAX_LENGTH,
        widget=forms.Textarea(attrs={"rows": 8, "cols": 60}),
        error_messages={
            "required": _("Comment field is required."),
            "max_length": _too_long(COMMENT_TOO_LONG, Comment.BODY_MAX_LENGTH),
        },
    )
    notify = forms.BooleanField(label=_("Notify me by e-mail when someone replies"), required=False)
    parent = forms.IntegerField(required=False, min_value=1, widget=forms.HiddenInput)
    captcha_id = forms.CharField(required=False, max_length=ID_MAX_LENGTH, widget=forms.HiddenInput)
    captcha_answer = forms.CharField(
        label=_("Math question"),
        required=False,
        # Surrounding whitespace is forgiven, so the server takes more than
        # the two characters the input holds.
        max_length=32,
        strip=False,
        help_text=CAPTCHA_HELP,
        widget=forms.TextInput(attrs={"size": 4, "maxlength": 2, "autocomplete": "off"}),
    )

    def __init__(
        self,
        *args: Any,
        registered: bool = False,
        contact: str = Contact.OPTIONAL,
        **kwargs: Any,
    ) -> None:
        super().__init__(*args, **kwargs)
        self.registered = registered
        if registered or contact == Contact.FORBIDDEN:
            del self.fields["name"]
            del self.fields["mail"]
        elif contact == Contact.REQUIRED:
            self.fields["name"].required = True
            self.fields["name"].error_messages["required"] = _("Your name is required.")
            self.fields["mail"].required = True
            self.fields["mail"].error_messages["required"] = _("Your e-mail address is required.")

    def clean_body(self) -> str:
        body: str = self.cleaned_data["body"]
        if not body.strip():
            raise forms.ValidationError(_("Comment field is required."), code="required")
        return body

    def comment_fields(self) -> CommentFields:
        """The cleaned values, named as ``comment_post`` takes them."""
        return {
            "author_name": self.cleaned_data.get("name", ""),
            "author_email": self.cleaned_data.get("mail", ""),
            "body": self.cleaned_data["body"],
            "notify_replies": bool(self.cleaned_data.get("notify")),
        }


class CommentEditForm(forms.Form):
    """The text of a comment its author is changing."""

    body = CommentForm.base_fields["body"]

    def clean_body(self) -> str:
        body: str = self.cleaned_data["body"]
        if not body.strip():
            raise forms.ValidationError(_("Comment field is required."), code="required")
        return body
