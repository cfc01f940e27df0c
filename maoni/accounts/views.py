"""Registering, confirming an e-mail address, logging in and resetting a password."""

from __future__ import annotations

from typing import Any, TypeVar

from django.contrib import messages
from django.contrib.auth import login
from django.contrib.auth import views as auth_views
from django.contrib.auth.forms import AuthenticationForm, PasswordResetForm, SetPasswordForm
from django.http import HttpRequest, HttpResponse, HttpResponseBase
from django.shortcuts import redirect, render
from django.urls import reverse_lazy
from django.utils.translation import gettext_lazy as _
from django.views.decorators.http import require_GET, require_http_methods

from maoni.accounts import mail_limits, services
from maoni.accounts.forms import (
    LoginForm,
    NewPasswordForm,
    RegistrationForm,
    ResendForm,
    ResetRequestForm,
)
from maoni.site import too_many

CONFIRMED = _("Your e-mail address is confirmed. Welcome!")
RESENT = _(
    "If an account at that address is waiting for confirmation, a new link is on its way "
    "to it. The link works for three days."
)
CONFIRMATION_FAILURES = {
    services.ConfirmationFailure.EXPIRED: _(
        "This confirmation link has expired: links work for three days. Ask for a new one."
    ),
    services.ConfirmationFailure.BROKEN: _(
        "This confirmation link is not valid. Check that the whole address from the e-mail "
        "was copied, or ask for a new link."
    ),
    services.ConfirmationFailure.USED: _(
        "This confirmation link was used already, so there is nothing left to confirm. "
        "Log in to continue."
    ),
}


_Response = TypeVar("_Response", bound=HttpResponseBase)


def _bad_request(response: _Response) -> _Response:
    # A form sent back with errors is a 400 throughout the site.
    response.status_code = 400
    return response


@require_http_methods(["GET", "POST"])
def register(request: HttpRequest) -> HttpResponse:
    """Creates an account awaiting confirmation, or shows what to fix."""
    if request.method == "GET":
        return render(request, "accounts/register.html", {"form": RegistrationForm()})
    form = RegistrationForm(request.POST)
    if form.is_valid():
        try:
            services.user_register(
                name=form.cleaned_data["name"],
                email=form.cleaned_data["email"],
                password=form.cleaned_data["password"],
            )
        except services.RegistrationRejected as rejected:
            form.add_error(rejected.field, str(rejected.message))
        else:
            return redirect("accounts:register_done")
    return render(request, "accounts/register.html", {"form": form}, status=400)


@require_GET
def register_done(request: HttpRequest) -> HttpResponse:
    return render(request, "accounts/register_done.html")


# Opening the link only shows a button; the POST it sends confirms. Mail
# systems that fetch every link in a message (with GET or HEAD) to check it
# would otherwise use the link up before the reader clicks it.
@require_http_methods(["GET", "POST"])
def confirm(request: HttpRequest, token: str) -> HttpResponse:
    """Asks the reader to confirm; on POST activates the account and logs them in."""
    try:
        if request.method == "GET":
            user = services.confirmation_check(token=token)
            return render(request, "accounts/confirm.html", {"account": user})
        user = services.user_confirm_email(token=token)
    except services.ConfirmationInvalid as invalid:
        context = {"message": CONFIRMATION_FAILURES[invalid.reason]}
        return render(request, "accounts/confirm_invalid.html", context, status=400)
    login(request, user, backend="django.contrib.auth.backends.ModelBackend")
    messages.success(request, CONFIRMED)
    return redirect("/")


@require_http_methods(["GET", "POST"])
def confirm_resend(request: HttpRequest) -> HttpResponse:
    """Mails a new confirmation link; answers the same whatever the address is."""
    if request.method == "GET":
        return render(request, "accounts/confirm_resend.html", {"form": ResendForm()})
    form = ResendForm(request.POST)
    if not form.is_valid():
        return render(request, "accounts/confirm_resend.html", {"form": form}, status=400)
    wait = mail_limits.take(request, purpose="confirm", email=form.cleaned_data["email"])
    if wait:
        form.add_error(None, mail_limits.wait_message(wait))
        return too_many(render(request, "accounts/confirm_resend.html", {"form": form}), wait)
    services.confirmation_resend(email=form.cleaned_data["email"])
    messages.info(request, RESENT)
    return redirect("accounts:confirm_resend")


class LoginView(auth_views.LoginView):
    authentication_form = LoginForm
    template_name = "accounts/login.html"

    def form_invalid(self, form: AuthenticationForm) -> HttpResponse:
        return _bad_request(super().form_invalid(form))

    def get_context_data(self, **kwargs: Any) -> dict[str, Any]:
        context = super().get_context_data(**kwargs)
        # Django names the site after the request's host here, which would
        # hide the site's own name from maoni.site.context.
        context.pop("site_name", None)
        return context


# Django's password reset views reverse their next page without a namespace,
# so each names its successor here.
class PasswordResetView(auth_views.PasswordResetView):
    form_class = ResetRequestForm
    template_name = "accounts/password_reset_form.html"
    subject_template_name = "accounts/email/password_reset_subject.txt"
    email_template_name = "accounts/email/password_reset_body.txt"
    success_url = reverse_lazy("accounts:password_reset_done")

    def form_valid(self, form: PasswordResetForm) -> HttpResponse:
        wait = mail_limits.take(self.request, purpose="reset", email=form.cleaned_data["email"])
        if wait:
            form.add_error(None, mail_limits.wait_message(wait))
            return too_many(self.render_to_response(self.get_context_data(form=form)), wait)
        return super().form_valid(form)

    def form_invalid(self, form: PasswordResetForm) -> HttpResponse:
        return _bad_request(super().form_invalid(form))


class PasswordResetDoneView(auth_views.PasswordResetDoneView):
    template_name = "accounts/password_reset_done.html"


class PasswordResetConfirmView(auth_views.PasswordResetConfirmView):
    form_class = NewPasswordForm
    template_name = "accounts/password_reset_confirm.html"
    success_url = reverse_lazy("accounts:password_reset_complete")

    def dispatch(self, *args: Any, **kwargs: Any) -> HttpResponseBase:
        response = super().dispatch(*args, **kwargs)
        # Django shows a used or expired link's page with a 200.
        if not self.validlink and response.status_code == 200:
            return _bad_request(response)
        return response

    def form_invalid(self, form: SetPasswordForm) -> HttpResponse:  # type: ignore[type-arg]
        return _bad_request(super().form_invalid(form))


class PasswordResetCompleteView(auth_views.PasswordResetCompleteView):
    template_name = "accounts/password_reset_complete.html"
