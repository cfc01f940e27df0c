"""Running Maoni's Python in a process of its own, as an operator's shell would."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]


def run(environ: dict[str, str], *arguments: str) -> str:
    """Runs ``python *arguments`` in the project folder; its output, or a failed test."""
    done = subprocess.run(
        [sys.executable, *arguments],
        cwd=ROOT,
        env=environ,
        capture_output=True,
        text=True,
        timeout=300,
        check=False,
    )
    assert done.returncode == 0, done.stdout + done.stderr
    return done.stdout
