"""The privacy notice: what Maoni collects, why, for how long and who sees it.

Made from the settings in force (the contact fields asked for, how long
addresses are kept, whether held comments wait), so that it says what this
installation does, not what one might.
"""

from __future__ import annotations

from email.utils import parseaddr

from django.conf import settings
from django.http import HttpRequest, HttpResponse
from django.shortcuts import render
from django.views.decorators.http import require_GET

from maoni.comments.models import CommentSettings, Contact
from maoni.comments.moderating import RECOVERY_PERIOD
from maoni.comments.ownership import ANONYMOUS_WINDOW


@require_GET
def notice(request: HttpRequest) -> HttpResponse:
    comments = CommentSettings.load()
    context = {
        "asks_contact": comments.anonymous_contact != Contact.FORBIDDEN,
        "contact_required": comments.anonymous_contact == Contact.REQUIRED,
        "retention_days": settings.MAONI_ADDRESS_RETENTION_DAYS,
        "client_key_days": settings.MAONI_CLIENT_KEY_DAYS,
        "language_cookie": settings.LANGUAGE_COOKIE_NAME,
        "recovery_days": RECOVERY_PERIOD.days,
        "edit_minutes": int(ANONYMOUS_WINDOW.total_seconds() // 60),
        "from_email": parseaddr(settings.DEFAULT_FROM_EMAIL)[1],
        "first_comments_held": comments.first_comments_held,
    }
    return render(request, "privacy/notice.html", context)
