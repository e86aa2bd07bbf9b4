"""The scenarios: names for --only, the revalidation request, the demo's printed accounts."""

from __future__ import annotations

import json
from datetime import date

from bench.scenarios import VARYING, Credentials, Scenario, revalidation, scenarios, selected
from bench.servers import demo_accounts

CREDENTIALS = Credentials(
    approver_token="A",
    applicant_token="P",
    approver_cookie="kipnet_csrf=c; kipnet_session=s",
    visitor_cookie="kipnet_csrf=v",
    open_call="RnVuZGluZ0NhbGw6NQ==",
    funding_area="KIP3_LANGUAGE",
)
DEMO_PRINTOUT = """kipnet demo: 5 new demo applications
Demo accounts (passwords are new on every start):
  APPLICANT applicant@demo.kipnet.example    -isTmo79oGN1QxnY
  APPROVER  approver@demo.kipnet.example     ipT9czTcfog9vRKu
kipnet: portal at http://127.0.0.1:8731/
"""


def names(chosen: list[Scenario]) -> list[str]:
    return [scenario.name for scenario in chosen]


def test_every_figure_of_the_issue_has_a_scenario_and_writes_come_last():
    assert names(scenarios(CREDENTIALS, date(2026, 11, 26))) == [
        "directory-gql",
        "small-post",
        "small-get",
        "applications",
        "applications-status",
        "applications-search",
        "page-directory",
        "page-ald",
        "page-staff",
        "create-application",
    ]


def test_only_picks_a_name_and_every_name_it_begins():
    every = scenarios(CREDENTIALS, date(2026, 11, 26))
    assert names(selected(["small", "page-staff"], every)) == ["small-post", "small-get", "page-staff"]
    assert names(selected(["applications-"], every)) == ["applications-status", "applications-search"]
    assert names(selected(None, every)) == names(every)
    assert selected(["nothing"], every) == []


def test_signed_in_scenarios_carry_the_token_or_the_session_cookie():
    by_name = {s.name: s for s in scenarios(CREDENTIALS, date(2026, 11, 26))}
    assert ("Authorization", "Bearer A") in by_name["applications"].request.headers
    assert ("Authorization", "Bearer P") in by_name["create-application"].request.headers
    assert ("Cookie", "kipnet_csrf=c; kipnet_session=s") in by_name["page-staff"].request.headers
    assert ("Cookie", "kipnet_csrf=v") in by_name["page-directory"].request.headers


def test_the_write_creates_a_draft_next_year_with_a_title_numbered_per_request():
    write = {s.name: s for s in scenarios(CREDENTIALS, date(2026, 11, 26))}["create-application"]
    variables = json.loads(write.request.body)["variables"]["input"]
    assert (write.varying, variables["title"], variables["projectStart"], variables["call"]) == (
        True,
        f"Deutschtreff Bench {VARYING}",
        "2027-01-01",
        "RnVuZGluZ0NhbGw6NQ==",
    )


def test_the_approvers_lists_differ_only_by_their_filter():
    by_name = {s.name: s for s in scenarios(CREDENTIALS, date(2026, 11, 26))}
    queries = [
        json.loads(by_name[name].request.body)["query"]
        for name in ("applications", "applications-status", "applications-search")
    ]
    assert queries[0].startswith("{ applications(first: 50) { totalCount edges")
    assert queries[1].startswith(
        "{ applications(first: 50, filter: {status: [SUBMITTED, IN_REVIEW, APPROVED]}) {"
    )
    assert queries[2].startswith('{ applications(first: 50, filter: {search: "begegnung"}) {')
    assert {q.partition(") {")[2] for q in queries} == {queries[0].partition(") {")[2]}


def test_a_revalidation_sends_the_etag_and_expects_304():
    small_get = {s.name: s for s in scenarios(CREDENTIALS, date(2026, 11, 26))}["small-get"]
    again = revalidation(small_get, '"g7"')
    assert (again.name, again.expect, again.request.headers[-1]) == (
        "small-get-304",
        304,
        ("If-None-Match", '"g7"'),
    )
    assert again.request.target == small_get.request.target


def test_the_demo_accounts_are_read_from_the_printout():
    assert demo_accounts(DEMO_PRINTOUT) == {
        "APPLICANT": ("applicant@demo.kipnet.example", "-isTmo79oGN1QxnY"),
        "APPROVER": ("approver@demo.kipnet.example", "ipT9czTcfog9vRKu"),
    }
