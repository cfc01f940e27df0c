"""The pages behind the links in readers' mail: unsubscribing, and confirming an address."""

from __future__ import annotations

from django.http import HttpRequest, HttpResponse
from django.shortcuts import render
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views.decorators.csrf import csrf_exempt
from django.views.decorators.http import require_http_methods

from maoni.accounts.services import ConfirmationFailure, ConfirmationInvalid
from maoni.comments import confirmations
from maoni.notifications import services

LINK_FAILURES = {
    ConfirmationFailure.EXPIRED: gettext_lazy(
        "This confirmation link has expired: links work for three days. To get a new one, "
        "tick “Notify me by e-mail when someone replies” under your next comment."
    ),
    ConfirmationFailure.BROKEN: gettext_lazy(
        "This confirmation link is not valid. Check that the whole address from the e-mail "
        "was copied. A link for a comment that has since been removed no longer works."
    ),
}


# Opening the link only shows a button; the POST it sends unsubscribes, as
# does the one-click POST of RFC 8058 (body "List-Unsubscribe=One-Click")
# that mail programs send. Mail systems that fetch every link in a message
# to check it would otherwise unsubscribe the reader. No CSRF check: mail
# programs post without a cookie, and the signed token in the address is
# what proves the request came from the mail.
@csrf_exempt
@require_http_methods(["GET", "POST"])
def unsubscribe(request: HttpRequest, token: str) -> HttpResponse:
    """Asks the reader to confirm; on POST stops reply notices to their address."""
    try:
        if request.method == "GET":
            services.unsubscribe_address(token=token)
            return render(request, "notifications/unsubscribe.html")
        services.address_unsubscribe(token=token)
    except services.UnsubscribeLinkInvalid:
        message = _(
            "This unsubscribe link is not valid. Check that the whole address from the e-mail "
            "was copied. A link from an e-mail about a comment that has since been removed no "
            "longer works; the link in any newer e-mail does."
        )
        return render(
            request, "notifications/unsubscribe_invalid.html", {"message": message}, status=400
        )
    return render(request, "notifications/unsubscribed.html")


# As with unsubscribing, opening the link only shows a button: mail systems
# that fetch every link to check it must not confirm an address its owner
# never saw the mail of. No CSRF check, for the same reason as above.
@csrf_exempt
@require_http_methods(["GET", "POST"])
def confirm(request: HttpRequest, token: str) -> HttpResponse:
    """Asks the reader to confirm their address; on POST confirms it for reply notices."""
    try:
        if request.method == "GET":
            confirmations.confirmation_check(token=token)
            return render(request, "notifications/confirm.html")
        confirmations.address_confirm(token=token)
    except ConfirmationInvalid as invalid:
        context = {"message": LINK_FAILURES[invalid.reason]}
        return render(request, "notifications/confirm_invalid.html", context, status=400)
    return render(request, "notifications/confirmed.html")
