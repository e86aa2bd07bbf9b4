"""Every operation the portal runs is a valid document of kipnet's schema, one per file, named after it."""

from __future__ import annotations

from graphql import parse, validate

from schema import build_schema
from web.execute import WEB_DIR, operation_name, operations


def test_every_portal_operation_validates_against_the_schema() -> None:
    # given the schema and the portal's documents
    schema = build_schema()._schema
    documents = operations()
    # when each is validated
    problems = {name: [e.message for e in validate(schema, parse(text))] for name, text in documents.items()}
    # then none has a problem, and each file holds the operation its name promises
    assert {name: found for name, found in problems.items() if found} == {}
    assert sorted(documents) == sorted(operation_name(p) for p in WEB_DIR.rglob("*.graphql"))
    assert {"PageChrome", "SignIn", "SignOut"} <= set(documents)


def test_operation_names_come_from_file_names() -> None:
    assert operation_name(WEB_DIR / "account" / "sign_in.graphql") == "SignIn"
    assert operation_name(WEB_DIR / "page_chrome.graphql") == "PageChrome"
