"""Parsing, validation and the pre-execution checks run once per distinct document, not once per request."""

from __future__ import annotations

import uuid
from functools import _lru_cache_wrapper
from typing import Any, cast

import pytest
from strawberry.extensions.parser_cache import _get_parse_cache
from strawberry.extensions.validation_cache import _get_validate_cache

from schema import SchemaOptions, build_schema
from schema.base import cost, nul
from schema.context import Context

CACHE_SIZE = 256  # as build_schema configures both caches


async def test_the_same_document_is_parsed_and_validated_once_across_requests() -> None:
    # given a schema with its limits, and a document no test sent before
    schema = build_schema(SchemaOptions(max_depth=10, max_aliases=15))
    document = f"query Unique{uuid.uuid4().hex} {{ programmes {{ code }} }}"
    # Both are functools.lru_cache wrappers (typed by Strawberry as plain callables).
    validations = cast("_lru_cache_wrapper[Any]", _get_validate_cache(CACHE_SIZE))
    parses = cast("_lru_cache_wrapper[Any]", _get_parse_cache(CACHE_SIZE))
    validated_before, parsed_before = validations.cache_info(), parses.cache_info()
    # when it is run five times, each with a request's own context
    for _ in range(5):
        result = await schema.execute(document, context_value=Context())
        assert result.errors is None or all(e.path for e in result.errors)
    validated, parsed = validations.cache_info(), parses.cache_info()
    # then it was validated and parsed once, and found in the caches four times
    assert (validated.misses - validated_before.misses, validated.hits - validated_before.hits) == (1, 4)
    assert (parsed.misses - parsed_before.misses, parsed.hits - parsed_before.hits) == (1, 4)


async def test_the_limits_still_refuse_with_the_cache() -> None:
    # given a schema allowing depth 2 and one alias
    schema = build_schema(SchemaOptions(max_depth=2, max_aliases=1))
    deep = "{ programmes { owner { services { edges { node { name } } } } } }"
    aliased = "{ a: programmes { code } b: programmes { code } }"
    # when each is sent twice (the second from the cache)
    answers = [await schema.execute(q, context_value=Context()) for q in (deep, deep, aliased, aliased)]
    # then every one is refused for its limit, each time
    messages = [[e.message for e in a.errors or []] for a in answers]
    assert (
        messages
        == [["'anonymous' exceeds maximum operation depth of 2"]] * 2 + [["2 aliases found. Allowed: 1"]] * 2
    )


async def test_the_cost_and_the_literals_of_a_document_are_worked_out_once_across_requests(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    # given a schema, a document no test sent before, and counters on the two pre-execution checks
    schema = build_schema()
    document = f'query Unique{uuid.uuid4().hex} {{ organisation(slug: "ald") {{ slug }} }}'
    costed, scanned = (
        counted(monkeypatch, cost, "operation_cost"),
        counted(monkeypatch, nul, "first_unstorable_literal"),
    )
    # when it is run three times without variables, then once with variables
    for _ in range(3):
        await schema.execute(document, context_value=Context())
    await schema.execute(document, variable_values={"unused": "x"}, context_value=Context())
    # then its cost was worked out once without variables and again with them; its literals once
    assert (len(costed), len(scanned)) == (2, 1)


async def test_a_nul_in_a_literal_is_refused_every_time_it_is_sent() -> None:
    # given a schema and a document with a NUL in a string literal
    schema = build_schema()
    document = f'query Unique{uuid.uuid4().hex} {{ organisation(slug: "a\\u0000") {{ slug }} }}'
    # when it is sent twice, then it is refused twice, naming the literal
    for _ in range(2):
        result = await schema.execute(document, context_value=Context())
        assert result.errors is not None
        assert result.errors[0].extensions == {"code": "INVALID"}
        assert result.errors[0].locations is not None


def counted(monkeypatch: pytest.MonkeyPatch, module: Any, name: str) -> list[object]:
    """The calls of `module.name` from now on (it still does its work)."""
    calls: list[object] = []
    original = getattr(module, name)

    def counting(*args: Any) -> Any:
        calls.append(args)
        return original(*args)

    monkeypatch.setattr(module, name, counting)
    return calls
