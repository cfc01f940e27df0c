"""The user admin, accepting the names readers register with.

Django's own user forms allow only letters, digits and @.+-_ in a username,
so staff could not save a reader called "Amina Otieno". These forms check a
name by the registration rules instead.
"""

from __future__ import annotations

from typing import Any

from django import forms
from django.contrib import admin
from django.contrib.auth.admin import UserAdmin
from django.contrib.auth.forms import AdminUserCreationForm, UserChangeForm
from django.contrib.auth.models import User

from maoni.accounts.names import name_problem, normalise_name
from maoni.accounts.services import name_problem_message


class ReaderName(forms.CharField):
    """A username as registration accepts it: normalised, by the reader-name rules."""

    def clean(self, value: Any) -> str:
        name = normalise_name(super().clean(value) or "")
        problem = name_problem(name)
        if problem is not None:
            raise forms.ValidationError(name_problem_message(problem))
        return name


class ReaderNameMixin:
    """Swaps the username field, and keeps the model's narrower validator from running."""

    fields: dict[str, forms.Field]

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["username"] = ReaderName(label=self.fields["username"].label, max_length=150)

    def _get_validation_exclusions(self) -> set[str]:
        return {*super()._get_validation_exclusions(), "username"}  # type: ignore[misc]


class ReaderChangeForm(ReaderNameMixin, UserChangeForm[User]):
    pass


class ReaderCreationForm(ReaderNameMixin, AdminUserCreationForm):
    pass


admin.site.unregister(User)


@admin.register(User)
class ReaderAdmin(UserAdmin[User]):
    form = ReaderChangeForm
    add_form = ReaderCreationForm
