"""Fuzzing with hostile values inside well-formed inputs, as the administrator, and concurrent duplicates.

Random JSON mostly dies in GraphQL's own coercion, and an applicant is refused before anything is
parsed; so here every input has the right shape, its leaves mix sensible values with hostile ones
(Unicode digits, numbers beyond any range, exponents, NaN, crafted IDs and cursors, invisible text),
and the caller may do everything. Whatever arrives: never a 5xx, never a masked fault, never internals.
"""

from __future__ import annotations

import base64
import json
import string
import threading
from datetime import UTC, date, datetime
from typing import Any

import httpx
import pytest
from graphql import (
    GraphQLEnumType,
    GraphQLInputObjectType,
    GraphQLInputType,
    GraphQLList,
    GraphQLNonNull,
    GraphQLScalarType,
)
from hypothesis import given, settings
from hypothesis import strategies as st

from tests.server.test_fuzzing import (
    FUZZ,
    MUTATION_TYPE,
    SCHEMA,
    SESSION_FIELDS,
    Target,
    assert_clean,
    target,
)

__all__ = ["target"]

UNICODE_DIGITS = ["٣", "²", "①", "１", "۵", "߂", "𝟗", "৩"]
EXTREME_NUMBERS: list[Any] = [2**31, -(2**31) - 1, 2**63, 10**30, 1e308, -1e308, 5e-324, "9" * 400]
NUMBER_TEXTS = ["1e400", "-1e400", "NaN", "sNaN", "Infinity", "-0", "1_000", "0x10", "1,5", " 12 ", "١٢٣"]
TEXTS = [
    "",
    " ",
    "\u200b",
    "\u202e\u2066",
    "\u3164",
    "e\u0301",
    "A" * 301,
    "'; DROP TABLE x; --",
    "%s%n",
    "{0}",
]


def global_id(text: str) -> str:
    return base64.urlsafe_b64encode(text.encode()).decode()


def cursor(*parts: Any) -> str:
    return global_id(json.dumps(list(parts)))


HOSTILE_IDS = [
    global_id(f"{kind}:{key}")
    for kind in ("Application", "Organisation", "FundingCall")
    for key in [*UNICODE_DIGITS, "2147483648", "-1", "0", "9" * 50]
]
HOSTILE_CURSORS = [
    cursor("Organisation", "sort_name:asc", 2**70, 1),
    cursor("Application", "id:asc", 1, 2**40),
    cursor("Application", "id:asc", "x", "y"),
    global_id("[" * 3000),
]
HOSTILE = st.sampled_from(
    [*UNICODE_DIGITS, *EXTREME_NUMBERS, *NUMBER_TEXTS, *TEXTS, *HOSTILE_IDS, *HOSTILE_CURSORS]
)

SCALARS: dict[str, st.SearchStrategy[Any]] = {
    "String": st.text(max_size=12) | st.sampled_from(TEXTS),
    "ID": st.sampled_from(HOSTILE_IDS)
    | st.builds(lambda n: global_id(f"Organisation:{n}"), st.integers(1, 120)),
    "Int": st.integers(-5, 120) | st.sampled_from(EXTREME_NUMBERS),
    "Float": st.floats(allow_nan=False) | st.sampled_from(EXTREME_NUMBERS),
    "Boolean": st.booleans(),
    "Decimal": st.decimals(0, 10**6, places=2).map(str)
    | st.sampled_from([*NUMBER_TEXTS, *UNICODE_DIGITS, *EXTREME_NUMBERS]),
    "Date": st.dates(date(1, 1, 1), date(9999, 12, 31)).map(date.isoformat)
    | st.sampled_from(["٢٠٢٦-٠١-٠١", "2026-13-01"]),
    "DateTime": st.datetimes(timezones=st.just(UTC)).map(datetime.isoformat)
    | st.sampled_from(["2026-01-01T00:00:00", "9999-12-31T23:59:59Z"]),
    # A file only comes as a part of a multipart request: a JSON value in its place is refused cleanly.
    "Upload": st.text(max_size=12) | st.sampled_from(TEXTS) | st.integers(),
}


def shaped(type_: GraphQLInputType, depth: int = 0) -> st.SearchStrategy[Any]:
    """Values of `type_`'s shape whose leaves are sensible or hostile; nullable parts may be left out."""
    if isinstance(type_, GraphQLNonNull):
        return shaped(type_.of_type, depth)
    inner: st.SearchStrategy[Any]
    if isinstance(type_, GraphQLList):
        inner = st.lists(shaped(type_.of_type, depth + 1), max_size=3)
    elif isinstance(type_, GraphQLInputObjectType):
        required = {
            n: shaped(f.type, depth + 1)
            for n, f in type_.fields.items()
            if isinstance(f.type, GraphQLNonNull)
        }
        optional = {n: shaped(f.type, depth + 1) for n, f in type_.fields.items() if n not in required}
        inner = st.fixed_dictionaries(required, optional=optional)
    elif isinstance(type_, GraphQLEnumType):
        inner = st.sampled_from(list(type_.values))
    else:
        assert isinstance(type_, GraphQLScalarType)
        inner = SCALARS[type_.name]
    return inner | st.none() if depth else inner


INPUT_DOCUMENTS = {
    name: (
        f"mutation ($input: {field.args['input'].type}) {{ {name}(input: $input) {{ __typename }} }}",
        field.args["input"].type,
    )
    for name, field in (MUTATION_TYPE.fields.items() if MUTATION_TYPE else ())
    if "input" in field.args and name not in SESSION_FIELDS
}
QUERY_DOCUMENTS = {
    "applications": (
        "query ($filter: ApplicationFilter, $first: Int, $after: String, $order: ApplicationOrder) { applications(filter: $filter, first: $first, after: $after, orderBy: $order) { totalCount } }",
    ),
    "organisations": (
        "query ($filter: OrganisationFilter, $first: Int, $after: String) { organisations(filter: $filter, first: $first, after: $after) { totalCount edges { cursor } } }",
    ),
}
GRAPHQL = SCHEMA._schema

pytestmark = pytest.mark.postgres


def test_well_formed_inputs_with_hostile_leaves_get_clean_answers_even_for_the_administrator(
    target: Target,
) -> None:
    @settings(FUZZ, max_examples=100)
    @given(data=st.data(), name=st.sampled_from(sorted(INPUT_DOCUMENTS)))
    def check(data: st.DataObject, name: str) -> None:
        document, input_type = INPUT_DOCUMENTS[name]
        value = data.draw(shaped(input_type), label="input")
        assert_clean(target.post({"query": document, "variables": {"input": value}}, actor="admin"))

    check()


def test_list_arguments_with_hostile_filters_cursors_and_orders_get_clean_answers(target: Target) -> None:
    filters = {
        "applications": {
            "filter": shaped(GRAPHQL.get_type("ApplicationFilter")),  # type: ignore[arg-type]
            "order": shaped(GRAPHQL.get_type("ApplicationOrder")),  # type: ignore[arg-type]
        },
        "organisations": {"filter": shaped(GRAPHQL.get_type("OrganisationFilter"))},  # type: ignore[arg-type]
    }

    @settings(FUZZ, max_examples=40)
    @given(data=st.data(), name=st.sampled_from(sorted(QUERY_DOCUMENTS)))
    def check(data: st.DataObject, name: str) -> None:
        variables = data.draw(
            st.fixed_dictionaries(
                {},
                optional={
                    **filters[name],
                    "first": SCALARS["Int"],
                    "after": st.sampled_from(HOSTILE_CURSORS)
                    | st.text(alphabet=string.ascii_letters, max_size=20),
                },
            )
        )
        assert_clean(target.post({"query": QUERY_DOCUMENTS[name][0], "variables": variables}, actor="admin"))

    check()


CONCURRENT = {
    "createOrganisation": "mutation ($name: String!) { createOrganisation(input: {kind: NGO, name: {de: $name}}) { organisation { slug } errors { code } } }",
    "createService": 'mutation ($name: String!) { createService(input: {provider: "ald", name: {de: $name}}) { service { slug } errors { code } } }',
}


def test_the_same_record_created_at_once_gives_one_and_conflicts(target: Target) -> None:
    @settings(FUZZ, max_examples=4)
    @given(
        name=st.text(alphabet=string.ascii_letters + "äöüéàç -", min_size=3, max_size=20).filter(
            lambda s: s.strip("- ")
        ),
        mutation=st.sampled_from(sorted(CONCURRENT)),
    )
    def check(name: str, mutation: str) -> None:
        answers: list[dict[str, Any]] = []
        lock = threading.Lock()

        def create() -> None:
            headers = {"Authorization": f"Bearer {target.tokens['admin']}"}
            response = httpx.post(
                f"{target.server.url}/graphql",
                json={"query": CONCURRENT[mutation], "variables": {"name": name}},
                headers=headers,
                timeout=30,
            )
            body = assert_clean(response)
            with lock:
                answers.append(body["data"][mutation])

        threads = [threading.Thread(target=create) for _ in range(4)]
        for thread in threads:
            thread.start()
        for thread in threads:
            thread.join()
        codes = sorted(error["code"] for answer in answers for error in answer["errors"])
        made = [answer for answer in answers if not answer["errors"]]
        assert len(made) <= 1  # a name seen before (an earlier example) gives 0
        assert codes == ["CONFLICT"] * (4 - len(made))

    check()
