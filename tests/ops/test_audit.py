"""The dependency audit counts what it really checked, and says when it checked nothing."""

from __future__ import annotations

import importlib.util
import json
import subprocess
from pathlib import Path
from types import ModuleType
from typing import Any

import pytest

SCRIPT = Path(__file__).resolve().parents[2] / "ops" / "audit.py"


def load() -> ModuleType:
    spec = importlib.util.spec_from_file_location("ops_audit", SCRIPT)
    assert spec is not None
    assert spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


def answering(report: dict[str, Any] | None) -> Any:
    def run(*_args: Any, **_kwargs: Any) -> subprocess.CompletedProcess[str]:
        out = json.dumps(report) if report is not None else ""
        return subprocess.CompletedProcess([], 0, stdout=out, stderr="ConnectionError: no route")

    return run


@pytest.mark.parametrize(
    ("report", "status", "said"),
    [
        (
            {"dependencies": [{"name": "django", "version": "5.2", "vulns": []}]},
            0,
            "1 packages checked, 0 known",
        ),
        (
            {
                "dependencies": [
                    {
                        "name": "django",
                        "version": "5.2",
                        "vulns": [{"id": "GHSA-xxxx", "fix_versions": ["5.2.1"]}],
                    }
                ]
            },
            1,
            "VULNERABLE django 5.2: GHSA-xxxx (fixed in 5.2.1)",
        ),
        (
            {"dependencies": [{"name": "django", "version": "5.2", "skip_reason": "not found"}]},
            2,
            "NOT CHECKED: 1 packages could not be looked up",
        ),
        (None, 2, "pip-audit could not run: ConnectionError: no route"),
    ],
)
def test_the_audit_says_what_it_checked(monkeypatch, capsys, report, status, said) -> None:
    audit = load()
    monkeypatch.setattr(audit.subprocess, "run", answering(report))
    assert audit.main(["requirements.lock"]) == status
    assert said in capsys.readouterr().out
