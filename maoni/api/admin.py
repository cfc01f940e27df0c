from __future__ import annotations

from typing import Any

from django.contrib import admin, messages
from django.forms import ModelForm
from django.http import HttpRequest
from django.utils.translation import gettext as _

from maoni.api.models import ApiToken, new_token, token_digest


@admin.register(ApiToken)
class ApiTokenAdmin(admin.ModelAdmin[ApiToken]):
    """Tokens are made here and shown once; only their digest is kept."""

    list_display = ("name", "user", "beginning", "created", "last_used")
    fields = ("user", "name", "beginning", "created", "last_used")
    readonly_fields = ("beginning", "created", "last_used")
    autocomplete_fields = ("user",)

    def save_model(
        self, request: HttpRequest, obj: ApiToken, form: ModelForm[Any], change: bool
    ) -> None:
        if change:
            super().save_model(request, obj, form, change)
            return
        token = new_token()
        obj.digest, obj.beginning = token_digest(token), token[:12]
        super().save_model(request, obj, form, change)
        messages.warning(
            request,
            _(
                "The new token is %(token)s — copy it now: it is not kept and will not be shown "
                "again."
            )
            % {"token": token},
        )
