"""The newsroom's roles, as Django groups that every install has.

reader         a registered user in no group: comments under their own name
moderator      works the moderation queue; opens, closes and hides comments; sees
               whether an author gave an address and their history, not the address
editor         a moderator who also writes articles and sets comment settings, and
               sees commenters' and reporters' e-mail addresses
administrator  a superuser: everything, including accounts and roles
"""

from __future__ import annotations

from collections.abc import Collection, Sequence
from typing import Any

from django.contrib.auth.models import Group, Permission

MODERATORS = "Moderators"
EDITORS = "Editors"

_MODERATOR_PERMISSIONS = [
    "comments.moderate_comment",
    "comments.view_comment",
    "articles.view_article",
    "articles.set_comment_mode",
]
_EDITOR_PERMISSIONS = [
    *_MODERATOR_PERMISSIONS,
    "articles.add_article",
    "articles.change_article",
    "articles.delete_article",
    "comments.see_addresses",
    "comments.view_commentsettings",
    "comments.change_commentsettings",
    "moderation.view_spamsettings",
    "moderation.change_spamsettings",
    "comments.view_site",
    "comments.add_site",
    "comments.change_site",
]
ROLES = {MODERATORS: _MODERATOR_PERMISSIONS, EDITORS: _EDITOR_PERMISSIONS}


def _permissions(names: list[str]) -> list[Permission]:
    found = []
    for name in names:
        app_label, codename = name.split(".")
        found.append(Permission.objects.get(content_type__app_label=app_label, codename=codename))
    return found


def ensure_roles(**kwargs: Any) -> None:
    """Creates the role groups and gives them their permissions (after migrate)."""
    for name, permissions in ROLES.items():
        group, _created = Group.objects.get_or_create(name=name)
        group.permissions.add(*_permissions(permissions))


SEE_ADDRESSES = "comments.see_addresses"


def sees_addresses(user: Any) -> bool:
    """Whether ``user``'s role needs commenters' and reporters' e-mail addresses (see above)."""
    return bool(user.has_perm(SEE_ADDRESSES))


def shown_fields(fields: Sequence[Any], user: Any, private: Collection[str]) -> list[Any]:
    """The admin's ``fields`` for ``user``, the ``private`` ones only if they see addresses."""
    if sees_addresses(user):
        return list(fields)
    return [field for field in fields if field not in private]
