"""Every refusal and fault answers a GraphQL-style JSON error with the security headers, never plain text."""

from __future__ import annotations

import json
import logging

import pytest

from grants import open_data
from server.guard import MAX_JSON_DEPTH, nested_deeper_than

RESPONSE_JSON = "application/graphql-response+json"
PROGRAMMES = "{ programmes { code } }"
ORGANISATIONS = "query ($filter: OrganisationFilter) { organisations(filter: $filter) { totalCount } }"
API_CSP = "default-src 'none'; frame-ancestors 'none'; base-uri 'none'"
TOO_DEEP = {
    "errors": [
        {
            "message": f"The JSON is nested more than {MAX_JSON_DEPTH} levels deep",
            "extensions": {"code": "INVALID"},
        }
    ]
}


def nested(depth: int) -> object:
    value: object = "x"
    for _ in range(depth):
        value = [value]
    return value


def assert_security_headers(response) -> None:
    assert response.headers["x-content-type-options"] == "nosniff"
    assert response.headers["content-security-policy"] == API_CSP
    assert response.headers["cache-control"] == "no-store"


@pytest.mark.parametrize(
    ("text", "deeper"),
    [
        (b"[" * 64 + b"]" * 64, False),
        (b"[" * 65 + b"]" * 65, True),
        (b'{"a":' * 65 + b"1" + b"}" * 65, True),
        (b"[{}]" * 100_000, False),
        (b'["' + b"[" * 1000 + b'"]', False),
        (b'["\\"' + b"[" * 1000 + b'"]', False),
        (b"[" * 1000, True),  # never closed, but json.loads would recurse into them all the same
        (b"]" * 1000 + b"[" * 10, False),
        (b"[" * 50_000 + b"]" * 50_000, True),
    ],
)
def test_json_depth_is_counted_outside_strings(text, deeper):
    assert nested_deeper_than(text, MAX_JSON_DEPTH) is deeper


@pytest.mark.parametrize("body", [b"[" * 50_000 + b"]" * 50_000, b'{"query": ' + b"[" * 50_000])
async def test_a_json_body_nested_50000_levels_deep_is_refused_before_parsing(db, client, body):
    # given a body json.loads would recurse too deeply on (closed or not); when it arrives
    response = await client.post(
        "/graphql", content=body, headers={"Content-Type": "application/json", "Accept": RESPONSE_JSON}
    )
    # then it is a request error in the media type asked for, with the security headers
    assert (response.status_code, response.headers["content-type"], response.json()) == (
        400,
        f"{RESPONSE_JSON}; charset=utf-8",
        TOO_DEEP,
    )
    assert_security_headers(response)


async def test_variables_nested_too_deeply_are_refused_by_post_and_by_get(db, client):
    too_deep = {"query": ORGANISATIONS, "variables": {"filter": {"kind": nested(MAX_JSON_DEPTH)}}}
    posted = await client.post("/graphql", json=too_deep)
    got = await client.get(
        "/graphql", params={"query": ORGANISATIONS, "variables": json.dumps(too_deep["variables"])}
    )
    extensions = await client.get(
        "/graphql", params={"query": PROGRAMMES, "extensions": json.dumps({"a": nested(MAX_JSON_DEPTH)})}
    )
    assert [(r.status_code, r.json()) for r in (posted, got, extensions)] == [(400, TOO_DEEP)] * 3
    # one level less reaches GraphQL, which judges the value itself
    shallower = {"query": ORGANISATIONS, "variables": {"filter": {"kind": nested(MAX_JSON_DEPTH - 3)}}}
    judged = await client.post("/graphql", json=shallower)
    assert judged.status_code == 200
    assert judged.json()["errors"][0]["message"].startswith("Variable '$filter' has invalid value")
    # and brackets inside strings do not count
    text = await client.post("/graphql", json={"query": PROGRAMMES, "variables": {"s": "[" * 1000}})
    assert text.json() == {"data": {"programmes": []}}


async def test_unknown_paths_and_methods_answer_json(db, client):
    missing = await client.get("/nowhere")
    wrong_method = await client.put("/graphql", json={"query": PROGRAMMES})
    assert (missing.status_code, missing.headers["content-type"], missing.json()) == (
        404,
        "application/json; charset=utf-8",
        {"errors": [{"message": "Not Found", "extensions": {"code": "NOT_FOUND"}}]},
    )
    assert (
        wrong_method.status_code,
        set(wrong_method.headers["allow"].split(", ")),
        wrong_method.json(),
    ) == (
        405,
        {"GET", "HEAD", "POST"},
        {"errors": [{"message": "Method Not Allowed", "extensions": {"code": "METHOD_NOT_ALLOWED"}}]},
    )
    assert_security_headers(missing)
    assert_security_headers(wrong_method)


async def test_a_fault_outside_graphql_answers_json_500_with_the_headers_and_is_logged_once(
    db, client, monkeypatch, caplog
):
    # given a route that fails in a way nobody meant
    async def broken(**_: object) -> dict[str, object]:
        raise RuntimeError("secret internals")

    monkeypatch.setattr(open_data, "package", broken)
    # when it is asked for
    with caplog.at_level(logging.INFO):
        response = await client.get("/open-data/360giving.json", headers={"X-Request-Id": "req-500"})
    # then the client gets the request id to quote, as JSON, with every security header
    assert (response.status_code, response.headers["content-type"], response.json()) == (
        500,
        "application/json; charset=utf-8",
        {
            "errors": [
                {
                    "message": "Internal server error",
                    "extensions": {"code": "INTERNAL", "requestId": "req-500"},
                }
            ]
        },
    )
    assert_security_headers(response)
    assert response.headers["x-request-id"] == "req-500"
    # and the operator one traceback under the logger for faults, and an access line with 500
    faults = [r for r in caplog.records if r.levelno >= logging.ERROR]
    assert [(r.name, r.getMessage()) for r in faults] == [
        ("kipnet.errors", "unhandled error in GET /open-data/360giving.json")
    ]
    assert faults[0].exc_info is not None
    assert [r.getMessage() for r in caplog.records if r.name == "kipnet.access"] == [
        "GET /open-data/360giving.json 500"
    ]
