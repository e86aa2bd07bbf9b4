"""CPU seconds of a process tree and of PostgreSQL backends, read from /proc (Linux).

Wall-clock requests per second on a shared 2-core machine say little about a 4-core server; CPU
seconds per request do: the bench reads utime + stime of the server's processes (the uvicorn
supervisor and its workers) before and after each run, and divides by the requests answered.
"""

from __future__ import annotations

import os
import time
from collections.abc import Iterable, Mapping
from pathlib import Path

PROC = Path("/proc")
TICKS = os.sysconf("SC_CLK_TCK")


def parse_stat(text: str) -> tuple[int, int]:
    """(parent pid, utime + stime in clock ticks) from the text of /proc/<pid>/stat.

    The command name (field 2) is in parentheses and may hold spaces or parentheses itself,
    so the fields are counted from the last ')'.
    """
    fields = text[text.rindex(")") + 2 :].split()
    # after the name: state(3) ppid(4) … utime(14) stime(15), counted from 1 in proc(5)
    return int(fields[1]), int(fields[11]) + int(fields[12])


def _stat(pid: int) -> tuple[int, int] | None:
    try:
        return parse_stat((PROC / str(pid) / "stat").read_text())
    except (FileNotFoundError, ProcessLookupError, ValueError, IndexError):
        return None  # gone between listing and reading


def descendants(root: int, parents: Mapping[int, int]) -> set[int]:
    """`root` and every process below it, given each process's parent."""
    children: dict[int, list[int]] = {}
    for pid, parent in parents.items():
        children.setdefault(parent, []).append(pid)
    tree, todo = set(), [root]
    while todo:
        pid = todo.pop()
        if pid not in tree:
            tree.add(pid)
            todo.extend(children.get(pid, ()))
    return tree


def tree_cpu_seconds(root: int) -> float:
    """User + system CPU seconds used so far by `root` and its living descendants."""
    stats = {int(entry.name): _stat(int(entry.name)) for entry in PROC.iterdir() if entry.name.isdigit()}
    known = {pid: stat for pid, stat in stats.items() if stat is not None}
    tree = descendants(root, {pid: stat[0] for pid, stat in known.items()})
    return sum(known[pid][1] for pid in tree if pid in known) / TICKS


def processes_cpu_ticks(pids: Iterable[int]) -> dict[int, int]:
    """CPU ticks used so far by each of these processes (those still there)."""
    found = {pid: _stat(pid) for pid in pids}
    return {pid: stat[1] for pid, stat in found.items() if stat is not None}


def ticks_used(before: Mapping[int, int], after: Mapping[int, int]) -> float:
    """CPU seconds used between two snapshots; a process new in `after` counts from zero."""
    return sum(ticks - before.get(pid, 0) for pid, ticks in after.items()) / TICKS


def wait_idle(root: int, *, busy: float = 0.05, step: float = 0.2, timeout: float = 120.0) -> float:
    """Wait until the tree of `root` uses less than `busy` of a core for `step` seconds; its CPU then.

    After wrk stops, the server still finishes the requests that were open; their CPU belongs to
    the run that sent them, not to the next one.
    """
    deadline = time.monotonic() + timeout
    used = tree_cpu_seconds(root)
    while time.monotonic() < deadline:
        time.sleep(step)
        now = tree_cpu_seconds(root)
        if now - used < busy * step:
            return now
        used = now
    return used
