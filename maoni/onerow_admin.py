"""The admin of a settings table of one row (``maoni.onerow``)."""

from __future__ import annotations

from typing import Any

from django.contrib import admin
from django.http import HttpRequest, HttpResponse, HttpResponseRedirect
from django.urls import reverse


class OneRowAdmin(admin.ModelAdmin[Any]):
    """The admin of a one-row settings table: its list is its single row."""

    def changelist_view(self, request: HttpRequest, extra_context: object = None) -> HttpResponse:
        row = self.model.load()
        meta = self.model._meta
        return HttpResponseRedirect(
            reverse(f"admin:{meta.app_label}_{meta.model_name}_change", args=[row.pk])
        )

    def has_add_permission(self, request: HttpRequest) -> bool:
        return False

    def has_delete_permission(self, request: HttpRequest, obj: object = None) -> bool:
        return False
