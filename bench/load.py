"""The load generator: wrk (Debian's `wrk` package), driven by a Lua script written per scenario.

wrk sends one request over C keep-alive connections for D seconds; the script sets the method,
target, headers and body, and its `done()` prints one line `BENCH-JSON {...}` with the counts and
latency percentiles, which `parse_wrk_output` reads. wrk counts every answer with a status of 400
or more as a status error ("Non-2xx or 3xx responses"); the bench fails the run on any of those and
on any socket error (connect, read, write, timeout).
"""

from __future__ import annotations

import json
import resource
import shutil
import subprocess
from dataclasses import dataclass
from pathlib import Path

from bench.scenarios import VARYING, Request

MARKER = "BENCH-JSON "

DONE = r"""
function done(summary, latency, requests)
  local e = summary.errors
  io.write(string.format(
    "BENCH-JSON {\"requests\":%.0f,\"duration_us\":%.0f,\"bytes\":%.0f,\"p50_us\":%.0f,\"p95_us\":%.0f," ..
    "\"p99_us\":%.0f,\"max_us\":%.0f,\"status_errors\":%.0f,\"connect_errors\":%.0f,\"read_errors\":%.0f," ..
    "\"write_errors\":%.0f,\"timeouts\":%.0f}\n",
    summary.requests, summary.duration, summary.bytes, latency:percentile(50), latency:percentile(95),
    latency:percentile(99), latency.max, e.status, e.connect, e.read, e.write, e.timeout))
end
"""

#: A write's script: each thread numbers its requests, so every request creates a draft of its own title.
VARYING_REQUEST = """
local made = 0
function setup(thread)
  made = made + 1
  thread:set("thread_number", made)
end
local sent = 0
function request()
  sent = sent + 1
  return wrk.format(nil, nil, nil, body_before .. run_tag .. "-" .. (thread_number or 0) .. "-" .. sent .. body_after)
end
"""


class LoadFailure(Exception):
    """wrk saw an answer or socket error the scenario does not allow, or printed no result."""


@dataclass(frozen=True, slots=True)
class WrkStats:
    """One wrk run's result."""

    requests: int
    seconds: float
    bytes: int
    p50_ms: float
    p95_ms: float
    p99_ms: float
    max_ms: float
    status_errors: int
    socket_errors: int

    @property
    def per_second(self) -> float:
        """Requests per second over the run."""
        return self.requests / self.seconds if self.seconds else 0.0


@dataclass(frozen=True, slots=True)
class Run:
    """A wrk run and the CPU seconds it cost: the load generator's, the server's, the database's.

    `served` counts the requests the server worked on: those wrk saw answered, and the one still
    open on each connection when wrk stopped, which the server finishes all the same (its CPU is
    counted, since the bench waits for the server to fall idle before reading it).
    """

    stats: WrkStats
    client_cpu: float
    server_cpu: float
    database_cpu: float = 0.0
    served: int = 0


def lua_string(data: bytes) -> str:
    """A Lua string literal of exactly these bytes (printable ASCII kept, all else as \\ddd)."""
    parts = []
    for byte in data:
        if 32 <= byte < 127 and byte not in (ord('"'), ord("\\")):
            parts.append(chr(byte))
        else:
            parts.append(f"\\{byte:03d}")
    return '"' + "".join(parts) + '"'


def lua_script(request: Request, *, varying: bool = False, run_tag: str = "") -> str:
    """The wrk script sending `request` (for a varying write: with VARYING numbered per request)."""
    lines = [
        f"wrk.method = {lua_string(request.method.encode())}",
        f"wrk.path = {lua_string(request.target.encode())}",
    ]
    lines += [f"wrk.headers[{lua_string(k.encode())}] = {lua_string(v.encode())}" for k, v in request.headers]
    if varying:
        before, marker, after = request.body.partition(VARYING.encode())
        if not marker:
            raise ValueError(f"a varying request needs {VARYING} in its body")
        lines += [
            f"body_before = {lua_string(before)}",
            f"body_after = {lua_string(after)}",
            f"run_tag = {lua_string(run_tag.encode())}",
            VARYING_REQUEST,
        ]
    elif request.body:
        lines.append(f"wrk.body = {lua_string(request.body)}")
    return "\n".join([*lines, DONE])


def parse_wrk_output(text: str) -> WrkStats:
    """The result line that the script's done() printed among wrk's own report."""
    for line in text.splitlines():
        if line.startswith(MARKER):
            values = json.loads(line[len(MARKER) :])
            return WrkStats(
                requests=int(values["requests"]),
                seconds=values["duration_us"] / 1e6,
                bytes=int(values["bytes"]),
                p50_ms=values["p50_us"] / 1000,
                p95_ms=values["p95_us"] / 1000,
                p99_ms=values["p99_us"] / 1000,
                max_ms=values["max_us"] / 1000,
                status_errors=int(values["status_errors"]),
                socket_errors=sum(
                    int(values[key]) for key in ("connect_errors", "read_errors", "write_errors", "timeouts")
                ),
            )
    raise LoadFailure(f"wrk printed no {MARKER.strip()} line:\n{text[-2000:]}")


def check(name: str, stats: WrkStats, *, warm_up: bool = False) -> None:
    """Fail loudly on any refused answer or socket error, or a measured run that got no answer."""
    if stats.status_errors or stats.socket_errors or not (stats.requests or warm_up):
        raise LoadFailure(
            f"{name}: {stats.requests} requests, {stats.status_errors} answers with status >= 400, "
            f"{stats.socket_errors} socket errors (connect, read, write, timeout)"
        )


def wrk_path() -> str:
    """The wrk executable, or a LoadFailure saying how to install it."""
    found = shutil.which("wrk")
    if found is None:
        raise LoadFailure("wrk is missing: install Debian's package (apt-get install -y wrk)")
    return found


def run_wrk(
    base_url: str, script: Path, *, seconds: float, connections: int, threads: int
) -> tuple[WrkStats, float]:
    """Run wrk once; its result and the CPU seconds wrk itself used (user + system)."""
    command = [
        wrk_path(),
        f"--threads={threads}",
        f"--connections={max(connections, threads)}",
        f"--duration={max(1, round(seconds))}s",
        "--timeout=10s",
        f"--script={script}",
        base_url + "/",
    ]
    before = resource.getrusage(resource.RUSAGE_CHILDREN)
    done = subprocess.run(command, capture_output=True, text=True, check=False)
    after = resource.getrusage(resource.RUSAGE_CHILDREN)
    if done.returncode != 0:
        raise LoadFailure(f"wrk exited with {done.returncode}: {done.stderr or done.stdout}")
    cpu = (after.ru_utime - before.ru_utime) + (after.ru_stime - before.ru_stime)
    return parse_wrk_output(done.stdout), cpu
