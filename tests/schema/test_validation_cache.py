"""Validation and parsing run once per distinct document, not once per request: the caches hit."""

from __future__ import annotations

import uuid
from functools import _lru_cache_wrapper
from typing import Any, cast

from strawberry.extensions.parser_cache import _get_parse_cache
from strawberry.extensions.validation_cache import _get_validate_cache

from schema import SchemaOptions, build_schema
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
