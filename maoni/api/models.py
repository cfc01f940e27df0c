"""Per-user API tokens: how a newsroom's own tools act as one of its moderators."""

from __future__ import annotations

import hashlib
import secrets

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _

# What a token starts with, so that one pasted in the wrong place is recognised.
TOKEN_PREFIX = "maoni_"  # noqa: S105 (not a secret)


def new_token() -> str:
    """A new token, shown once to whoever made it."""
    return TOKEN_PREFIX + secrets.token_urlsafe(32)


def token_digest(token: str) -> str:
    return hashlib.sha256(token.encode()).hexdigest()


class ApiToken(models.Model):
    """A token acts as its user, with the user's permissions; only its digest is kept.

    The token itself is shown once, when it is made (in the admin or with
    ``manage.py api_token``); a lost one is revoked and a new one made.
    """

    user = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="api_tokens"
    )
    name = models.CharField(_("what it is for"), max_length=100)
    digest = models.CharField(max_length=64, unique=True, editable=False)
    # The token's first characters, to tell tokens apart in lists.
    beginning = models.CharField(_("begins with"), max_length=16, editable=False)
    created = models.DateTimeField(_("made"), auto_now_add=True)
    last_used = models.DateTimeField(_("last used"), null=True, blank=True, editable=False)

    class Meta:
        verbose_name = _("API token")
        verbose_name_plural = _("API tokens")

    def __str__(self) -> str:
        return f"{self.name} ({self.beginning}…)"

    @classmethod
    def make(cls, *, user: object, name: str) -> tuple[ApiToken, str]:
        """A new token for ``user``: the row, and the token to show once."""
        token = new_token()
        row = cls.objects.create(
            user=user, name=name, digest=token_digest(token), beginning=token[:12]
        )
        return row, token
