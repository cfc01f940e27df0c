"""What the benchmarks need to know of the processes they start: ports and CPU time."""

from __future__ import annotations

import os
import socket
from pathlib import Path

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
