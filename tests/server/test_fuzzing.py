"""Property-based fuzzing from the schema against a served kipnet: valid and invalid documents and variables.

Whatever arrives: never a 5xx, never an unexpected (masked) error, never internals in a message, and a
refused mutation changes nothing in the database.
"""

from __future__ import annotations

import hashlib
import json
import re
import socket
from collections.abc import Iterator
from dataclasses import dataclass
from datetime import UTC
from pathlib import Path
from typing import Any

import httpx
import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from hypothesis_graphql import Mode, from_schema, mutations, nodes, queries

from schema import build_schema
from tests.load import add_admin, add_user, fetch, login_token, table_names
from tests.served import ServedKipnet

SCHEMA = build_schema()
SDL = SCHEMA.as_str()
SCALARS = {
    "Date": st.dates().map(lambda day: nodes.String(day.isoformat())),
    "DateTime": st.datetimes(timezones=st.just(UTC)).map(lambda t: nodes.String(t.isoformat())),
    "Decimal": st.decimals(min_value=-(10**7), max_value=10**7, places=2, allow_nan=False).map(nodes.String),
    # A file only comes as a part of a multipart request: any literal for it must be refused cleanly.
    "Upload": st.text(max_size=20).map(nodes.String),
}
# What must never reach a client: stack traces, module paths, driver names, masked faults.
INTERNALS = re.compile(
    r"Traceback|File \"|\.py\b|tortoise|sqlite|asyncpg|Internal server error", re.IGNORECASE
)
# Counted on purpose for every login attempt, refused or not.
ATTEMPT_COUNTERS = frozenset({"rate_limit_counter"})
APPLICANT_EMAIL = "lead@ald.ch"
# beginTwoFactorSetup: any account may start its own setup (a new, unconfirmed secret is a change).
SESSION_FIELDS = {"logout", "logoutEverywhere", "changePassword", "beginTwoFactorSetup"}
MUTATION_FIELDS = sorted(SCHEMA._schema.mutation_type.fields) if SCHEMA._schema.mutation_type else []
assert len(MUTATION_FIELDS) > 20
FUZZ = settings(max_examples=120, deadline=None, suppress_health_check=list(HealthCheck), derandomize=True)
JSON_VALUES = st.recursive(
    st.none()
    | st.booleans()
    | st.integers()
    | st.floats(allow_nan=False, allow_infinity=False)
    | st.text(max_size=20),
    lambda inner: st.lists(inner, max_size=4) | st.dictionaries(st.text(max_size=12), inner, max_size=4),
    max_leaves=12,
)
MUTATION_TYPE = SCHEMA._schema.mutation_type
# Every mutation that takes an `input`, fed arbitrary JSON as that input, plus some queries.
VARIABLE_DOCUMENTS = [
    f"mutation ($input: {field.args['input'].type}) {{ {name}(input: $input) {{ __typename }} }}"
    for name, field in (MUTATION_TYPE.fields.items() if MUTATION_TYPE else ())
    if "input" in field.args and name not in SESSION_FIELDS
] + [
    "query ($first: Int, $after: String, $filter: OrganisationFilter) "
    "{ organisations(first: $first, after: $after, filter: $filter) { totalCount } }",
    "query ($id: ID!) { node(id: $id) { id } }",
]


@dataclass
class Target:
    server: ServedKipnet
    database_url: str
    tokens: dict[str, str]
    tables: list[str]

    def post(self, body: object, actor: str | None = None) -> httpx.Response:
        headers = {"Authorization": f"Bearer {self.tokens[actor]}"} if actor else {}
        return httpx.post(f"{self.server.url}/graphql", json=body, headers=headers, timeout=30)

    def post_raw(self, body: bytes) -> httpx.Response:
        return httpx.post(
            f"{self.server.url}/graphql",
            content=body,
            headers={"Content-Type": "application/json"},
            timeout=30,
        )

    def snapshot(self) -> str:
        """A digest of every table's rows but the attempt counters."""
        rows = fetch(self.database_url, [f'SELECT * FROM "{table}"' for table in self.tables])
        return hashlib.sha256(repr([sorted(map(repr, table)) for table in rows]).encode()).hexdigest()


@pytest.fixture
def target(seeded_database_url: str, tmp_path: Path) -> Iterator[Target]:
    add_admin(seeded_database_url)
    add_user(seeded_database_url, APPLICANT_EMAIL, "APPLICANT", organisation="ald")
    server = ServedKipnet(seeded_database_url, tmp_path / "server.log").start()
    tokens = {"admin": login_token(server.url), "applicant": login_token(server.url, APPLICANT_EMAIL)}
    tables = [table for table in table_names(seeded_database_url) if table not in ATTEMPT_COUNTERS]
    try:
        yield Target(server, seeded_database_url, tokens, tables)
    finally:
        server.stop()


def assert_clean(response: httpx.Response, sent: str = "") -> dict[str, Any]:
    """No 5xx, a GraphQL JSON body, no internals anywhere in it (beyond what the client itself sent)."""
    assert response.status_code < 500, response.text
    leaks = [m.group(0) for m in INTERNALS.finditer(response.text) if m.group(0).lower() not in sent.lower()]
    assert not leaks, response.text
    body = response.json()
    assert isinstance(body, dict), response.text
    assert "data" in body or "errors" in body, response.text
    return body


pytestmark = pytest.mark.postgres


def test_valid_queries_as_staff_never_fail_unexpectedly(target: Target) -> None:
    @FUZZ
    @given(document=queries(SDL, custom_scalars=SCALARS))
    def check(document: str) -> None:
        assert_clean(target.post({"query": document}, actor="admin"))

    check()


def test_invalid_documents_get_clean_errors(target: Target) -> None:
    @FUZZ
    @given(document=from_schema(SDL, custom_scalars=SCALARS, mode=Mode.NEGATIVE))
    def check(document: str) -> None:
        body = assert_clean(target.post({"query": document}))
        assert body.get("errors"), body

    check()


def test_mutations_refused_to_anonymous_callers_change_nothing(target: Target) -> None:
    @FUZZ
    @given(document=mutations(SDL, custom_scalars=SCALARS))
    def check(document: str) -> None:
        before = target.snapshot()
        assert_clean(target.post({"query": document}))
        assert target.snapshot() == before

    check()


def test_mutations_an_applicant_may_not_make_change_nothing(target: Target) -> None:
    fields = [name for name in MUTATION_FIELDS if name not in SESSION_FIELDS]

    @FUZZ
    @given(document=mutations(SDL, custom_scalars=SCALARS, fields=fields))
    def check(document: str) -> None:
        before = target.snapshot()
        assert_clean(target.post({"query": document}, actor="applicant"))
        assert target.snapshot() == before

    check()


def test_arbitrary_variables_get_clean_errors_and_change_nothing(target: Target) -> None:
    @settings(FUZZ, max_examples=300)
    @given(
        document=st.sampled_from(VARIABLE_DOCUMENTS),
        variables=st.fixed_dictionaries({"input": JSON_VALUES})
        | st.dictionaries(
            st.sampled_from(["input", "first", "after", "filter", "id"]), JSON_VALUES, max_size=3
        ),
    )
    def check(document: str, variables: dict[str, Any]) -> None:
        before = target.snapshot()
        # A variable's own name or text may come back in its error (hypothesis once sent {"TORTOISE": null}).
        sent = document + json.dumps(variables)
        assert_clean(target.post({"query": document, "variables": variables}, actor="applicant"), sent)
        assert target.snapshot() == before

    check()


def nested_json(depth: int, kinds: str, closed: bool) -> str:
    """`depth` arrays and objects inside each other, in the order `kinds` ("[" or "{") repeats."""
    opened = [kinds[level % len(kinds)] for level in range(depth)]
    inside = "".join("[" if kind == "[" else '{"k":' for kind in opened)
    if not closed:
        return inside
    return inside + '"x"' + "".join("]" if kind == "[" else "}" for kind in reversed(opened))


def test_deeply_nested_json_bodies_and_variables_get_clean_errors(target: Target) -> None:
    @settings(FUZZ, max_examples=60)
    @given(
        depth=st.integers(min_value=1, max_value=100_000),
        kinds=st.text(alphabet="[{", min_size=1, max_size=3),
        where=st.sampled_from(["body", "variables"]),
        closed=st.booleans(),
    )
    def check(depth: int, kinds: str, where: str, closed: bool) -> None:
        value = nested_json(depth, kinds, closed)
        body = (
            value
            if where == "body"
            else f'{{"query": "{{ programmes {{ code }} }}", "variables": {{"v": {value}}}}}'
        )
        response = target.post_raw(body.encode())
        assert response.status_code in (200, 400), response.text
        assert_clean(response)

    check()


def test_clients_that_leave_mid_request_leave_no_fault_behind(target: Target) -> None:
    request = json.dumps({"query": "{ programmes { code } }"}).encode()
    whole = (
        b"POST /graphql HTTP/1.1\r\nHost: kipnet\r\nContent-Type: application/json\r\n"
        b"Content-Length: %d\r\n\r\n" % len(request) + request
    )

    @settings(FUZZ, max_examples=40)
    @given(cut=st.integers(min_value=1, max_value=len(whole)))
    def check(cut: int) -> None:
        # a client sends the first `cut` bytes of a request and goes away
        with socket.create_connection(("127.0.0.1", target.server.port), timeout=30) as connection:
            connection.sendall(whole[:cut])
        assert_clean(target.post({"query": "{ programmes { code } }"}))

    check()
    target.server.stop()
    log = target.server.log.read_text()
    assert " ERROR " not in log, log
    assert "Traceback" not in log, log
