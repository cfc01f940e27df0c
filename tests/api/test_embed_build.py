"""The committed embed scripts are the build of their sources, and small.

The rebuild needs Node and npm (``make embed``); it is skipped where they are
missing, except in CI (CI=true), where .ci/run installs them.
"""

from __future__ import annotations

import gzip
import os
import re
import shutil
import subprocess
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[2]
BUILT = ROOT / "maoni" / "static" / "maoni"
SOURCES = ROOT / "embed"
SCRIPTS = ("embed.js", "count.js")
# What the widget may weigh on a reader's connection.
GZIPPED_LIMIT = 15 * 1024


@pytest.mark.parametrize("name", SCRIPTS)
def test_the_built_script_is_small_once_gzipped(name: str) -> None:
    size = len(gzip.compress((BUILT / name).read_bytes(), compresslevel=9))
    assert size <= GZIPPED_LIMIT, f"{name} is {size} bytes gzipped"


def test_the_committed_build_matches_a_fresh_one(tmp_path: Path) -> None:
    if shutil.which("node") is None or shutil.which("npm") is None:
        if os.environ.get("CI"):
            pytest.fail("Node and npm are not installed; .ci/run should have installed them.")
        pytest.skip("Node and npm are not installed (apt-get install nodejs npm).")
    if not (SOURCES / "node_modules" / "terser").is_dir():
        subprocess.run(
            ["npm", "ci", "--no-audit", "--no-fund", "--silent"],
            cwd=SOURCES,
            check=True,
            timeout=300,
        )
    subprocess.run(["node", "build.mjs", str(tmp_path)], cwd=SOURCES, check=True, timeout=120)
    for name in SCRIPTS:
        assert (tmp_path / name).read_bytes() == (BUILT / name).read_bytes(), (
            f"maoni/static/maoni/{name} is not the build of embed/src/: run `make embed`."
        )


def test_the_widget_sets_no_reader_text_as_html() -> None:
    """Only a comment's ``html``, rendered and sanitised by the server, goes in as HTML."""
    sources = "\n".join(path.read_text() for path in sorted((SOURCES / "src").glob("*.js")))
    assigned = [line.strip() for line in sources.splitlines() if "innerHTML" in line]
    assert assigned, "the widget shows comments' html"
    for line in assigned:
        assert re.fullmatch(r"\w+\.innerHTML = [\w.]+\.html; // .*", line), line
    assert "insertAdjacentHTML" not in sources
    assert "outerHTML" not in sources
    assert "document.write" not in sources


def test_other_sites_keep_the_plain_named_scripts_a_day(client) -> None:
    for script in ("embed.js", "count.js"):
        response = client.get(f"/static/maoni/{script}")
        assert response.status_code == 200
        assert response["Cache-Control"] == "public, max-age=86400, stale-while-revalidate=604800"
        assert response["Access-Control-Allow-Origin"] == "*"
