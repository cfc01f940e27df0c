"""Content-Security-Policy and Permissions-Policy on every answer Maoni gives.

Maoni's pages load script and style only from its own origin, as files:
no template holds an inline script, a style attribute or an event handler,
so the policy needs no nonce and a kept page (shared by every reader) can
carry it as it is. A script someone managed to inject into a page would not
run. Pages are framed by nobody (``frame-ancestors 'none'``), except those a
view opens to named origins by setting ``response.frame_ancestors`` (the
embed pages: the site's own origins). The API's browsable description
(``/api/v1/docs/``, Swagger UI) sets styles inline and keeps that one
allowance.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence

from django.http import HttpRequest, HttpResponseBase

CSP = "Content-Security-Policy"
PERMISSIONS = "Permissions-Policy"
# Powerful browser features no page of Maoni's uses.
PERMISSIONS_POLICY = (
    "camera=(), microphone=(), geolocation=(), payment=(), usb=(), serial=(), "
    "bluetooth=(), midi=(), browsing-topics=()"
)
API_DOCS = "/api/v1/docs/"


def policy(*, frame_ancestors: Sequence[str] = (), inline_styles: bool = False) -> str:
    """The Content-Security-Policy for one answer."""
    ancestors = " ".join(frame_ancestors) or "'none'"
    styles = "'self' 'unsafe-inline'" if inline_styles else "'self'"
    return (
        "default-src 'self'; script-src 'self'; "
        f"style-src {styles}; img-src 'self' data:; font-src 'self'; connect-src 'self'; "
        f"form-action 'self'; object-src 'none'; base-uri 'none'; frame-ancestors {ancestors}"
    )


STRICT = policy()


class PolicyHeaders:
    def __init__(self, get_response: Callable[[HttpRequest], HttpResponseBase]) -> None:
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponseBase:
        response = self.get_response(request)
        if CSP not in response:
            ancestors = getattr(response, "frame_ancestors", ())
            docs = request.path_info.startswith(API_DOCS)
            if ancestors or docs:
                response[CSP] = policy(frame_ancestors=ancestors, inline_styles=docs)
            else:
                response[CSP] = STRICT
        if PERMISSIONS not in response:
            response[PERMISSIONS] = PERMISSIONS_POLICY
        return response
