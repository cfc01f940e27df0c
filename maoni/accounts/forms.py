"""The forms readers fill in to register, confirm, log in and reset a password."""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from django import forms
from django.conf import settings
from django.contrib.auth import password_validation
from django.contrib.auth.forms import AuthenticationForm, PasswordResetForm, SetPasswordForm
from django.contrib.auth.models import User
from django.utils.translation import gettext_lazy as _

from maoni.accounts import services
from maoni.accounts.names import normalise_name

if TYPE_CHECKING:
    from django_stubs_ext import StrOrPromise

EMAIL_HELP = _("Kept private: it is never shown. The confirmation link is sent to it.")
PASSWORDS_DIFFER = _("The two passwords do not match. Type the same password twice.")
EMAIL_ERRORS = {
    "required": _("E-mail address field is required."),
    "invalid": services.EMAIL_INVALID,
    "max_length": _("An e-mail address may be at most 254 characters long."),
}


def _password_field(
    label: StrOrPromise, required: StrOrPromise, *, autocomplete: str
) -> forms.CharField:
    return forms.CharField(
        label=label,
        strip=False,
        widget=forms.PasswordInput(attrs={"autocomplete": autocomplete}),
        error_messages={"required": required},
    )


class RegistrationForm(forms.Form):
    """Name, e-mail address and password (twice) of a new account."""

    name = forms.CharField(
        label=_("Name"),
        help_text=_(
            "Shown with your comments. 2 to 60 characters: letters, digits, spaces and . - _ '"
        ),
        error_messages={"required": _("Name field is required.")},
    )
    email = forms.EmailField(
        label=_("E-mail address"), max_length=254, help_text=EMAIL_HELP, error_messages=EMAIL_ERRORS
    )
    password = _password_field(
        _("Password"), _("Password field is required."), autocomplete="new-password"
    )
    password_confirm = _password_field(
        _("Confirm password"), _("Confirm password field is required."), autocomplete="new-password"
    )

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        # Made per form, so the rules are listed in the reader's language.
        self.fields["password"].help_text = password_validation.password_validators_help_text_html()

    def clean_name(self) -> str:
        name = normalise_name(self.cleaned_data["name"])
        error = services.name_error(name)
        if error is not None:
            raise forms.ValidationError(error, code="name")
        return name

    def clean_email(self) -> str:
        email = User.objects.normalize_email(self.cleaned_data["email"])
        error = services.email_error(email)
        if error is not None:
            raise forms.ValidationError(error, code="email")
        return email

    def clean(self) -> dict[str, Any]:
        cleaned = super().clean() or {}
        password = cleaned.get("password")
        confirm = cleaned.get("password_confirm")
        if password:
            problems = services.password_errors(
                password, name=cleaned.get("name", ""), email=cleaned.get("email", "")
            )
            if problems:
                self.add_error("password", problems)
        if password and confirm and password != confirm:
            self.add_error("password_confirm", PASSWORDS_DIFFER)
        return cleaned


class ResendForm(forms.Form):
    """The address a new confirmation link should go to."""

    email = forms.EmailField(label=_("E-mail address"), max_length=254, error_messages=EMAIL_ERRORS)


class LoginForm(AuthenticationForm):
    """Logs a reader in by name or e-mail address.

    Django's backend turns inactive accounts away exactly as it does a wrong
    password. Where the password is right and the account only awaits
    confirmation, this form says so instead, and sets ``awaits_confirmation``
    so the page can offer a new link. A wrong password reveals nothing.
    """

    error_messages = {
        **AuthenticationForm.error_messages,
        "invalid_login": _(
            "The name, e-mail address or password is not right. Check them and try again."
        ),
        "unconfirmed": _(
            "Your e-mail address is not confirmed yet. Follow the link in the e-mail "
            "sent to you when you registered, or ask for a new link."
        ),
    }

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.awaits_confirmation = False
        username = self.fields["username"]
        username.label = _("Name or e-mail address")
        username.error_messages["required"] = _("Name or e-mail address field is required.")
        # Room for an e-mail address, which may be longer than a username.
        assert isinstance(username, forms.CharField)
        username.max_length = 254
        username.widget.attrs.update({"maxlength": 254, "autocomplete": "username"})
        self.fields["password"].error_messages["required"] = _("Password field is required.")

    def clean(self) -> dict[str, Any]:
        typed = self.cleaned_data.get("username")
        if typed:
            self.cleaned_data["username"] = services.login_username(typed)
        try:
            return super().clean()
        except forms.ValidationError as error:
            if error.code == "invalid_login" and self._awaits_confirmation():
                self.awaits_confirmation = True
                raise forms.ValidationError(
                    self.error_messages["unconfirmed"], code="unconfirmed"
                ) from error
            raise

    def _awaits_confirmation(self) -> bool:
        username = self.cleaned_data.get("username", "")
        password = self.cleaned_data.get("password", "")
        user = User.objects.filter(username=username).first()
        return (
            user is not None
            and services.awaits_confirmation(user)
            and user.check_password(password)
        )


class ResetRequestForm(PasswordResetForm):
    """Django's password reset form, with links to MAONI_BASE_URL in its mail."""

    email = forms.EmailField(
        label=_("E-mail address"),
        max_length=254,
        widget=forms.EmailInput(attrs={"autocomplete": "email"}),
        error_messages=EMAIL_ERRORS,
    )

    def send_mail(
        self,
        subject_template_name: str,
        email_template_name: str,
        context: dict[str, Any],
        from_email: str | None,
        to_email: str,
        html_email_template_name: str | None = None,
    ) -> None:
        # Django would take the host from the request, which a client can
        # set; the link must point at the site the operator configured.
        context = {
            **context,
            "base_url": settings.MAONI_BASE_URL,
            "site_name": settings.MAONI_SITE_NAME,
        }
        super().send_mail(
            subject_template_name,
            email_template_name,
            context,
            from_email,
            to_email,
            html_email_template_name,
        )


class NewPasswordForm(SetPasswordForm):  # type: ignore[type-arg]
    """Django's form for the new password, in the site's words."""

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.error_messages = {**self.error_messages, "password_mismatch": PASSWORDS_DIFFER}
        self.fields["new_password1"].error_messages["required"] = _(
            "New password field is required."
        )
        self.fields["new_password2"].error_messages["required"] = _(
            "Confirm new password field is required."
        )
        self.fields["new_password2"].label = _("Confirm new password")
