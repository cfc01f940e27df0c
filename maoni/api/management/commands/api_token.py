"""``manage.py api_token``: make, list and revoke the API tokens of moderators."""

from __future__ import annotations

from typing import Any

from django.contrib.auth import get_user_model
from django.core.management.base import BaseCommand, CommandError, CommandParser

from maoni.api.models import ApiToken


class Command(BaseCommand):
    help = "Makes (shown once), lists or revokes per-user tokens for the moderation API."

    def add_arguments(self, parser: CommandParser) -> None:
        actions = parser.add_subparsers(dest="action", required=True)
        make = actions.add_parser("make", help="Make a token for a user who may moderate.")
        make.add_argument("username")
        make.add_argument("--name", default="moderation API", help="What the token is for.")
        actions.add_parser("list", help="List the tokens, by the characters they begin with.")
        revoke = actions.add_parser("revoke", help="Revoke the token that begins so.")
        revoke.add_argument("beginning")

    def handle(self, *args: Any, **options: Any) -> None:
        action = options["action"]
        if action == "make":
            self._make(options["username"], options["name"])
        elif action == "list":
            for row in ApiToken.objects.select_related("user").order_by("created"):
                used = row.last_used.isoformat() if row.last_used else "never used"
                self.stdout.write(
                    f"{row.beginning}…  {row.user.get_username()}  {row.name}  {used}"
                )
        else:
            deleted, _by_model = ApiToken.objects.filter(beginning=options["beginning"]).delete()
            if not deleted:
                raise CommandError(f"No token begins with {options['beginning']!r}.")
            self.stdout.write(f"Revoked {deleted} token(s).")

    def _make(self, username: str, name: str) -> None:
        user = get_user_model().objects.filter(username=username).first()
        if user is None:
            raise CommandError(f"No user is called {username!r}.")
        if not user.has_perm("comments.moderate_comment"):
            raise CommandError(
                f"{username} may not moderate comments: add them to the Moderators or Editors "
                "group first."
            )
        _row, token = ApiToken.make(user=user, name=name)
        self.stdout.write(token)
        self.stderr.write("Keep it now: it is not stored and cannot be shown again.")
