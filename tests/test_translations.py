"""Every English string readers, authors and moderators see has its Swahili.

``ops/messages.py check`` collects the strings from the code as Django's
``makemessages`` does, in a scratch copy, and lists those the committed
catalog does not translate: a new English string without Swahili fails here.
"""

from __future__ import annotations

import gettext
import os
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent
CATALOG = ROOT / "locale" / "sw" / "LC_MESSAGES" / "django.po"

if shutil.which("xgettext") is None and not os.environ.get("CI"):
    pytest.skip("needs GNU gettext (Debian: gettext)", allow_module_level=True)


def test_every_message_has_its_swahili():
    done = subprocess.run(
        [sys.executable, "ops/messages.py", "check"],
        cwd=ROOT, capture_output=True, text=True, check=False,
    )  # fmt: skip
    assert done.returncode == 0, (
        "Messages without Swahili (run `make messages`, then translate them in "
        f"{CATALOG.relative_to(ROOT)}):\n{done.stdout}{done.stderr}"
    )


def test_the_catalog_keeps_every_placeholder_and_compiles():
    done = subprocess.run(
        ["msgfmt", "--check", "--statistics", "-o", os.devnull, str(CATALOG)],
        capture_output=True, text=True, check=False,
    )  # fmt: skip
    assert done.returncode == 0, done.stderr
    assert "untranslated" not in done.stderr
    assert "fuzzy" not in done.stderr


def test_the_compiled_catalog_is_the_committed_one(tmp_path: Path):
    fresh = tmp_path / "django.mo"
    subprocess.run(["msgfmt", "-o", str(fresh), str(CATALOG)], check=True)
    with fresh.open("rb") as made, CATALOG.with_suffix(".mo").open("rb") as committed:
        expected = gettext.GNUTranslations(made)._catalog  # type: ignore[attr-defined]
        found = gettext.GNUTranslations(committed)._catalog  # type: ignore[attr-defined]
    assert found == expected, "django.mo is older than django.po: run `make messages`"
