"""How often a reader may ask Maoni to mail them a link.

A new confirmation link and a password reset are mailed to whatever
address is typed, so without a limit the forms would mail a stranger as
often as someone cared to click. Each address, and each client (a keyed
hash of its network, never the address), has an allowance of mails an hour
per purpose, counted in the same token buckets as comments
(``moderation.buckets``: Redis when configured, else the database).
"""

from __future__ import annotations

import math

from django.conf import settings
from django.http import HttpRequest
from django.utils.translation import ngettext

from maoni.moderation import buckets, ratelimit
from maoni.moderation.client_keys import client_key_on
from maoni.moderation.clients import request_address

# One address: three links an hour (a reader who lost one mail, then another).
PER_ADDRESS = ratelimit.Limit(per_hour=3, burst=3)
# One client: a shared office or café network asks for more than one address.
PER_CLIENT = ratelimit.Limit(per_hour=10, burst=5)


def take(request: HttpRequest, *, purpose: str, email: str) -> int:
    """Counts one mail of ``purpose`` to ``email``; returns 0, or the seconds to wait."""
    address = request_address(request.META, settings.MAONI_TRUSTED_PROXIES)
    client = client_key_on(address)
    return buckets.take(
        [
            (f"mail:{purpose}:email:{email.strip().lower()}", PER_ADDRESS),
            (f"mail:{purpose}:client:{client}", PER_CLIENT),
        ]
    )


def wait_message(wait: int) -> str:
    """The sentence a refused reader reads: the limit, and when to ask again."""
    minutes = max(1, math.ceil(wait / 60))
    return ngettext(
        "Links are mailed at most %(per_hour)d times an hour to one address, and a few "
        "more from one network, and that many were asked for already. Nothing was sent; "
        "ask again in %(minutes)d minute, and check your spam folder meanwhile.",
        "Links are mailed at most %(per_hour)d times an hour to one address, and a few "
        "more from one network, and that many were asked for already. Nothing was sent; "
        "ask again in %(minutes)d minutes, and check your spam folder meanwhile.",
        minutes,
    ) % {"per_hour": PER_ADDRESS.per_hour, "minutes": minutes}
