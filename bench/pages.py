"""Article pages under load: Maoni against a static ceiling (nginx) and Isso.

    make bench-pages                                  # also `make bench`
    BENCH_SECONDS=3 BENCH_ROUNDS=1 BENCH_DOCS=0 make bench-pages   # a quick look

Starts Maoni as `make run` does (granian, one worker per core) on a fresh
SQLite database seeded with three articles whose threads hold 50, 1,000 and
10,000 public comments, and beside it, on loopback ports:

- nginx, serving a saved copy of Maoni's own 50-comment page: the ceiling;
- Isso under gunicorn (its documented set-up, one worker per core, guard off)
  holding the same three threads with the same comments.

Then it measures, each run BENCH_SECONDS long (10 by default):

a) warm: wrk (-t 2 -c 32, no compression asked) on the 50-comment page, the
   first and last page of the 1,000- and 10,000-comment threads, the saved
   page on nginx and Isso's list of each thread; BENCH_ROUNDS rounds (3 by
   default) alternate the systems, and the median of the rounds is shown
   (Isso is restarted when it is still working off requests wrk gave up on);
b) cold: a Python loop that posts a comment through the real form (not timed)
   and then loads the page as a reader without cookies would (timed), so every
   timed request follows a new comment: page 1 of each thread, which the new
   comment is not on (the first one posted to the 50-comment article opens
   its page 2), and the page the new comment is on, its last page; each page
   of the big threads is compared with the same page of the 50-comment
   article. Isso's list through the same loop (Isso keeps no cache: every
   request of it is cold);
c) comment flow: 8 client threads post as fast as they can, on Maoni each
   comment with its own question and token from /comments/state/; Isso
   through POST /new. Every acknowledged comment is looked for in the database;
d) mixed: wrk on the 50-comment page while one client posts 5 comments a second
   into the same thread.

It prints a table, the peak memory of every server process, the targets met
and missed, and writes the same into docs/benchmarks.md (BENCH_DOCS=0 skips
that). nginx and wrk come from Debian (installed with apt-get when missing),
Isso and gunicorn from PyPI into a virtualenv kept in var/bench/isso-venv
(BENCH_ISSO_VENV moves it). Only loopback addresses are used, every loop is
bounded in time and count, and every process started is stopped at the end.
"""

from __future__ import annotations

import html
import http.client
import json
import math
import os
import random
import re
import shutil
import signal
import sqlite3
import statistics
import subprocess
import sys
import tempfile
import textwrap
import threading
import time
import urllib.parse
from collections.abc import Callable, Iterator
from contextlib import contextmanager, suppress
from dataclasses import dataclass, field, replace
from email.utils import parsedate_to_datetime
from http.cookies import CookieError, SimpleCookie
from pathlib import Path

from processes import cpu_seconds, free_port, process_tree

ROOT = Path(__file__).resolve().parent.parent
PYTHON = ROOT / ".venv" / "bin" / "python"
GRANIAN = ROOT / ".venv" / "bin" / "granian"
DOCS = ROOT / "docs" / "benchmarks.md"
ISSO_VENV = Path(os.environ.get("BENCH_ISSO_VENV", ROOT / "var" / "bench" / "isso-venv"))

SECONDS = float(os.environ.get("BENCH_SECONDS", "10"))
ROUNDS = int(os.environ.get("BENCH_ROUNDS", "3"))
WRITE_DOCS = os.environ.get("BENCH_DOCS", "1") != "0"
WRK_THREADS = 2
WRK_CONNECTIONS = 32
FLOW_CLIENTS = 8
MIXED_POSTS_PER_SECOND = 5
# Upper bounds on every Python loop, whatever the time allows.
COLD_MAX_REQUESTS = 400
FLOW_MAX_POSTS_PER_CLIENT = 2000
WORKERS = os.cpu_count() or 2

SIZES = (50, 1000, 10_000)
HEADING = "## `make bench-pages` (also `make bench`)"
# The JSON API's rows: the embed widget's read and its posting flow.
API = "Maoni API"
API_WARM = "warm: API, 1,000 comments, page 1"
API_SAVED = "warm: API JSON, page 1 (saved file)"
FLOOD_HEADING = "## `make bench-flood`"
SPAM_NOTE = (
    "For the benchmark, the spam settings let one address post without limit (client, "
    "e-mail and article limits of 1,000,000 an hour, bursts of 30,000) and the form's "
    "minimum time is 0 s, because the clients post from one address as fast as they "
    "can; every other check stays on (the math question on every comment, the hidden "
    "field, links, repeated texts, the filter)."
)


# --- the comments both systems hold -------------------------------------------------

SENTENCES = (
    "The county should publish the full budget before the next public meeting.",
    "I walked past the site on Saturday and the work has not even started.",
    "This is the third announcement of the same project in two years.",
    "Good news for the traders, if the lights are actually repaired this time.",
    "Who is going to pay for the extra security at night?",
    "My brother has a stall near the bus stage and he says business is slow.",
    "The article does not say how many residents were consulted.",
    "We have heard these promises before every election.",
    "Let us give the new officer a chance to show what she can do.",
    "The road to the market floods every April and nobody fixes the drains.",
    "Thank you for covering this, the other papers ignored it completely.",
    "I would like to know what the committee decided about the parking fees.",
    "Young people need jobs more than they need another stadium.",
    "The meeting was moved twice and many of us could not attend.",
    "Prices of tomatoes have doubled since the beginning of the month.",
    "Schools in our ward still have no running water.",
    "The matatu drivers were not asked about the new route at all.",
    "A review after three months is a sensible idea.",
    "Please check the figures again, they do not add up.",
    "My grandmother remembers when the lake came all the way to the road.",
    "The clinic opens at eight but the nurses arrive at ten.",
    "It is easy to criticise, but at least something is being done.",
    "Fishermen land their catch at dawn, so late trading means very little sleep.",
    "The boda boda riders will be happy with this decision.",
    "Someone should ask the ward representative where the money went.",
    "I support the plan, but the timeline is far too short.",
    "There is no mention of people living with disabilities in the proposal.",
    "The noise from the new bar keeps the whole estate awake.",
    "We need more reporting like this from the smaller towns.",
    "The last time they repaired the street lights, they worked for a week.",
    "Small businesses cannot survive another increase in licence fees.",
    "Our self-help group has been waiting for the grant since March.",
    "The bridge is dangerous for children walking to school.",
    "I hope the police will patrol the area as promised.",
    "Tourists complain about the rubbish on the beach every weekend.",
    "The farmers deserve a fair price for their maize.",
    "Why are the minutes of the meeting not online yet?",
    "This will bring life back to the town centre in the evenings.",
    "The old market was better organised than the new one.",
    "Many of the stalls are still empty after the rebuilding.",
    "Water rationing has made life very hard in our area.",
    "The contractor should be named in the article.",
)
FIRST_NAMES = (
    "Akinyi", "Otieno", "Wanjiru", "Kamau", "Nekesa", "Mutua", "Achieng", "Kiprono",
    "Njeri", "Omondi", "Chebet", "Mwangi", "Atieno", "Wafula", "Nyambura", "Kibet",
    "Amani", "Baraka", "Zawadi", "Juma", "Halima", "Salim", "Faith", "Brian",
    "Mercy", "Dennis", "Grace", "Kevin", "Esther", "Peter", "Lucy", "Samuel",
)  # fmt: skip
SURNAMES = (
    "Odhiambo", "Wambui", "Kariuki", "Ochieng", "Njoroge", "Mutiso", "Kiptoo",
    "Barasa", "Onyango", "Maina", "Koech", "Wekesa", "Adhiambo", "Mohamed", "Ndungu",
)  # fmt: skip
LONG_NAMES = (
    "Chama cha Wavuvi wa Dunga Beach",
    "Kisumu Residents' Welfare Association",
    "Mama Mboga of Kondele Market",
    "A Concerned Parent from Nyalenda",
)


def comment_text(rng: random.Random, extra: str = "") -> str:
    """A comment of a few sentences, sometimes in two paragraphs or with a line break."""
    sentences = rng.sample(SENTENCES, rng.randint(2, 5))
    if extra:
        sentences.append(extra)
    split = rng.randint(1, len(sentences) - 1)
    joint = rng.choice(("\n\n", "\n", " ", " "))
    return " ".join(sentences[:split]) + joint + " ".join(sentences[split:])


def author(rng: random.Random) -> tuple[str, str]:
    """A name (sometimes empty, sometimes long) and an e-mail address (sometimes empty)."""
    roll = rng.random()
    if roll < 0.08:
        return "", ""
    if roll < 0.12:
        name = rng.choice(LONG_NAMES)
    elif roll < 0.5:
        name = rng.choice(FIRST_NAMES)
    else:
        name = f"{rng.choice(FIRST_NAMES)} {rng.choice(SURNAMES)}"
    if rng.random() < 0.3:
        return name, ""
    local = re.sub(r"[^a-z]+", ".", name.lower()).strip(".")
    return name, f"{local}{rng.randint(1, 99)}@example.org"


def thread_comments(rng: random.Random, count: int, now: float) -> list[list[object]]:
    """[created, parent index or -1, author, e-mail, body] for each comment, oldest first.

    About three in four comments are top-level; the rest answer a recent
    comment, a few of them a reply (two levels deep).
    """
    times = sorted(rng.uniform(now - 6 * 86400, now - 600) for _ in range(count))
    comments: list[list[object]] = []
    top: list[int] = []
    first_level: list[int] = []
    for index, created in enumerate(times):
        roll = rng.random()
        parent = -1
        if top and roll < 0.07 and first_level:
            parent = rng.choice(first_level[-30:])
        elif top and roll < 0.25:
            parent = rng.choice(top[-30:])
        if parent < 0:
            top.append(index)
        elif parent in top:
            first_level.append(index)
        name, email = author(rng)
        comments.append([created, parent, name, email, comment_text(rng)])
    return comments


def generate_threads(rng: random.Random) -> list[dict[str, object]]:
    now = time.time()
    threads: list[dict[str, object]] = []
    for size in SIZES:
        body = "\n\n".join(
            " ".join(rng.sample(SENTENCES, 4)).replace("I ", "Residents ") for _ in range(5)
        )
        threads.append(
            {
                "slug": f"bench-{size}-comments",
                "title": f"A story with {size:,} comments",
                "byline": "Maoni benchmark desk",
                "body": body,
                "published": now - 7 * 86400,
                "comments": thread_comments(rng, size, now),
            }
        )
    return threads


# --- processes ----------------------------------------------------------------------


def status_kib(pid: int, key: str) -> int:
    """A memory figure (VmRSS, VmHWM) of a process from /proc, in KiB; 0 when gone."""
    try:
        for line in Path(f"/proc/{pid}/status").read_text().splitlines():
            if line.startswith(key + ":"):
                return int(line.split()[1])
    except (FileNotFoundError, ProcessLookupError):
        pass
    return 0


@dataclass
class Server:
    """A server run in its own process group, with its peak memory per process."""

    name: str
    command: list[str]
    log: Path
    env: dict[str, str] | None = None
    stop_signal: int = signal.SIGTERM
    process: subprocess.Popen[bytes] | None = None
    # pid -> highest resident size seen, in KiB, over every start.
    peaks: dict[int, int] = field(default_factory=dict)
    roots: set[int] = field(default_factory=set)

    @property
    def pid(self) -> int:
        assert self.process is not None
        return self.process.pid

    def start(self) -> None:
        with self.log.open("ab") as output:
            self.process = subprocess.Popen(
                self.command,
                env=self.env,
                cwd=ROOT,
                stdin=subprocess.DEVNULL,
                stdout=output,
                stderr=subprocess.STDOUT,
                start_new_session=True,
            )
        self.roots.add(self.process.pid)

    def sample(self) -> None:
        if self.process is None:
            return
        for pid in process_tree(self.process.pid):
            seen = max(status_kib(pid, "VmRSS"), status_kib(pid, "VmHWM"))
            self.peaks[pid] = max(self.peaks.get(pid, 0), seen)

    def memory(self) -> tuple[int, int, int]:
        """Peak of the main process and of the largest worker (KiB), and the worker count."""
        self.sample()
        main = max((kib for pid, kib in self.peaks.items() if pid in self.roots), default=0)
        workers = [kib for pid, kib in self.peaks.items() if pid not in self.roots]
        running = len(process_tree(self.pid)) - 1 if self.process is not None else 0
        return main, max(workers, default=0), running

    def wait_idle(self, limit: float = 180.0) -> bool:
        """Waits until the server is idle (under 5 % of a core for half a second).

        Servers go on working off requests a client gave up on; False when
        this one is still busy after ``limit`` seconds.
        """
        deadline = time.monotonic() + limit
        before = cpu_seconds(self.pid)
        while time.monotonic() < deadline:
            time.sleep(0.5)
            after = cpu_seconds(self.pid)
            if after - before < 0.5 * 0.05:
                return True
            before = after
        return False

    def stop(self) -> None:
        if self.process is None:
            return
        if self.process.poll() is None:
            with suppress(ProcessLookupError):
                self.process.send_signal(self.stop_signal)
            with suppress(subprocess.TimeoutExpired):
                self.process.wait(timeout=15)
        # Whatever of its group is left (workers of a main process that died).
        with suppress(ProcessLookupError, PermissionError):
            os.killpg(self.process.pid, signal.SIGKILL)
        with suppress(subprocess.TimeoutExpired):
            self.process.wait(timeout=5)


def wait_until_up(server: Server, port: int, path: str) -> None:
    for _attempt in range(300):
        if server.process is None or server.process.poll() is not None:
            break
        try:
            connection = http.client.HTTPConnection("127.0.0.1", port, timeout=30)
            connection.request("GET", path)
            connection.getresponse().read()
            connection.close()
            return
        except OSError:
            time.sleep(0.2)
    tail = server.log.read_text(errors="replace")[-3000:] if server.log.exists() else ""
    raise RuntimeError(f"{server.name} did not start on port {port}:\n{tail}")


def ensure_debian_tools() -> None:
    """Installs nginx and wrk from Debian when they are missing."""
    missing = [
        package
        for package, binary in (("nginx-light", "nginx"), ("wrk", "wrk"))
        if not (shutil.which(binary) or Path(f"/usr/sbin/{binary}").exists())
    ]
    if not missing:
        return
    if os.geteuid() != 0:
        raise SystemExit(f"Install {' '.join(missing)} first (apt-get install -y ...).")
    print(f"Installing {', '.join(missing)} with apt-get …", flush=True)
    env = {**os.environ, "DEBIAN_FRONTEND": "noninteractive"}
    for command in (["apt-get", "update", "-qq"], ["apt-get", "install", "-y", "-qq", *missing]):
        subprocess.run(command, env=env, stdout=subprocess.DEVNULL, check=True)


def nginx_binary() -> str:
    return shutil.which("nginx") or "/usr/sbin/nginx"


def ensure_isso_venv() -> Path:
    """A virtualenv with Isso and gunicorn from PyPI, made once and kept."""
    python = ISSO_VENV / "bin" / "python"
    ready = ISSO_VENV / ".bench-ready"
    if not ready.exists():
        print(f"Installing Isso and gunicorn into {ISSO_VENV} …", flush=True)
        shutil.rmtree(ISSO_VENV, ignore_errors=True)
        ISSO_VENV.parent.mkdir(parents=True, exist_ok=True)
        subprocess.run([sys.executable, "-m", "venv", str(ISSO_VENV)], check=True)
        subprocess.run(
            [python, "-m", "pip", "install", "--quiet", "--disable-pip-version-check",
             "isso", "gunicorn"],
            check=True,
        )  # fmt: skip
        ready.touch()
    return python


def version_of(python: Path, package: str) -> str:
    code = f"import importlib.metadata as m; print(m.version({package!r}))"
    result = subprocess.run([python, "-c", code], capture_output=True, text=True, check=False)
    return result.stdout.strip() or "?"


# --- HTTP clients -------------------------------------------------------------------


@dataclass(frozen=True)
class Reply:
    status: int
    headers: http.client.HTTPMessage
    body: bytes

    def header(self, name: str) -> str:
        return self.headers.get(name) or ""


class Client:
    """One keep-alive HTTP/1.1 connection, with its own cookies (a browser, roughly)."""

    def __init__(self, port: int, *, keep_cookies: bool = True) -> None:
        self.connection = http.client.HTTPConnection("127.0.0.1", port, timeout=120)
        self.keep_cookies = keep_cookies
        self.cookies: dict[str, str] = {}

    def close(self) -> None:
        self.connection.close()

    def get(self, path: str) -> Reply:
        return self.send("GET", path)

    def post(self, path: str, body: bytes, content_type: str) -> Reply:
        return self.send("POST", path, body, {"Content-Type": content_type})

    def send(
        self,
        method: str,
        path: str,
        body: bytes | None = None,
        headers: dict[str, str] | None = None,
    ) -> Reply:
        sent = dict(headers or {})
        if self.cookies:
            sent["Cookie"] = "; ".join(f"{name}={value}" for name, value in self.cookies.items())
        # A keep-alive connection the server closed is opened again, once, for
        # a GET; a POST is never sent twice.
        for attempt in (1, 2):
            try:
                self.connection.request(method, path, body=body, headers=sent)
                response = self.connection.getresponse()
                data = response.read()
                break
            except (http.client.RemoteDisconnected, ConnectionResetError, BrokenPipeError):
                self.connection.close()
                if method != "GET" or attempt == 2:
                    raise
        if self.keep_cookies:
            self.remember(response.headers.get_all("Set-Cookie") or [])
        return Reply(response.status, response.headers, data)

    def remember(self, set_cookies: list[str]) -> None:
        for line in set_cookies:
            jar: SimpleCookie = SimpleCookie()
            try:
                jar.load(line)
            except CookieError:
                continue
            for name, morsel in jar.items():
                expires = morsel["expires"]
                gone = morsel["max-age"] == "0" or (
                    bool(expires) and parsedate_to_datetime(expires).timestamp() < time.time()
                )
                if gone:
                    self.cookies.pop(name, None)
                else:
                    self.cookies[name] = morsel.coded_value


@dataclass(frozen=True)
class Posted:
    ok: bool
    status: int
    # Where Maoni sent the poster (the comment, or the article when it is held).
    location: str = ""
    published: bool = True
    # What went wrong, for a post that failed: the answer's alert, or the exception.
    why: str = ""

    def failure(self) -> str:
        return f"{self.status or 'no answer'}: {self.why}" if self.why else str(self.status)


def alert_text(html: bytes) -> str:
    """The first role="alert" text of a Maoni page (why a form was refused), shortened."""
    found = re.search(rb'role="alert">(.*?)</(?:p|div)>', html, re.DOTALL)
    if found is None:
        return ""
    text = re.sub(r"<[^>]+>", " ", found.group(1).decode(errors="replace"))
    return " ".join(text.split())[:120]


# Where an article's form fetches its reader's token and question (a
# question is good in its own thread only): the form's data-state, read once
# an article.
_state_urls: dict[str, str] = {}
_STATE_URL = re.compile(rb'data-state="([^"]+)"')


def state_url(client: Client, slug: str) -> str:
    """The /comments/state/ address the article's page gives its form's script."""
    url = _state_urls.get(slug)
    if url is None:
        reply = client.get(f"/news/{slug}/")
        found = _STATE_URL.search(reply.body)
        if reply.status != 200 or found is None:
            raise ValueError(f"/news/{slug}/ answered {reply.status} without a shared form")
        url = _state_urls[slug] = html.unescape(found.group(1).decode())
    return url


def maoni_form(client: Client, slug: str) -> dict[str, str]:
    """Token, form stamp and question for one comment, with the question answered."""
    reply = client.get(state_url(client, slug))
    if reply.status != 200:
        raise ValueError(f"/comments/state/ answered {reply.status}")
    state = json.loads(reply.body)
    fields = {"csrfmiddlewaretoken": state["csrf_token"], "form_stamp": state["form_stamp"]}
    captcha = state.get("captcha")
    if captcha:
        fields["captcha_id"] = captcha["id"]
        fields["captcha_answer"] = solve(captcha["prompt"])
    return fields


def solve(prompt: str) -> str:
    return str(sum(int(number) for number in re.findall(r"\d+", prompt)))


def maoni_post(client: Client, slug: str, *, name: str, mail: str, body: str) -> Posted:
    """Posts one comment the way the form does: question and token first, then Save."""
    try:
        fields = maoni_form(client, slug)
        fields.update(website="", name=name, mail=mail, body=body, op="save")
        reply = client.post(
            f"/news/{slug}/comment/",
            urllib.parse.urlencode(fields).encode(),
            "application/x-www-form-urlencoded",
        )
    except (OSError, http.client.HTTPException, ValueError, KeyError) as error:
        return Posted(ok=False, status=0, why=repr(error)[:120])
    location = reply.header("Location")
    ok = reply.status == 302
    why = "" if ok else alert_text(reply.body)
    return Posted(ok, reply.status, location, "#comment-" in location, why)


def api_thread(slug: str) -> str:
    """The API's first page of an article's thread."""
    return f"/api/v1/thread?site=maoni&thread={slug}"


def maoni_api_post(client: Client, slug: str, *, name: str, mail: str, body: str) -> Posted:
    """Posts one comment as the embed widget does: the form's question, then the JSON post."""
    try:
        reply = client.get(f"/api/v1/form?site=maoni&thread={slug}")
        if reply.status != 200:
            raise ValueError(f"/api/v1/form answered {reply.status}")
        form = json.loads(reply.body)
        sent = {
            "site": "maoni", "thread": slug, "name": name, "mail": mail, "body": body,
            "form_stamp": form["form_stamp"], "idempotency_key": form["idempotency_key"],
        }  # fmt: skip
        if form["question"]:
            sent["captcha_id"] = form["question"]["id"]
            sent["captcha_answer"] = solve(form["question"]["prompt"])
        reply = client.post("/api/v1/comments", json.dumps(sent).encode(), "application/json")
    except (OSError, http.client.HTTPException, ValueError, KeyError) as error:
        return Posted(ok=False, status=0, why=repr(error)[:120])
    ok = reply.status in (201, 202)
    why = "" if ok else reply.body.decode(errors="replace")[:120]
    return Posted(ok, reply.status, published=reply.status == 201, why=why)


def isso_post(client: Client, uri: str, *, name: str, mail: str, body: str) -> Posted:
    payload = json.dumps({"text": body, "author": name, "email": mail}).encode()
    try:
        reply = client.post(
            f"/new?uri={urllib.parse.quote(uri, safe='')}", payload, "application/json"
        )
    except (OSError, http.client.HTTPException) as error:
        return Posted(ok=False, status=0, why=repr(error)[:120])
    ok = reply.status in (201, 202)
    why = "" if ok else reply.body.decode(errors="replace")[:120]
    return Posted(ok, reply.status, published=reply.status == 201, why=why)


# --- measuring ----------------------------------------------------------------------


@dataclass(frozen=True)
class Figures:
    """Requests a second and latency (seconds) of one measurement."""

    rps: float
    p50: float
    p99: float
    count: int
    errors: int = 0
    note: str = ""
    # Comment flow: comments acknowledged, and those found in the database.
    acknowledged: int = 0
    stored: int = 0


def with_failures(figures: Figures, failures: dict[str, int]) -> Figures:
    """The figures with failed requests counted as errors and told in the note."""
    if not failures:
        return figures
    note = "errors: " + "; ".join(f"{count} × {why}" for why, count in failures.items())
    return replace(figures, errors=figures.errors + sum(failures.values()), note=note)


def from_times(times: list[float], *, errors: int = 0, elapsed: float | None = None) -> Figures:
    """Figures of a serial loop: 1 / mean when ``elapsed`` is None, else count / elapsed."""
    if not times:
        return Figures(0.0, math.nan, math.nan, 0, errors)
    ordered = sorted(times)

    def quantile(q: float) -> float:
        return ordered[min(len(ordered) - 1, max(0, math.ceil(q * len(ordered)) - 1))]

    rps = len(times) / elapsed if elapsed else 1 / statistics.fmean(times)
    return Figures(rps, quantile(0.50), quantile(0.99), len(times), errors)


_UNITS = {"us": 1e-6, "ms": 1e-3, "s": 1.0, "m": 60.0, "h": 3600.0}


def wrk_seconds(text: str) -> float:
    number, unit = re.fullmatch(r"([\d.]+)(us|ms|s|m|h)", text).groups()  # type: ignore[union-attr]
    return float(number) * _UNITS[unit]


def wrk(url: str, seconds: float = SECONDS) -> Figures:
    """Runs wrk against one URL; its non-2xx/3xx answers and socket errors are errors."""
    result = subprocess.run(
        ["wrk", f"-t{WRK_THREADS}", f"-c{WRK_CONNECTIONS}", f"-d{max(1, round(seconds))}s",
         "--latency", "--timeout", "60s", url],
        capture_output=True, text=True, check=True,
    )  # fmt: skip
    out = result.stdout
    rps = float(re.search(r"Requests/sec:\s+([\d.]+)", out).group(1))  # type: ignore[union-attr]
    count = int(re.search(r"(\d+) requests in", out).group(1))  # type: ignore[union-attr]
    latency = dict(re.findall(r"^\s+(50|99)%\s+(\S+)", out, re.MULTILINE))
    errors = 0
    if found := re.search(r"Non-2xx or 3xx responses: (\d+)", out):
        errors += int(found.group(1))
    if found := re.search(
        r"Socket errors: connect (\d+), read (\d+), write (\d+), timeout (\d+)", out
    ):
        errors += sum(int(number) for number in found.groups())
    # With no request finished, wrk prints zeros for its latencies.
    p50 = wrk_seconds(latency["50"]) if count and "50" in latency else math.nan
    p99 = wrk_seconds(latency["99"]) if count and "99" in latency else math.nan
    return Figures(rps, p50, p99, count, errors)


def median(values: list[float]) -> float:
    """The median of the known values (a run that finished no request has no latency)."""
    known = [value for value in values if not math.isnan(value)]
    return statistics.median(known) if known else math.nan


def median_figures(rounds: list[Figures]) -> Figures:
    """Each figure's median over the rounds (errors added up)."""
    return Figures(
        statistics.median(figures.rps for figures in rounds),
        median([figures.p50 for figures in rounds]),
        median([figures.p99 for figures in rounds]),
        sum(figures.count for figures in rounds),
        sum(figures.errors for figures in rounds),
    )


class Sampler:
    """Samples the resident size of every server process twice a second."""

    def __init__(self, servers: Callable[[], list[Server]]) -> None:
        self.servers = servers
        self.stopping = threading.Event()
        self.thread = threading.Thread(target=self.run, daemon=True)

    def run(self) -> None:
        while not self.stopping.wait(0.5):
            for server in self.servers():
                server.sample()

    @contextmanager
    def running(self) -> Iterator[None]:
        self.thread.start()
        try:
            yield
        finally:
            self.stopping.set()
            self.thread.join(timeout=5)


class Marker:
    """Numbered, unique comment texts that carry a word to find them by in the database."""

    def __init__(self, rng: random.Random, word: str) -> None:
        self.rng = rng
        self.word = word
        self.count = 0
        self.lock = threading.Lock()

    def next(self) -> tuple[str, str, str]:
        with self.lock:
            self.count += 1
            number = self.count
            name, mail = author(self.rng)
            text = comment_text(self.rng, f"My note {self.word} number {number}.")
        return f"{name or 'Reader'} {number}", mail, text


# --- the benchmark ------------------------------------------------------------------


@dataclass
class Row:
    system: str
    measurement: str
    figures: Figures
    nginx: Figures | None = None
    isso: Figures | None = None


@dataclass
class Bench:
    tmp: Path
    rng: random.Random
    threads: list[dict[str, object]]
    maoni_port: int = 0
    nginx_port: int = 0
    isso_port: int = 0
    maoni: Server | None = None
    nginx: Server | None = None
    isso: Server | None = None
    maoni_env: dict[str, str] = field(default_factory=dict)
    isso_python: Path = Path()
    last_pages: dict[int, int] = field(default_factory=dict)

    def servers(self) -> list[Server]:
        return [server for server in (self.maoni, self.nginx, self.isso) if server is not None]

    def slug(self, size: int) -> str:
        return f"bench-{size}-comments"

    def uri(self, size: int) -> str:
        return f"/news/{self.slug(size)}/"

    # Maoni

    def start_maoni(self) -> None:
        var = self.tmp / "maoni"
        var.mkdir()
        self.maoni_env = {
            **os.environ,
            "MAONI_VAR_DIR": str(var),
            "SECRET_KEY": os.urandom(32).hex(),
            "ALLOWED_HOSTS": "127.0.0.1,localhost",
            "MAONI_LOG_LEVEL": "ERROR",
        }
        for command in (
            ["migrate", "--noinput"],
            ["collectstatic", "--noinput", "--verbosity", "0"],
            ["train_filter", "--if-empty"],
        ):
            subprocess.run(
                [PYTHON, "manage.py", *command],
                env=self.maoni_env, cwd=ROOT, stdout=subprocess.DEVNULL, check=True,
            )  # fmt: skip
        data = self.tmp / "threads.json"
        data.write_text(json.dumps({"threads": self.threads}))
        started = time.perf_counter()
        seeded = subprocess.run(
            [PYTHON, ROOT / "bench" / "pages_seed.py", data],
            env=self.maoni_env, cwd=ROOT, capture_output=True, text=True, check=True,
        )  # fmt: skip
        print(f"Seeded Maoni in {time.perf_counter() - started:.1f} s: {seeded.stdout.strip()}")
        self.maoni_port = free_port()
        self.maoni = Server(
            "Maoni",
            [str(GRANIAN), "--interface", "wsgi", "--host", "127.0.0.1",
             "--port", str(self.maoni_port), "--workers", str(WORKERS),
             "--blocking-threads", "2", "maoni.wsgi:application"],
            log=self.tmp / "granian.log", env=self.maoni_env, stop_signal=signal.SIGINT,
        )  # fmt: skip
        self.maoni.start()
        wait_until_up(self.maoni, self.maoni_port, self.uri(50))
        for size in SIZES[1:]:
            page = Client(self.maoni_port, keep_cookies=False).get(self.uri(size)).body.decode()
            numbers = [int(number) for number in re.findall(r"\?page=(\d+)", page)]
            self.last_pages[size] = max(numbers, default=1)
        print(
            "Last pages (from the pager): "
            + ", ".join(f"{size:,} comments: {page}" for size, page in self.last_pages.items())
        )

    def maoni_database(self) -> Path:
        return self.tmp / "maoni" / "maoni.sqlite3"

    # nginx

    def start_nginx(self) -> None:
        prefix = self.tmp / "nginx"
        (prefix / "www").mkdir(parents=True)
        reply = Client(self.maoni_port, keep_cookies=False).get(self.uri(50))
        assert reply.status == 200, reply.status
        (prefix / "www" / "page.html").write_bytes(reply.body)
        # The API's answer for the same thread page the API row reads, byte for byte.
        reply = Client(self.maoni_port, keep_cookies=False).get(api_thread(self.slug(1000)))
        assert reply.status == 200, reply.status
        (prefix / "www" / "thread.json").write_bytes(reply.body)
        self.nginx_port = free_port()
        temp_paths = "\n".join(
            f"    {kind}_temp_path {prefix}/{kind};"
            for kind in ("client_body", "proxy", "fastcgi", "uwsgi", "scgi")
        )
        config = prefix / "nginx.conf"
        config.write_text(
            f"""\
{"user root;" if os.geteuid() == 0 else ""}
worker_processes {WORKERS};
pid {prefix}/nginx.pid;
error_log {prefix}/error.log warn;
events {{ worker_connections 1024; }}
http {{
    access_log off;
    default_type text/html;
    sendfile on;
    tcp_nopush on;
    keepalive_requests 1000000;
{temp_paths}
    server {{
        listen 127.0.0.1:{self.nginx_port};
        root {prefix}/www;
    }}
}}
"""
        )
        self.nginx = Server(
            "nginx",
            [nginx_binary(), "-c", str(config), "-p", str(prefix), "-g", "daemon off;"],
            log=prefix / "stderr.log",
            stop_signal=signal.SIGQUIT,
        )
        self.nginx.start()
        wait_until_up(self.nginx, self.nginx_port, "/page.html")
        wait_until_up(self.nginx, self.nginx_port, "/thread.json")

    # Isso

    def start_isso(self) -> None:
        self.isso_python = ensure_isso_venv()
        folder = self.tmp / "isso"
        folder.mkdir()
        database = folder / "comments.db"
        self.isso_port = free_port()
        config = folder / "isso.cfg"
        config.write_text(
            f"""\
[general]
dbpath = {database}
host = http://127.0.0.1:{self.maoni_port}/
notify = stdout
gravatar = false

[moderation]
enabled = false

[server]
listen = http://127.0.0.1:{self.isso_port}/

[guard]
enabled = false
"""
        )
        # Started once to make its schema, then given the comments, then restarted.
        server = Server(
            "Isso",
            [str(self.isso_python.parent / "gunicorn"), "-b", f"127.0.0.1:{self.isso_port}",
             "-w", str(WORKERS), "--preload", "isso.run"],
            log=folder / "gunicorn.log",
            env={**os.environ, "ISSO_SETTINGS": str(config)},
        )  # fmt: skip
        server.start()
        wait_until_up(server, self.isso_port, "/info")
        server.stop()
        started = time.perf_counter()
        self.seed_isso(database)
        print(f"Seeded Isso in {time.perf_counter() - started:.1f} s.")
        server.peaks.clear()
        server.roots.clear()
        server.start()
        wait_until_up(server, self.isso_port, "/info")
        self.isso = server

    def settle(self, server: Server) -> None:
        """Lets a server finish what wrk left queued; Isso is restarted when that would take long.

        A gunicorn sync worker answers each queued request, even one whose
        client is gone: after wrk on a 10,000-comment list that is minutes of work.
        """
        if server is self.isso:
            if not server.wait_idle(limit=5):
                server.stop()
                server.start()
                wait_until_up(server, self.isso_port, "/info")
                server.wait_idle()
        else:
            server.wait_idle()

    def seed_isso(self, database: Path) -> None:
        """Writes the same threads into Isso's tables (isso/db/threads.py, comments.py).

        Isso shows replies one level deep: a reply to a reply is stored under
        the top-level comment, as Isso's own ``Comments.add`` does.
        """
        connection = sqlite3.connect(database)
        comment_id = 0
        with connection:
            for thread_id, spec in enumerate(self.threads, start=1):
                connection.execute(
                    "INSERT INTO threads (id, uri, title) VALUES (?, ?, ?)",
                    (thread_id, f"/news/{spec['slug']}/", spec["title"]),
                )
                first_id = comment_id + 1
                roots: list[int] = []
                rows = []
                comments = spec["comments"]
                assert isinstance(comments, list)
                for index, (created, parent, name, email, body) in enumerate(comments):
                    comment_id += 1
                    roots.append(index if parent < 0 else roots[parent])
                    rows.append(
                        (thread_id, comment_id, None if parent < 0 else first_id + roots[index],
                         created, None, 1, "127.0.0.0", body, name or None, email or None,
                         None, 0, 0, bytes(256), 0)
                    )  # fmt: skip
                connection.executemany(
                    "INSERT INTO comments (tid, id, parent, created, modified, mode, remote_addr,"
                    " text, author, email, website, likes, dislikes, voters, notification)"
                    " VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
                    rows,
                )
        connection.close()

    def isso_database(self) -> Path:
        return self.tmp / "isso" / "comments.db"

    def isso_list(self, size: int) -> str:
        return f"/?uri={urllib.parse.quote(self.uri(size), safe='')}"

    # a) warm

    def warm_targets(self) -> list[tuple[str, str, Server, str]]:
        assert self.maoni is not None
        assert self.nginx is not None
        assert self.isso is not None
        maoni = f"http://127.0.0.1:{self.maoni_port}"
        isso = f"http://127.0.0.1:{self.isso_port}"
        targets = [
            ("nginx", "warm: 50 comments (saved page)", self.nginx,
             f"http://127.0.0.1:{self.nginx_port}/page.html"),
            ("Maoni", "warm: 50 comments", self.maoni, maoni + self.uri(50)),
        ]  # fmt: skip
        for size in SIZES[1:]:
            last = self.last_pages[size]
            targets += [
                ("Maoni", f"warm: {size:,}, page 1", self.maoni, maoni + self.uri(size)),
                ("Maoni", f"warm: {size:,}, page {last} (last)", self.maoni,
                 f"{maoni}{self.uri(size)}?page={last}"),
            ]  # fmt: skip
        targets += [
            ("nginx", API_SAVED, self.nginx, f"http://127.0.0.1:{self.nginx_port}/thread.json"),
            ("Maoni", API_WARM, self.maoni, maoni + api_thread(self.slug(1000))),
        ]
        targets += [
            (
                "Isso",
                f"warm: {size:,} comments (whole list)",
                self.isso,
                isso + self.isso_list(size),
            )
            for size in SIZES
        ]
        return targets

    def warm(self) -> dict[tuple[str, str], Figures]:
        rounds: dict[tuple[str, str], list[Figures]] = {}
        for number in range(1, ROUNDS + 1):
            print(f"\n(a) warm, round {number} of {ROUNDS}", flush=True)
            for system, measurement, server, url in self.warm_targets():
                # One request first, so that the measured ones find a warm cache.
                parts = urllib.parse.urlsplit(url)
                warm_up = Client(int(parts.port or 80), keep_cookies=False)
                warm_up.get(f"{parts.path}?{parts.query}" if parts.query else parts.path)
                warm_up.close()
                figures = wrk(url)
                self.settle(server)
                rounds.setdefault((system, measurement), []).append(figures)
                print(f"  {system:<6} {measurement:<42} {describe(figures)}", flush=True)
        return {key: median_figures(values) for key, values in rounds.items()}

    # b) cold

    def cold_maoni(self, size: int, *, last: bool, marker: Marker) -> Figures:
        """Times loading page 1, or with ``last`` the page each new comment is on, after it."""
        poster = Client(self.maoni_port)
        reader = Client(self.maoni_port, keep_cookies=False)
        page = f"{self.uri(size)}?page={self.last_pages.get(size, 1)}" if last else self.uri(size)
        times: list[float] = []
        failures: dict[str, int] = {}
        deadline = time.monotonic() + SECONDS
        for _attempt in range(COLD_MAX_REQUESTS):
            if time.monotonic() >= deadline:
                break
            name, mail, body = marker.next()
            posted = maoni_post(poster, self.slug(size), name=name, mail=mail, body=body)
            if not posted.ok:
                failure = f"post answered {posted.failure()}"
                failures[failure] = failures.get(failure, 0) + 1
                continue
            if last and "page=" in posted.location:
                # A new top-level comment lands on the last page, which may be a new one.
                page = posted.location.split("#", 1)[0]
                page = urllib.parse.urlsplit(page)._replace(scheme="", netloc="").geturl()
            started = time.perf_counter()
            reply = reader.get(page)
            elapsed = time.perf_counter() - started
            if reply.status != 200:
                failure = f"page answered {reply.status}"
                failures[failure] = failures.get(failure, 0) + 1
                continue
            times.append(elapsed)
        poster.close()
        reader.close()
        return with_failures(from_times(times), failures)

    def cold_isso(self, size: int) -> Figures:
        reader = Client(self.isso_port, keep_cookies=False)
        times: list[float] = []
        failures: dict[str, int] = {}
        deadline = time.monotonic() + SECONDS
        for _attempt in range(COLD_MAX_REQUESTS):
            if time.monotonic() >= deadline:
                break
            started = time.perf_counter()
            try:
                reply = reader.get(self.isso_list(size))
            except (OSError, http.client.HTTPException) as error:
                failures[repr(error)[:120]] = failures.get(repr(error)[:120], 0) + 1
                continue
            elapsed = time.perf_counter() - started
            if reply.status != 200:
                failures[f"answered {reply.status}"] = (
                    failures.get(f"answered {reply.status}", 0) + 1
                )
                continue
            times.append(elapsed)
        reader.close()
        return with_failures(from_times(times), failures)

    def cold(self) -> dict[tuple[str, str], Figures]:
        print("\n(b) cold: every timed request follows a new comment", flush=True)
        assert self.maoni is not None
        assert self.isso is not None
        marker = Marker(self.rng, f"cold{self.rng.randrange(10**6)}")
        results: dict[tuple[str, str], Figures] = {}
        targets = [(size, last) for size in SIZES for last in (False, True)]
        for size, last in targets:
            measurement = cold_label(size, last=last)
            figures = self.cold_maoni(size, last=last, marker=marker)
            self.settle(self.maoni)
            results[("Maoni", measurement)] = figures
            print(f"  Maoni  {measurement:<42} {describe(figures)}", flush=True)
        for size in SIZES:
            measurement = f"cold: {size:,} comments (whole list)"
            figures = self.cold_isso(size)
            self.settle(self.isso)
            results[("Isso", measurement)] = figures
            print(f"  Isso   {measurement:<42} {describe(figures)}", flush=True)
        return results

    # c) comment flow

    def poster(self, system: str) -> Client:
        """A client that posts comments: with cookies for Maoni (token), without for Isso.

        Isso sets one cookie per comment posted (to allow editing it): a client
        that kept them would be refused with 431 after some dozens of comments.
        """
        if system == "Maoni":
            return Client(self.maoni_port)
        if system == API:
            return Client(self.maoni_port, keep_cookies=False)
        return Client(self.isso_port, keep_cookies=False)

    def flow(self, system: str) -> Figures:
        size = 1000
        marker = Marker(random.Random(self.rng.random()), f"flow{self.rng.randrange(10**6)}")
        times: list[float] = []
        statuses: dict[int, int] = {}
        failures: dict[str, int] = {}
        held = 0
        lock = threading.Lock()
        deadline = time.monotonic() + SECONDS

        def client_loop() -> None:
            nonlocal held
            client = self.poster(system)
            for _attempt in range(FLOW_MAX_POSTS_PER_CLIENT):
                if time.monotonic() >= deadline:
                    break
                name, mail, body = marker.next()
                started = time.perf_counter()
                if system == "Maoni":
                    posted = maoni_post(client, self.slug(size), name=name, mail=mail, body=body)
                elif system == API:
                    posted = maoni_api_post(
                        client, self.slug(size), name=name, mail=mail, body=body
                    )
                else:
                    posted = isso_post(client, self.uri(size), name=name, mail=mail, body=body)
                elapsed = time.perf_counter() - started
                with lock:
                    statuses[posted.status] = statuses.get(posted.status, 0) + 1
                    if posted.ok:
                        times.append(elapsed)
                        held += not posted.published
                    else:
                        failures[posted.failure()] = failures.get(posted.failure(), 0) + 1
            client.close()

        started = time.perf_counter()
        workers = [threading.Thread(target=client_loop) for _ in range(FLOW_CLIENTS)]
        for worker in workers:
            worker.start()
        for worker in workers:
            worker.join(timeout=SECONDS + 180)
        elapsed = time.perf_counter() - started
        acknowledged = len(times)
        errors = sum(statuses.values()) - acknowledged
        reasons = ""
        if system in ("Maoni", API):
            stored = count_rows(
                self.maoni_database(),
                "SELECT COUNT(*) FROM comments_comment WHERE body LIKE ?",
                marker.word,
            )
            reasons = held_reasons(self.maoni_database(), marker.word)
        else:
            stored = count_rows(
                self.isso_database(), "SELECT COUNT(*) FROM comments WHERE text LIKE ?", marker.word
            )
        answers = ", ".join(
            f"{count} × {status or 'no answer'}" for status, count in sorted(statuses.items())
        )
        note = (
            f"{acknowledged} acknowledged ({held} held for review{reasons}), {stored} stored, "
            f"{errors} errors; answers: {answers}"
        )
        if failures:
            note += "; failures: " + "; ".join(f"{n} × {why}" for why, n in failures.items())
        figures = from_times(times, errors=errors, elapsed=elapsed)
        return Figures(
            figures.rps, figures.p50, figures.p99, acknowledged, errors, note, acknowledged, stored
        )

    # d) mixed

    def mixed(self, system: str) -> Figures:
        size = 50
        marker = Marker(random.Random(self.rng.random()), f"mixed{self.rng.randrange(10**6)}")
        stopping = threading.Event()
        statuses: dict[int, int] = {}

        def poster() -> None:
            client = self.poster(system)
            interval = 1 / MIXED_POSTS_PER_SECOND
            next_at = time.monotonic()
            for _attempt in range(int(SECONDS * MIXED_POSTS_PER_SECOND) + 10):
                if stopping.wait(max(0.0, next_at - time.monotonic())):
                    break
                next_at += interval
                name, mail, body = marker.next()
                if system == "Maoni":
                    posted = maoni_post(client, self.slug(size), name=name, mail=mail, body=body)
                else:
                    posted = isso_post(client, self.uri(size), name=name, mail=mail, body=body)
                statuses[posted.status] = statuses.get(posted.status, 0) + 1
            client.close()

        if system == "Maoni":
            url = f"http://127.0.0.1:{self.maoni_port}{self.uri(size)}"
        else:
            url = f"http://127.0.0.1:{self.isso_port}{self.isso_list(size)}"
        thread = threading.Thread(target=poster)
        thread.start()
        try:
            figures = wrk(url)
        finally:
            stopping.set()
            thread.join(timeout=180)
        ok = sum(count for status, count in statuses.items() if status in (201, 202, 302))
        answers = ", ".join(
            f"{count} × {status or 'no answer'}" for status, count in sorted(statuses.items())
        )
        note = f"{ok} posts done meanwhile ({answers})"
        return Figures(figures.rps, figures.p50, figures.p99, figures.count, figures.errors, note)


def cold_label(size: int, *, last: bool) -> str:
    """The name of Maoni's cold row of a thread's page 1, or of the page a new comment is on."""
    if size == SIZES[0]:
        return f"cold: {size} comments, " + ("new comment's page" if last else "page 1")
    return f"cold: {size:,}, " + ("last page" if last else "page 1")


def held_reasons(database: Path, word: str) -> str:
    """Why Maoni held the comments that carry ``word``: "; "-separated reasons and counts, or ""."""
    connection = sqlite3.connect(database, timeout=30)
    try:
        found = connection.execute(
            "SELECT reasons FROM comments_comment WHERE body LIKE ? AND status != 'published'",
            (f"%{word}%",),
        ).fetchall()
    finally:
        connection.close()
    counts: dict[str, int] = {}
    for (reasons,) in found:
        for reason in json.loads(reasons):
            # "filter score 0.93: spam-like …" is counted as "filter score".
            kind = re.split(r"[\d:]", reason, maxsplit=1)[0].strip()
            counts[kind] = counts.get(kind, 0) + 1
    return (": " + "; ".join(f"{r} × {n}" for r, n in counts.items())) if counts else ""


def count_rows(database: Path, query: str, word: str) -> int:
    connection = sqlite3.connect(database, timeout=30)
    try:
        return int(connection.execute(query, (f"%{word}%",)).fetchone()[0])
    finally:
        connection.close()


# --- reporting ----------------------------------------------------------------------


def ms(seconds: float) -> str:
    if math.isnan(seconds):
        return "–"
    return f"{seconds * 1000:,.1f} ms" if seconds < 10 else f"{seconds:,.1f} s"


def describe(figures: Figures) -> str:
    errors = f", {figures.errors} errors" if figures.errors else ""
    return (
        f"{figures.rps:>9,.1f}/s  p50 {ms(figures.p50):>10}  p99 {ms(figures.p99):>10}"
        f"  ({figures.count} requests{errors})"
    )


def share(part: float, whole: float) -> float:
    """part / whole, infinite when whole is 0 (a system that finished no request)."""
    return part / whole if whole > 0 else math.inf


def ratio(figures: Figures, reference: Figures | None) -> str:
    if reference is None:
        return ""
    value = share(figures.rps, reference.rps)
    return "∞" if math.isinf(value) else f"{value:,.2f}"


def cold_target(cold: dict[tuple[str, str], Figures], *, last: bool) -> tuple[str, bool]:
    """The big threads' cold p50 of one page against the same page of the 50-comment article.

    Page 1 is timed after a comment went to a later page of its thread; the
    last page is the one the comment went to, and so is the 50-comment
    article's page it is compared with (its page 2 or later).
    """
    baseline = cold[("Maoni", cold_label(SIZES[0], last=last))]
    big = [(size, cold[("Maoni", cold_label(size, last=last))]) for size in SIZES[1:]]
    if last:
        compared = (
            "last page, cold p50 ≤ 2 × the 50-comment article's page that the new comment "
            "is on (each timed just after a comment was posted to it)"
        )
    else:
        compared = (
            "page 1, cold p50 ≤ 2 × page 1 of the 50-comment article (each timed just "
            "after a comment was posted to a later page)"
        )
    figures = "; ".join(
        f"{size:,} comments {ms(page.p50)}, × {share(page.p50, baseline.p50):.2f}"
        for size, page in big
    )
    return (
        f"1,000 and 10,000 comments, {compared}: 50 comments {ms(baseline.p50)}; {figures}",
        all(page.p50 <= 2 * baseline.p50 for _size, page in big),
    )


def table(rows: list[Row]) -> list[str]:
    lines = [
        "| system | measurement | requests/s | p50 | p99 | × nginx | × Isso |",
        "| --- | --- | ---: | ---: | ---: | ---: | ---: |",
    ]
    for row in rows:
        figures = row.figures
        lines.append(
            f"| {row.system} | {row.measurement} | {figures.rps:,.1f} | {ms(figures.p50)} "
            f"| {ms(figures.p99)} | {ratio(figures, row.nginx)} | {ratio(figures, row.isso)} |"
        )
    return lines


def load_average() -> str:
    """The 1-, 5- and 15-minute load averages: other work on the machine skews the figures."""
    return ", ".join(Path("/proc/loadavg").read_text().split()[:3])


def machine() -> str:
    cpu = "unknown CPU"
    for line in Path("/proc/cpuinfo").read_text().splitlines():
        if line.startswith("model name"):
            cpu = line.split(":", 1)[1].strip()
            break
    memory_kib = int(Path("/proc/meminfo").read_text().split()[1])
    nginx = subprocess.run([nginx_binary(), "-v"], capture_output=True, text=True, check=False)
    wrk_version = subprocess.run(["wrk", "-v"], capture_output=True, text=True, check=False)
    python = subprocess.run([PYTHON, "--version"], capture_output=True, text=True, check=False)
    wrk_words = (wrk_version.stdout + wrk_version.stderr).split()
    isso_python = ISSO_VENV / "bin" / "python"
    return (
        f"{cpu}, {WORKERS} cores, {memory_kib / 1024 / 1024:.0f} GiB RAM; "
        f"{python.stdout.strip()}, granian {version_of(PYTHON, 'granian')}, "
        f"Django {version_of(PYTHON, 'django')}; "
        f"{nginx.stderr.strip().removeprefix('nginx version: ')}, "
        f"wrk {wrk_words[1] if len(wrk_words) > 1 else '?'}, "
        f"Isso {version_of(isso_python, 'isso')} on gunicorn {version_of(isso_python, 'gunicorn')}"
    )


def wrap(paragraph: str) -> str:
    """A paragraph or list item of the docs, broken before 80 columns as the file is."""
    indent = "  " if paragraph.startswith("- ") else ""
    return textwrap.fill(
        paragraph,
        width=80,
        subsequent_indent=indent,
        break_long_words=False,
        break_on_hyphens=False,
    )


def write_docs(section: str, heading: str = HEADING) -> None:
    """Puts ``section`` in place of the one under ``heading`` in docs/benchmarks.md."""
    text = DOCS.read_text()
    text = text.replace(f"{FLOOD_HEADING} (also `make bench`)", FLOOD_HEADING)
    lines = text.splitlines(keepends=True)
    if heading + "\n" in lines:
        begin = lines.index(heading + "\n")
        end = next(
            (index for index in range(begin + 1, len(lines)) if lines[index].startswith("## ")),
            len(lines),
        )
    else:
        begin = end = next(
            (index for index, line in enumerate(lines) if line.startswith("## ")), len(lines)
        )
    lines[begin:end] = [section.rstrip("\n") + "\n\n"]
    DOCS.write_text("".join(lines).rstrip("\n") + "\n")


def _stop_on_signal(number: int, _frame: object) -> None:
    raise SystemExit(128 + number)


def main() -> int:
    if not GRANIAN.exists():
        print("Run `make install` first: .venv has no granian.")
        return 1
    ensure_debian_tools()
    # The same comments every run.
    rng = random.Random(20240310)
    tmp = Path(tempfile.mkdtemp(prefix="maoni-bench-pages-"))
    # Stopped from outside (kill, a CI time limit): the servers started are stopped too.
    signal.signal(signal.SIGTERM, _stop_on_signal)
    bench = Bench(tmp=tmp, rng=random.Random(), threads=generate_threads(rng))
    sampler = Sampler(bench.servers)
    started = time.monotonic()
    try:
        with sampler.running():
            bench.start_maoni()
            bench.start_nginx()
            bench.start_isso()
            print(
                f"Maoni on :{bench.maoni_port} (granian, {WORKERS} workers), nginx on "
                f":{bench.nginx_port}, Isso on :{bench.isso_port} (gunicorn, {WORKERS} workers); "
                f"{SECONDS:g} s a run, {ROUNDS} round(s)."
            )
            print(SPAM_NOTE)
            load_before = load_average()
            print(f"Load average before measuring: {load_before}.")
            warm = bench.warm()
            cold = bench.cold()
            print("\n(c) comment flow", flush=True)
            flow: dict[str, Figures] = {}
            for system, server in (
                ("Maoni", bench.maoni), (API, bench.maoni), ("Isso", bench.isso)
            ):  # fmt: skip
                assert server is not None
                flow[system] = bench.flow(system)
                bench.settle(server)
                print(f"  {system:<9} {describe(flow[system])}\n         {flow[system].note}")
            print("\n(d) mixed: reading the 50-comment page while posting", flush=True)
            mixed: dict[str, Figures] = {}
            for system, server in (("Maoni", bench.maoni), ("Isso", bench.isso)):
                assert server is not None
                mixed[system] = bench.mixed(system)
                bench.settle(server)
                print(f"  {system:<6} {describe(mixed[system])}\n         {mixed[system].note}")
            memory = {server.name: server.memory() for server in bench.servers()}
    finally:
        for server in bench.servers():
            server.stop()
        shutil.rmtree(tmp, ignore_errors=True)

    report(warm, cold, flow, mixed, memory, load_before, time.monotonic() - started)
    return 0


def flow_target(flow: dict[str, Figures], system: str) -> tuple[str, bool]:
    """Posting at least as fast as Isso, with nothing lost (Isso's post has no CAPTCHA,
    CSRF token or spam checks)."""
    figures = flow[system]
    stored_all = figures.stored == figures.acknowledged
    return (
        f"Comment flow ({system}) ≥ 1 × Isso's posting rate, 0 errors, every acknowledged "
        f"comment stored: × {share(figures.rps, flow['Isso'].rps):.2f}, {figures.errors} "
        f"errors, {figures.stored} of {figures.acknowledged} stored",
        figures.rps >= flow["Isso"].rps and figures.errors == 0 and stored_all,
    )


def report(
    warm: dict[tuple[str, str], Figures],
    cold: dict[tuple[str, str], Figures],
    flow: dict[str, Figures],
    mixed: dict[str, Figures],
    memory: dict[str, tuple[int, int, int]],
    load_before: str,
    duration: float,
) -> None:
    nginx = warm[("nginx", "warm: 50 comments (saved page)")]

    def isso_for(figures: dict[tuple[str, str], Figures], kind: str, measurement: str) -> Figures:
        size = next(size for size in SIZES if f" {size:,}" in f" {measurement}")
        return figures[("Isso", f"{kind}: {size:,} comments (whole list)")]

    nginx_json = warm[("nginx", API_SAVED)]
    rows = [
        Row("nginx", "warm: 50 comments (saved page)", nginx, nginx),
        Row("nginx", API_SAVED, nginx_json, nginx_json),
    ]
    for (system, measurement), figures in warm.items():
        if system == "Maoni" and measurement == API_WARM:
            isso_1000 = warm[("Isso", "warm: 1,000 comments (whole list)")]
            rows.append(Row(system, measurement, figures, nginx_json, isso_1000))
        elif system == "Maoni":
            rows.append(
                Row(system, measurement, figures, nginx, isso_for(warm, "warm", measurement))
            )
    rows += [Row(s, m, f, nginx) for (s, m), f in warm.items() if s == "Isso"]
    for (system, measurement), figures in cold.items():
        if system == "Maoni":
            rows.append(
                Row(system, measurement, figures, None, isso_for(cold, "cold", measurement))
            )
    rows += [Row(s, m, f) for (s, m), f in cold.items() if s == "Isso"]
    rows += [
        Row("Maoni", "comment flow (posts/s)", flow["Maoni"], None, flow["Isso"]),
        Row(API, "comment flow (posts/s)", flow[API], None, flow["Isso"]),
        Row("Isso", "comment flow (posts/s)", flow["Isso"]),
        Row("Maoni", "mixed: 50 comments, reads", mixed["Maoni"], nginx, mixed["Isso"]),
        Row("Isso", "mixed: 50 comments, reads", mixed["Isso"], nginx),
    ]

    warm50 = warm[("Maoni", "warm: 50 comments")]
    cold50 = cold[("Maoni", cold_label(50, last=False))]
    big_warm = [
        f for (s, m), f in warm.items() if s == "Maoni" and "50 comments" not in m and m != API_WARM
    ]
    api_warm = warm[("Maoni", API_WARM)]
    api_isso = warm[("Isso", "warm: 1,000 comments (whole list)")]
    isso_cold50 = cold[("Isso", "cold: 50 comments (whole list)")]
    worst_worker = memory["Maoni"][1] * 1024 / 1e6
    targets = [
        (
            f"Warm 50-comment page ≥ 25 % of nginx: {share(warm50.rps, nginx.rps):.1%}",
            warm50.rps >= 0.25 * nginx.rps,
        ),
        (
            "1,000 and 10,000 comments, any page, warm ≥ 90 % of the 50-comment figure: "
            f"lowest {share(min(f.rps for f in big_warm), warm50.rps):.1%}",
            all(f.rps >= 0.9 * warm50.rps for f in big_warm),
        ),
        cold_target(cold, last=False),
        cold_target(cold, last=True),
        (
            f"Cold 50-comment page ≥ 10 × Isso's 50-comment list: "
            f"× {share(cold50.rps, isso_cold50.rps):.1f}",
            cold50.rps >= 10 * isso_cold50.rps,
        ),
        (
            f"Warm API read of the 1,000-comment thread ≥ 25 % of nginx serving the same JSON: "
            f"{share(api_warm.rps, nginx_json.rps):.1%}",
            api_warm.rps >= 0.25 * nginx_json.rps,
        ),
        (
            f"Warm API read of the 1,000-comment thread ≥ 50 × Isso's `GET /?uri=`: "
            f"× {share(api_warm.rps, api_isso.rps):.1f}",
            api_warm.rps >= 50 * api_isso.rps,
        ),
        *(flow_target(flow, system) for system in ("Maoni", API)),
        (
            f"Peak RSS per Maoni worker ≤ 120 MB: {worst_worker:.0f} MB",
            worst_worker <= 120,
        ),
    ]

    lines = table(rows)
    memory_lines = [
        "| system | main process | largest worker | workers |",
        "| --- | ---: | ---: | ---: |",
    ] + [
        f"| {name} | {main * 1024 / 1e6:.0f} MB | {worker * 1024 / 1e6:.0f} MB | {count} |"
        for name, (main, worker, count) in memory.items()
    ]
    target_lines = [f"- {'pass' if met else '**MISSED**'}: {text}" for text, met in targets]
    notes = [
        f"- {row.system}, {row.measurement}: no request finished within a "
        f"{SECONDS:g} s run of wrk (the cold row shows how long one takes)."
        for row in rows
        if row.figures.count == 0
    ]
    notes += [
        f"- {row.system}, {row.measurement}: {row.figures.note}."
        for row in rows
        if row.measurement.startswith("cold") and row.figures.note
    ]
    notes += [
        f"- {row.system}, {row.measurement}: {row.figures.errors} errors reported by wrk "
        "(answers other than 2xx or 3xx, socket errors or time-outs)."
        for row in rows
        if not row.measurement.startswith(("cold", "comment flow")) and row.figures.errors
    ]
    notes += [
        f"- Comment flow, Maoni: {flow['Maoni'].note}.",
        f"- Comment flow, {API}: {flow[API].note}.",
        f"- Comment flow, Isso: {flow['Isso'].note}.",
        f"- Mixed, Maoni: {mixed['Maoni'].note}; Isso: {mixed['Isso'].note}.",
    ]
    print("\n" + "\n".join(lines))
    print("\nPeak resident memory (VmHWM, and VmRSS sampled twice a second):")
    print("\n".join(memory_lines))
    print("\n" + "\n".join(notes))
    print("\nTargets:")
    print("\n".join(target_lines))
    missed = sum(not met for _text, met in targets)
    print(f"\n{missed} target(s) missed." if missed else "\nEvery target met.")
    print(f"({duration / 60:.1f} minutes)")

    if not WRITE_DOCS:
        return
    when = subprocess.run(
        ["date", "-u"], capture_output=True, text=True, check=False
    ).stdout.strip()
    method = [
        "Starts Maoni as `make run` does (granian, one worker per core, two threads each) "
        "on a fresh SQLite database with three articles whose threads hold 50, 1,000 and "
        "10,000 public comments (mostly top-level, some replies one or two levels deep), "
        "and beside it, on loopback: nginx serving a saved copy of Maoni's 50-comment "
        "page (the ceiling) and Isso under gunicorn (its documented set-up, one worker per "
        "core, `[guard] enabled = false`) holding the same comments.",
        "",
        f"- **warm**: wrk `-t {WRK_THREADS} -c {WRK_CONNECTIONS}` for {SECONDS:g} s on each "
        f"page after one request to fill the cache, no compression asked; {ROUNDS} rounds "
        "alternate the systems and the table shows each figure's median over the rounds. "
        "Isso's list (`GET /?uri=…`) returns the whole thread: its 1,000 and 10,000 rows "
        "stand beside Maoni's pages of 50. The API row reads the first page (50 comments, "
        "as JSON) of the 1,000-comment thread, beside nginx serving that answer saved to a "
        "file and Isso's whole 1,000-comment list. Isso is restarted when it is still busy 5 s "
        "after a run, working off requests wrk gave up on.",
        f"- **cold**: one Python client posts a comment through the form (not timed), "
        f"then loads the page as a reader without cookies (timed), for {SECONDS:g} s; "
        "requests/s is 1 / the mean time. Each thread is timed on page 1, which the new "
        "comment is not on (the first one posted to the 50-comment article opens its page "
        "2), and on the page the new comment is on, its last page; each page of the 1,000- "
        "and 10,000-comment threads is compared with the same page of the 50-comment "
        "article. Isso keeps no cache, so its list is timed in the same loop without "
        "posting.",
        f"- **comment flow**: {FLOW_CLIENTS} client threads post into the 1,000-comment "
        f"thread for {SECONDS:g} s; on Maoni each comment fetches `/comments/state/` "
        "(token and question) and posts the form; through Maoni's API, as the embed "
        "widget does, each fetches `/api/v1/form` and posts JSON to `/api/v1/comments`; "
        "on Isso each is one `POST /new` (its "
        "clients drop the cookie Isso sets for every comment: kept, they grow into 431 "
        "answers); the times are of the whole flow. Every acknowledged comment is then "
        "looked for in the database.",
        f"- **mixed**: wrk on the 50-comment page while one client posts "
        f"{MIXED_POSTS_PER_SECOND} comments a second into the same thread.",
        "",
        SPAM_NOTE,
        "",
        f"Run on {when}: {machine()}. The load generator and the servers share the "
        f"machine; load average before measuring: {load_before}.",
    ]
    section = "\n".join(
        [
            HEADING,
            "",
            *(wrap(paragraph) for paragraph in method),
            "",
            *lines,
            "",
            *(wrap(note) for note in notes),
            "",
            wrap(
                "Peak resident memory per process (VmHWM at the end, and VmRSS sampled "
                "twice a second), with the 10,000-comment thread loaded:"
            ),
            "",
            *memory_lines,
            "",
            "Targets:",
            "",
            *(wrap(target) for target in target_lines),
            "",
        ]
    )
    write_docs(section)
    print(f"Wrote the figures into {DOCS.relative_to(ROOT)}.")


if __name__ == "__main__":
    sys.exit(main())
