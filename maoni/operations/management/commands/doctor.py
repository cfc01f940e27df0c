"""``manage.py doctor``: is this installation set up to keep comments safe?"""

from __future__ import annotations

from typing import Any

from django.core.management.base import BaseCommand, CommandError

from maoni.operations.health import examine


class Command(BaseCommand):
    help = (
        "Checks the configuration: database reachable, migrations applied, SQLite or "
        "PostgreSQL durability settings, read replicas standing by and keeping up, Redis "
        "reachable, Django's deployment checks."
    )

    def handle(self, *args: Any, **options: Any) -> None:
        findings = examine()
        for finding in findings:
            style = self.style.SUCCESS if finding.ok else self.style.ERROR
            self.stdout.write(style("ok     " if finding.ok else "PROBLEM") + " " + finding.text)
        problems = sum(not finding.ok for finding in findings)
        if problems:
            raise CommandError(f"{problems} problem(s) found.")
        self.stdout.write("Nothing wrong found.")
