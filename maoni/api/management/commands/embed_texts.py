"""``manage.py embed_texts``: write the widget's words, in every language, into its source."""

from __future__ import annotations

from typing import Any

from django.conf import settings
from django.core.management.base import BaseCommand, CommandError, CommandParser

from maoni.api import widget_texts

TARGET = settings.BASE_DIR / "embed" / "src" / "texts.js"


class Command(BaseCommand):
    help = (
        "Writes embed/src/texts.js, the widget's texts in each language of settings.LANGUAGES "
        "from the compiled catalogs; run it after compilemessages, then `make embed`."
    )

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument(
            "--check",
            action="store_true",
            help="Write nothing; fail when embed/src/texts.js is not what the catalogs give.",
        )

    def handle(self, *args: Any, **options: Any) -> None:
        text = widget_texts.script()
        for code, _name in settings.LANGUAGES:
            missing = [] if code.startswith("en") else widget_texts.untranslated(code)
            for msgid in missing:
                self.stderr.write(f"{code}: no translation yet for {msgid!r}")
        if options["check"]:
            if TARGET.read_text(encoding="utf-8") != text:
                raise CommandError(f"{TARGET} is out of date: run `manage.py embed_texts`.")
            self.stdout.write(f"{TARGET} is up to date.")
            return
        TARGET.write_text(text, encoding="utf-8")
        self.stdout.write(f"Wrote {TARGET}; now `make embed` builds it into the scripts.")
