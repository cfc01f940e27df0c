"""What reading and importing a large WordPress export cost: time and peak memory.

    python bench/import.py [--comments 20000] [--sizes 5000,20000,100000]

Writes WordPress exports (WXR) of each of ``--sizes`` comments, 100 to a
post, a third of them replies, and reads each with the WordPress reader
under tracemalloc: the reader's peak should not grow with the file. Then
imports the ``--comments`` one with ``manage.py import_comments wordpress
--as-articles`` into a new SQLite database, in a process of its own, and
prints its wall time and peak memory (maximum resident set size).
"""

from __future__ import annotations

import argparse
import os
import subprocess
import sys
import tempfile
import time
import tracemalloc
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from maoni.imports.wordpress import WordPressReader  # noqa: E402
from tests.imports import wxr  # noqa: E402


def read(path: Path) -> tuple[int, float, int]:
    """Reads the export; returns its records, the seconds it took and the peak in bytes."""
    tracemalloc.start()
    started = time.monotonic()
    records = sum(1 for _record in WordPressReader(str(path)).records())
    seconds = time.monotonic() - started
    peak = tracemalloc.get_traced_memory()[1]
    tracemalloc.stop()
    return records, seconds, peak


def run(environ: dict[str, str], *arguments: str) -> tuple[float, int, str]:
    """Runs one command; returns its wall time, its peak memory in MB and its output."""
    started = time.monotonic()
    process = subprocess.Popen(
        [sys.executable, *arguments],
        cwd=ROOT,
        env=environ,
        stdout=subprocess.PIPE,
        stderr=subprocess.STDOUT,
        text=True,
    )
    assert process.stdout is not None
    output = process.stdout.read()
    _pid, status, usage = os.wait4(process.pid, 0)
    if os.waitstatus_to_exitcode(status) != 0:
        raise SystemExit(f"{' '.join(arguments)} failed:\n{output}")
    return time.monotonic() - started, usage.ru_maxrss // 1024, output


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--comments", type=int, default=20_000)
    parser.add_argument("--sizes", default="5000,20000,100000")
    options = parser.parse_args()
    environ = {
        key: value
        for key, value in os.environ.items()
        if key not in {"DATABASE_URL", "REDIS_URL", "DJANGO_SETTINGS_MODULE"}
    }
    environ["DJANGO_SETTINGS_MODULE"] = "maoni.settings"
    with tempfile.TemporaryDirectory(prefix="maoni-import-") as scratch:
        read(wxr.write_many(Path(scratch) / "warm.xml", 200))
        for size in [int(size) for size in options.sizes.split(",")]:
            path = wxr.write_many(Path(scratch) / f"{size}.xml", size)
            records, seconds, peak = read(path)
            megabytes = path.stat().st_size / 1e6
            print(
                f"read {size:>7,} comments ({megabytes:6.1f} MB): {records:>7,} records "
                f"{seconds:6.1f} s (under tracemalloc), peak {peak / 1024:7.0f} KiB"
            )
        path = wxr.write_many(Path(scratch) / "import.xml", options.comments)
        environ["MAONI_VAR_DIR"] = f"{scratch}/site"
        run(environ, "manage.py", "migrate", "--noinput", "--verbosity", "0")
        seconds, memory, output = run(
            environ, "manage.py", "import_comments", "wordpress", str(path), "--as-articles"
        )
        print(output.strip().splitlines()[-2])
        print(
            f"import_comments of {options.comments:,} comments: {seconds:.1f} s, "
            f"{options.comments / seconds:,.0f} a second, {memory} MB peak (RSS)"
        )


if __name__ == "__main__":
    main()
