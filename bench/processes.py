"""What the benchmarks need to know of the processes they start: ports, CPU time, memory."""

from __future__ import annotations

import os
import socket
import subprocess
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent

CLOCK_TICKS = os.sysconf("SC_CLK_TCK")


def free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return int(probe.getsockname()[1])


def process_tree(root_pid: int) -> list[int]:
    """A process and all its descendants, root first."""
    found: list[int] = []
    pending = [root_pid]
    while pending:
        pid = pending.pop(0)
        try:
            children = Path(f"/proc/{pid}/task/{pid}/children").read_text().split()
        except (FileNotFoundError, ProcessLookupError):
            continue
        found.append(pid)
        pending.extend(int(child) for child in children)
    return found


def cpu_seconds(root_pid: int) -> float:
    """User + system CPU time of a process and all its descendants, in seconds."""
    total = 0.0
    for pid in process_tree(root_pid):
        try:
            fields = Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()
        except (FileNotFoundError, ProcessLookupError):
            continue
        total += (int(fields[11]) + int(fields[12])) / CLOCK_TICKS
    return total


def run(environ: dict[str, str], *arguments: str) -> tuple[float, int, str]:
    """Runs one Python command in the project; returns its wall time, its peak memory
    (maximum resident set) in MB and its output. A command that fails stops the benchmark."""
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
    seconds = time.monotonic() - started
    if os.waitstatus_to_exitcode(status) != 0:
        raise SystemExit(f"{' '.join(arguments)} failed:\n{output}")
    return seconds, usage.ru_maxrss // 1024, output
