"""CPU accounting from /proc: a process's line, its descendants, the CPU used between snapshots."""

from __future__ import annotations

import os

from bench.cpu import TICKS, descendants, parse_stat, ticks_used, tree_cpu_seconds

# /proc/<pid>/stat of a worker whose name holds a space and a parenthesis
STAT = (
    "4242 (python3 (uvi) x) S 4200 4242 4200 0 -1 4194560 5127 0 0 0 "
    "731 88 0 0 20 0 3 0 123456 456789012 12345 18446744073709551615 1 1 0 0 0 0 0 16781312 2 0 0 0 17 1 0 0 0 0 0"
)


def test_the_parent_and_cpu_ticks_are_counted_from_after_the_name():
    assert parse_stat(STAT) == (4200, 731 + 88)


def test_the_tree_holds_the_root_its_children_and_grandchildren_only():
    # given: 10 → 11 → 13, 10 → 12; 20 is elsewhere
    parents = {10: 1, 11: 10, 12: 10, 13: 11, 20: 1}
    # then
    assert descendants(10, parents) == {10, 11, 12, 13}
    assert descendants(13, parents) == {13}


def test_cpu_used_counts_new_processes_from_zero_and_ignores_gone_ones():
    before = {1: 100, 2: 50, 3: 10}
    after = {1: 130, 2: 50, 4: 20}  # 3 has gone, 4 is new
    assert ticks_used(before, after) == (30 + 0 + 20) / TICKS


def test_this_process_tree_has_used_some_cpu():
    assert tree_cpu_seconds(os.getpid()) > 0
