"""The executor's floor: graphql-core alone replays kipnet's answer exactly, field by field."""

from __future__ import annotations

from typing import Any

import graphql

from bench.floor import replay
from bench.scenarios import DIRECTORY_PAGE, SMALL
from schema import build_schema
from schema.context import Context


def fields_in(answer: Any) -> int:
    """How many fields an answer holds: every key of every object, in lists too."""
    if isinstance(answer, dict):
        return sum(1 + fields_in(value) for value in answer.values())
    if isinstance(answer, list):
        return sum(fields_in(item) for item in answer)
    return 0


async def test_graphql_core_replays_the_directory_page_and_resolves_each_field_once(seeded_db):
    # given: kipnet's answer to the bench's directory page
    schema = build_schema()
    result = await schema.execute(DIRECTORY_PAGE, context_value=Context(secret="s" * 40))
    assert result.errors is None
    # when
    data, fields = replay(graphql.build_schema(schema.as_str()), graphql.parse(DIRECTORY_PAGE), result.data)
    # then
    assert data == result.data
    assert fields == fields_in(result.data)
    assert fields > 300  # 50 organisations with their services and relationships


async def test_the_small_query_resolves_three_fields(seeded_db):
    schema = build_schema()
    result = await schema.execute(SMALL, context_value=Context(secret="s" * 40))
    assert result.data is not None
    data, fields = replay(graphql.build_schema(schema.as_str()), graphql.parse(SMALL), result.data)
    assert data == {"organisation": {"name": result.data["organisation"]["name"], "acronym": "SEM"}}
    assert fields == 3
