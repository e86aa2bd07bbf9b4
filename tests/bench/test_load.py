"""wrk's scripts and output: what the bench sends and how it reads the result."""

from __future__ import annotations

import pytest

from bench.load import LoadFailure, WrkStats, check, lua_script, lua_string, parse_wrk_output
from bench.scenarios import VARYING, Request

WRK_OUTPUT = """Running 5s test @ http://127.0.0.1:41234/
  1 threads and 16 connections
  Thread Stats   Avg      Stdev     Max   +/- Stdev
    Latency    25.31ms    8.02ms  91.20ms   80.00%
    Req/Sec   632.10     40.22   710.00     70.00%
  3161 requests in 5.00s, 1.02MB read
BENCH-JSON {"requests":3161,"duration_us":5002000,"bytes":1069418,"p50_us":24100,"p95_us":40250,"p99_us":61000,"max_us":91200,"status_errors":0,"connect_errors":0,"read_errors":1,"write_errors":0,"timeouts":2}
Requests/sec:    631.95
Transfer/sec:    208.79KB
"""


def stats(**changes: int) -> WrkStats:
    values = {"requests": 100, "status_errors": 0, "socket_errors": 0} | changes
    return WrkStats(seconds=1.0, bytes=0, p50_ms=1, p95_ms=2, p99_ms=3, max_ms=4, **values)


def test_the_result_line_is_read_among_wrks_own_report():
    # when
    result = parse_wrk_output(WRK_OUTPUT)
    # then
    assert result == WrkStats(
        requests=3161,
        seconds=5.002,
        bytes=1069418,
        p50_ms=24.1,
        p95_ms=40.25,
        p99_ms=61.0,
        max_ms=91.2,
        status_errors=0,
        socket_errors=3,
    )
    assert round(result.per_second, 2) == 631.95


def test_output_without_a_result_line_fails_loudly():
    with pytest.raises(LoadFailure, match="no BENCH-JSON line"):
        parse_wrk_output("unable to connect to 127.0.0.1:1 Connection refused\n")


@pytest.mark.parametrize(
    ("bad", "message"),
    [
        ({"status_errors": 1}, "1 answers with status >= 400"),
        ({"socket_errors": 2}, "2 socket errors"),
        ({"requests": 0}, "0 requests"),
    ],
)
def test_a_refused_answer_a_socket_error_or_no_answer_fails_the_run(bad, message):
    with pytest.raises(LoadFailure, match=message):
        check("small-post", stats(**bad))


def test_a_clean_run_passes_and_a_warm_up_may_see_no_answer_yet():
    check("small-post", stats())
    check("directory-gql (warm-up)", stats(requests=0), warm_up=True)
    with pytest.raises(LoadFailure):
        check("directory-gql (warm-up)", stats(requests=0, status_errors=1), warm_up=True)


def test_lua_strings_keep_every_byte_and_escape_all_but_printable_ascii():
    assert lua_string(b'{"q":"a\\b"}\n') == '"{\\034q\\034:\\034a\\092b\\034}\\010"'
    assert lua_string("für".encode()) == '"f\\195\\188r"'
    # three digits always, so a digit after an escape is never read as part of it
    assert lua_string(b"\x01" + b"1") == '"\\0011"'


def test_the_script_sets_method_target_headers_and_body():
    # given
    request = Request(
        "GET",
        "/graphql",
        query="query=%7B+a+%7D",
        headers=(("Accept-Language", "de"), ("Authorization", "Bearer t")),
    )
    # when
    script = lua_script(request)
    # then
    assert script.splitlines()[:4] == [
        'wrk.method = "GET"',
        'wrk.path = "/graphql?query=%7B+a+%7D"',
        'wrk.headers["Accept-Language"] = "de"',
        'wrk.headers["Authorization"] = "Bearer t"',
    ]
    assert "wrk.body" not in script
    assert "function done(summary, latency, requests)" in script
    assert "function request()" not in script


def test_a_varying_write_numbers_each_request_around_the_placeholder():
    # given
    request = Request("POST", "/graphql", body=f'{{"title":"T {VARYING}"}}'.encode())
    # when
    script = lua_script(request, varying=True, run_tag="ab12")
    # then
    assert 'body_before = "{\\034title\\034:\\034T "' in script
    assert 'body_after = "\\034}"' in script
    assert 'run_tag = "ab12"' in script
    assert "function request()" in script
    assert "wrk.body" not in script


def test_a_varying_request_without_the_placeholder_is_refused():
    with pytest.raises(ValueError, match="@@N@@"):
        lua_script(Request("POST", "/graphql", body=b"{}"), varying=True)
