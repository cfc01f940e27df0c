"""The report form: a reason, and for a notice of illegal content what the law says."""

from __future__ import annotations

from typing import Any

from django import forms
from django.utils.translation import gettext_lazy as _

from maoni.reports.models import Report

GROUND_NEEDED = _(
    "A notice of illegal content needs the law or rule the comment breaks, and why it "
    "breaks it: fill in both fields below the reasons."
)


class ReportForm(forms.Form):
    reason = forms.ChoiceField(
        label=_("What is wrong with this comment?"),
        choices=Report.Reason.choices,
        widget=forms.RadioSelect,
        error_messages={"required": _("Choose what is wrong with the comment.")},
    )
    legal_ground = forms.CharField(
        label=_("Which law or rule does it break?"),
        required=False,
        max_length=300,
        help_text=_("For illegal content: for example, the section of the law on hate speech."),
    )
    explanation = forms.CharField(
        label=_("Why is it illegal?"),
        required=False,
        max_length=5000,
        widget=forms.Textarea(attrs={"rows": 5, "cols": 60}),
        help_text=_("For illegal content: what in the comment breaks that law, in your words."),
    )
    details = forms.CharField(
        label=_("Anything the moderators should know (optional)"),
        required=False,
        max_length=2000,
        widget=forms.Textarea(attrs={"rows": 3, "cols": 60}),
    )
    name = forms.CharField(label=_("Your name (optional)"), required=False, max_length=100)
    email = forms.EmailField(
        label=_("Your e-mail address (optional)"),
        required=False,
        max_length=254,
        help_text=_(
            "For a notice of illegal content, to get a receipt and the decision with its "
            "reasons. Never shown to anyone, the comment's author included."
        ),
    )

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        for name, field in self.fields.items():
            if field.help_text:
                field.widget.attrs["aria-describedby"] = f"id_{name}-description"

    def full_clean(self) -> None:
        super().full_clean()
        # Each field in error says so to screen readers, and points at its message.
        for name in self.errors:
            if name in self.fields and name != "reason":
                attrs = self.fields[name].widget.attrs
                attrs["aria-invalid"] = "true"
                described = attrs.get("aria-describedby", "")
                attrs["aria-describedby"] = f"id_{name}-error {described}".strip()

    def clean(self) -> dict[str, Any]:
        cleaned = super().clean() or {}
        if cleaned.get("reason") == Report.Reason.ILLEGAL:
            for name in ("legal_ground", "explanation"):
                if not str(cleaned.get(name, "")).strip():
                    self.add_error(name, GROUND_NEEDED)
        for name in ("legal_ground", "explanation", "details", "name"):
            if "\x00" in str(cleaned.get(name, "")):
                self.add_error(name, _("Remove the null characters from this field."))
        return cleaned
