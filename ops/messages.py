"""Collect Maoni's English strings and say which have no Swahili yet.

    python ops/messages.py check [--with PART.po ...] [--under PATH ...]
    python ops/messages.py update [--with PART.po ...]

``check`` copies the code and the catalog into a scratch directory, runs
Django's ``makemessages`` there (so the checkout is never touched), fills the
result from the committed catalog and any ``--with`` files, and prints every
message that is still untranslated or fuzzy, exiting 1 if there is one.
``--under`` limits the report to messages found in those paths.

``update`` does the same, then writes the filled catalog over
``locale/sw/LC_MESSAGES/django.po`` and compiles ``django.mo`` beside it.

Needs GNU gettext (xgettext, msgmerge, msgattrib, msgfmt).
"""

from __future__ import annotations

import argparse
import os
import shutil
import subprocess
import sys
import tempfile
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
CATALOG = Path("locale/sw/LC_MESSAGES/django.po")
# The files makemessages reads: templates, mail texts and Python.
EXTENSIONS = "html,txt,py"


def collect(scratch: Path, parts: list[Path]) -> Path:
    """The catalog makemessages makes from the code in ``scratch``, filled from the parts."""
    shutil.copytree(ROOT / "maoni", scratch / "maoni", ignore=shutil.ignore_patterns("static"))
    shutil.copy(ROOT / "manage.py", scratch / "manage.py")
    catalog = scratch / CATALOG
    catalog.parent.mkdir(parents=True)
    if (ROOT / CATALOG).exists():
        shutil.copy(ROOT / CATALOG, catalog)
    environ = {**os.environ, "DJANGO_SETTINGS_MODULE": "maoni.settings", "PYTHONPATH": ""}
    _run(
        [
            sys.executable,
            "manage.py",
            "makemessages",
            "--locale",
            "sw",
            "--extension",
            EXTENSIONS,
            "--add-location",
            "file",
            "--no-obsolete",
            "--ignore",
            "static/*",
        ],
        cwd=scratch,
        env=environ,
    )
    if parts:
        # The parts' translations first, then the catalog's own, merged into
        # the fresh catalog. (msgmerge --compendium would keep the catalog's
        # empty plural entries over the parts' translated ones.)
        known = scratch / "known.po"
        _run(["msgcat", "--use-first", "-o", str(known), *map(str, parts), str(catalog)])
        merge = ["msgmerge", "--quiet", "--no-fuzzy-matching", "--add-location=file"]
        _run([*merge, "-o", str(catalog), str(known), str(catalog)])
    return catalog


def missing(catalog: Path, under: list[str]) -> list[str]:
    """Messages with no translation or a fuzzy one, as ``location: msgid`` lines."""
    found = []
    for flag in ("--untranslated", "--only-fuzzy"):
        text = _run(["msgattrib", flag, "--no-wrap", str(catalog)])
        found.extend(_entries(text))
    return [line for line in found if not under or any(path in line for path in under)]


def _entries(po: str) -> list[str]:
    entries, where = [], ""
    for line in po.splitlines():
        if line.startswith("#: "):
            where = line[3:]
        elif line.startswith("msgid ") and line != 'msgid ""':
            entries.append(f"{where}: {line[6:]}")
    return entries


def _run(command: list[str], **kwargs: object) -> str:
    # The commands are this script's own, with paths it made.
    done = subprocess.run(  # type: ignore[call-overload]  # noqa: S603
        command, capture_output=True, text=True, check=False, **kwargs
    )
    if done.returncode != 0:
        sys.exit(f"{' '.join(command[:3])} failed:\n{done.stderr}")
    return str(done.stdout)


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("action", choices=("check", "update"))
    parser.add_argument("--with", dest="parts", action="append", type=Path, default=[])
    parser.add_argument("--under", action="append", default=[])
    arguments = parser.parse_args()
    with tempfile.TemporaryDirectory() as scratch:
        catalog = collect(Path(scratch), arguments.parts)
        left = missing(catalog, arguments.under)
        if arguments.action == "update":
            shutil.copy(catalog, ROOT / CATALOG)
            _run(
                [
                    "msgfmt",
                    "--check",
                    "-o",
                    str(ROOT / CATALOG.with_suffix(".mo")),
                    str(ROOT / CATALOG),
                ]
            )
    for line in left:
        print(line)
    print(f"{len(left)} message(s) without Swahili", file=sys.stderr)
    return 1 if left else 0


if __name__ == "__main__":
    sys.exit(main())
