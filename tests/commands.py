"""Running Maoni's Python in a process of its own, as an operator's shell would."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]


def finished(environ: dict[str, str], *arguments: str) -> subprocess.CompletedProcess[str]:
    """Runs ``python *arguments`` in the project folder and returns how it ended."""
    return subprocess.run(
        [sys.executable, *arguments],
        cwd=ROOT,
        env=environ,
        capture_output=True,
        text=True,
        timeout=300,
        check=False,
    )


def run(environ: dict[str, str], *arguments: str) -> str:
    """Runs ``python *arguments`` in the project folder; its output, or a failed test."""
    done = finished(environ, *arguments)
    assert done.returncode == 0, done.stdout + done.stderr
    return done.stdout
