"""Checks the locked dependencies against a vulnerability database, and says when it could not.

    make audit      (python ops/audit.py requirements.lock [more.lock …])

Runs pip-audit (installed by ``make audit`` in a venv of its own, so it is
not one of Maoni's dependencies) on each lock file as it stands, without
installing anything. pip-audit reports "no known vulnerabilities" even when
it could look none of the packages up (no database reachable, as on a
machine that reaches only a package mirror): this counts what it really
checked, and exits

- 0 when every package was checked and none has a known vulnerability,
- 1 when one has (each is printed with its advisory and the fixed versions),
- 2 when packages could not be checked, saying which and why.
"""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

AUDIT = Path(sys.executable).with_name("pip-audit")


def audit(lock: str) -> tuple[int, int, list[str]]:
    """Packages checked, packages not checked, and the vulnerabilities found, as lines."""
    # The lock file names come from the Makefile, not from a request.
    done = subprocess.run(  # noqa: S603
        [str(AUDIT), "-r", lock, "--no-deps", "--disable-pip", "--progress-spinner", "off",
         "-f", "json"],
        capture_output=True, text=True, check=False,
    )  # fmt: skip
    try:
        report = json.loads(done.stdout)
    except json.JSONDecodeError:
        last = (done.stderr.strip().splitlines() or ["no output"])[-1]
        print(f"{lock}: pip-audit could not run: {last}")
        return 0, -1, []
    checked = unchecked = 0
    found = []
    for package in report.get("dependencies", []):
        if package.get("skip_reason"):
            unchecked += 1
            continue
        checked += 1
        for vulnerability in package.get("vulns", []):
            fixed = ", ".join(vulnerability.get("fix_versions", [])) or "none yet"
            found.append(
                f"{package['name']} {package['version']}: {vulnerability['id']} (fixed in {fixed})"
            )
    return checked, unchecked, found


def main(locks: list[str]) -> int:
    worst = 0
    for lock in locks:
        checked, unchecked, found = audit(lock)
        for line in found:
            print(f"VULNERABLE {line}")
        if found:
            worst = max(worst, 1)
        if unchecked:
            why = "pip-audit failed" if unchecked < 0 else f"{unchecked} packages"
            print(
                f"{lock}: NOT CHECKED: {why} could not be looked up in a vulnerability "
                "database (none reachable from this machine?). Run `make audit` where "
                "pypi.org or osv.dev can be reached."
            )
            worst = 2 if worst == 0 else worst
        print(f"{lock}: {checked} packages checked, {len(found)} known vulnerabilities.")
    return worst


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:] or ["requirements.lock"]))
