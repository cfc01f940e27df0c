"""What a flood of posts from one address costs the server, and its readers.

    make bench-flood

Starts Maoni as `make run` does (granian, one worker per core, a fresh SQLite
database with the demo content) on a loopback port, then measures for the
same length of time:

1. baseline: an ordinary reader loads the article page twice a second;
2. flood: the same reader, while one client sends 500 comment posts a minute
   (each with a valid CSRF token, as a script that read the page would).

It prints the server's CPU use in each phase (from /proc: user + system time
of granian and its workers, as a share of one core), the flood's answers by
status, and the reader's page time. The target: the flood costs the server
less than 10 % of a core, and the reader's page stays fast. Only loopback
addresses are used, and every loop is bounded.
"""

from __future__ import annotations

import http.cookiejar
import os
import re
import shutil
import signal
import statistics
import subprocess
import sys
import tempfile
import threading
import time
import urllib.error
import urllib.parse
import urllib.request
from collections import Counter
from pathlib import Path

from processes import cpu_seconds, free_port

ROOT = Path(__file__).resolve().parent.parent
PYTHON = ROOT / ".venv" / "bin" / "python"
GRANIAN = ROOT / ".venv" / "bin" / "granian"
ARTICLE = "/news/kisumu-lakefront-night-market/"
SECONDS = 30
POSTS_PER_MINUTE = 500
READS_PER_SECOND = 2


def reader(base: str, stop: threading.Event, times: list[float]) -> None:
    """Loads the article page at a steady pace until told to stop."""
    while not stop.is_set():
        started = time.perf_counter()
        with urllib.request.urlopen(base + ARTICLE, timeout=10) as response:
            response.read()
        times.append(time.perf_counter() - started)
        stop.wait(max(0.0, 1 / READS_PER_SECOND - (time.perf_counter() - started)))


def flooder(base: str, stop: threading.Event, answers: Counter[int]) -> None:
    """Sends comment posts from one client at POSTS_PER_MINUTE until told to stop."""
    jar = http.cookiejar.CookieJar()
    opener = urllib.request.build_opener(urllib.request.HTTPCookieProcessor(jar))
    with opener.open(base + ARTICLE, timeout=10) as response:
        page = response.read().decode()
    token = re.search(r'name="csrfmiddlewaretoken" value="([^"]+)"', page)
    assert token is not None
    interval = 60 / POSTS_PER_MINUTE
    number = 0
    while not stop.is_set():
        started = time.perf_counter()
        data = urllib.parse.urlencode(
            {
                "csrfmiddlewaretoken": token.group(1),
                "name": "Cheap Loans",
                "body": f"Instant loans, no papers! Offer {number}",
                "captcha_id": "x",
                "captcha_answer": "7",
                "op": "save",
            }
        ).encode()
        request = urllib.request.Request(
            base + f"{ARTICLE}comment/", data=data, headers={"Referer": base + ARTICLE}
        )
        try:
            with opener.open(request, timeout=10) as response:
                answers[response.status] += 1
        except urllib.error.HTTPError as error:
            answers[error.code] += 1
        number += 1
        stop.wait(max(0.0, interval - (time.perf_counter() - started)))


def phase(base: str, server_pid: int, *, flood: bool) -> tuple[float, list[float], Counter[int]]:
    stop = threading.Event()
    times: list[float] = []
    answers: Counter[int] = Counter()
    threads = [threading.Thread(target=reader, args=(base, stop, times))]
    if flood:
        threads.append(threading.Thread(target=flooder, args=(base, stop, answers)))
    before = cpu_seconds(server_pid)
    for thread in threads:
        thread.start()
    time.sleep(SECONDS)
    stop.set()
    for thread in threads:
        thread.join(timeout=30)
    used = cpu_seconds(server_pid) - before
    return used / SECONDS, times, answers


def main() -> int:
    if not GRANIAN.exists():
        print("Run `make run` (or `make install`) once first: .venv has no granian.")
        return 1
    var = Path(tempfile.mkdtemp(prefix="maoni-bench-flood-"))
    env = {**os.environ, "MAONI_VAR_DIR": str(var), "MAONI_LOG_LEVEL": "ERROR"}
    for command in (
        ["migrate", "--noinput"],
        ["collectstatic", "--noinput"],
        ["train_filter", "--if-empty"],
        ["load_demo"],
    ):
        subprocess.run(
            [PYTHON, "manage.py", *command],
            env=env,
            cwd=ROOT,
            stdout=subprocess.DEVNULL,
            check=True,
        )
    port = free_port()
    base = f"http://127.0.0.1:{port}"
    workers = os.cpu_count() or 2
    server = subprocess.Popen(
        [GRANIAN, "--interface", "wsgi", "--host", "127.0.0.1", "--port", str(port),
         "--workers", str(workers), "--blocking-threads", "2", "maoni.wsgi:application"],
        env=env, cwd=ROOT, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL,
    )  # fmt: skip
    try:
        for _attempt in range(100):
            try:
                urllib.request.urlopen(base + ARTICLE, timeout=2).read()
                break
            except OSError:
                time.sleep(0.2)
        print(f"Maoni on {base} (granian, {workers} workers), {SECONDS} s a phase.")
        idle_cpu, idle_times, _ = phase(base, server.pid, flood=False)
        flood_cpu, flood_times, answers = phase(base, server.pid, flood=True)
    finally:
        server.send_signal(signal.SIGINT)
        try:
            server.wait(timeout=15)
        except subprocess.TimeoutExpired:
            server.kill()
        shutil.rmtree(var, ignore_errors=True)

    def ms(values: list[float], q: int) -> float:
        return statistics.quantiles(values, n=100)[q - 1] * 1000 if len(values) > 1 else 0.0

    sent = sum(answers.values())
    extra = flood_cpu - idle_cpu
    print(f"\n{'phase':<28} {'server CPU':>11} {'page p50':>9} {'page p95':>9}")
    for name, cpu, times in [
        ("reader alone", idle_cpu, idle_times),
        ("reader + flood", flood_cpu, flood_times),
    ]:
        print(f"{name:<28} {cpu:>10.1%} {ms(times, 50):>7.1f}ms {ms(times, 95):>7.1f}ms")
    print(
        f"\nFlood: {sent} posts in {SECONDS} s ({sent * 60 / SECONDS:.0f} a minute) from one "
        f"address; answers: "
        + ", ".join(f"{count} × {status}" for status, count in sorted(answers.items()))
    )
    before, during = ms(idle_times, 50), ms(flood_times, 50)
    print(
        f"The flood cost the server {extra:.1%} of a core "
        f"({'under' if extra < 0.10 else 'NOT under'} the 10 % target); "
        f"the reader's median page time went from {before:.1f} to {during:.1f} ms "
        f"(×{during / max(before, 0.001):.2f})."
    )
    return 0


if __name__ == "__main__":
    sys.exit(main())
