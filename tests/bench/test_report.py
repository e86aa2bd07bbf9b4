"""The bench's figures and tables: medians, ratios, CPU per request, Markdown."""

from __future__ import annotations

from bench.load import Run, WrkStats
from bench.report import (
    Row,
    cpu_ms_per_request,
    cpu_table,
    per_core,
    per_second,
    ratio,
    ratio_table,
    rows_from_json,
    rows_to_json,
)


def run(requests: int, p50: float = 10.0, p95: float = 20.0, server: float = 0.0, client: float = 0.0) -> Run:
    stats = WrkStats(requests, 5.0, 0, p50, p95, p95, p95, 0, 0)
    return Run(
        stats=stats, client_cpu=client, server_cpu=server, database_cpu=server / 10, served=requests + 16
    )


def test_the_ratio_is_kipnets_median_over_the_bare_apps_median():
    # given: three rounds each; medians 200 and 10,000 req/s
    row = Row("small-post", "public", "cached", kipnet=[run(1000), run(900), run(1200)])
    row.bare = [run(50_000), run(45_000), run(60_000)]
    # then
    assert per_second(row.kipnet) == 200
    assert ratio(row) == 0.02
    assert ratio(Row("create-application", "write", kipnet=[run(400)])) is None


def test_cpu_per_request_divides_by_the_requests_the_server_worked_on():
    # given: 84 answered + 16 still open when wrk stopped, 2 s of server CPU, 0.1 s of wrk's
    runs = [run(84, server=2.0, client=0.1)]
    # then
    assert cpu_ms_per_request(runs, lambda r: r.server_cpu) == 20.0
    assert round(cpu_ms_per_request(runs, lambda r: r.client_cpu, client=True), 3) == round(100 / 84, 3)
    assert per_core(runs) == 50.0
    assert per_core([]) == 0.0


def test_the_ratio_table_lines_up_and_marks_rows_without_a_bare_comparison():
    # given
    directory = Row("directory-gql", "public", "uncached", kipnet=[run(94, 767.0, 900.0, server=4.4)])
    directory.bare = [run(49_984, server=10.0)]
    writes = Row("create-application", "write", kipnet=[run(430, 180.0, 250.5, server=5.0)])
    # when
    table = ratio_table([directory, writes])
    # then
    assert table.splitlines() == [
        "| scenario                 | kipnet req/s | p50 ms | p95 ms | bare req/s |  ratio | CPU ms/req | bare CPU ms/req | CPU ratio |",
        "|--------------------------|-------------:|-------:|-------:|-----------:|-------:|-----------:|----------------:|----------:|",
        "| directory-gql (uncached) |         18.8 |    767 |    900 |      9 997 | 0.0019 |       40.0 |           0.200 |     0.005 |",
        "| create-application       |         86.0 |    180 |    250 |          — |      — |       11.2 |               — |         — |",
    ]


def test_saved_rows_come_back_as_they_were():
    # given
    row = Row("small-post", "public", "cached", "postgres", 2, kipnet=[run(900, server=1.0)], table="workers")
    row.bare = [run(40_000, server=2.0)]
    # then
    assert rows_from_json(rows_to_json([row])) == [row]


def test_the_cpu_table_gives_kipnet_postgresql_and_wrk_per_request_and_per_core():
    # given
    row = Row(
        "small-post",
        "public",
        "uncached",
        "postgres",
        2,
        kipnet=[run(984, 8.0, 30.0, server=2.0, client=0.2)],
    )
    # when
    lines = cpu_table([row]).splitlines()
    # then
    assert lines[0].split("|")[1:-1] == [
        " scenario              ",
        " workers ",
        " req/s ",
        " p50 ms ",
        " p95 ms ",
        " kipnet CPU ms/req ",
        " PostgreSQL CPU ms/req ",
        " wrk CPU ms/req ",
        " req/s per kipnet core ",
    ]
    assert [cell.strip() for cell in lines[2].split("|")[1:-1]] == [
        "small-post (uncached)",
        "2",
        "197",
        "8.00",
        "30.0",
        "2.00",
        "0.200",
        "0.203",
        "500",
    ]
