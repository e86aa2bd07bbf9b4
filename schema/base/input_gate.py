"""One gate for every argument of a root field: text normalised to NFC, every list and text bounded.

Without it a client could send 8,000 budget lines or a summary of a megabyte, and the same letter
could arrive composed in one request and decomposed in the next (é as one or as two code points),
so that equal names would differ. The gate runs before a root field's resolver, on the arguments as
graphql-core coerced them (GraphQL names, so its field paths are the client's). A mutation it
refuses answers its payload with UserErrors; a query answers a field error. Nothing runs.
"""

from __future__ import annotations

import unicodedata
from collections.abc import Awaitable, Callable, Mapping
from typing import Any

import strawberry
from graphql import (
    GraphQLInputObjectType,
    GraphQLInputType,
    GraphQLList,
    GraphQLResolveInfo,
    get_nullable_type,
)

from grants.errors import DomainError, ErrorCode, Problem
from schema.base.errors import UserError

#: The longest text any argument may hold; the domain caps titles and names much shorter.
MAX_TEXT = 10_000
#: Texts that may be longer: a project report's narrative.
TEXT_LIMITS: Mapping[str, int] = {"SubmitProjectReportInput.narrative": 50_000}
#: The most items of each list argument ("Type.field", or "Query.field.argument" for arguments).
LIST_LIMITS: Mapping[str, int] = {
    "ApplicationFilter.status": 8,
    "CreateApplicationInput.budgetLines": 200,
    "UpdateApplicationInput.budgetLines": 200,
    "CreateApplicationInput.municipalities": 100,
    "UpdateApplicationInput.municipalities": 100,
    "CreateApplicationInput.languages": 30,
    "UpdateApplicationInput.languages": 30,
    "CreateApplicationInput.targets": 50,
    "UpdateApplicationInput.targets": 50,
    "CreateFundingCallInput.criteria": 20,
    "CreateFundingCallInput.fundingAreas": 20,
    "CreateFundingCallInput.tranchePlan": 12,
    "CreateOrganisationInput.languages": 30,
    "UpdateOrganisationInput.languages": 30,
    "CreateServiceInput.languages": 30,
    "UpdateServiceInput.languages": 30,
    "OrganisationFilter.kind": 7,
    "Query.partnerNetwork.kinds": 6,
    "SubmitProjectReportInput.actuals": 50,
    "SubmitReviewInput.scores": 20,
    "UserFilter.role": 4,
}
#: For a list this table forgot (a test keeps it from happening).
DEFAULT_LIST_LIMIT = 50

Path = tuple[str, ...]
Info = GraphQLResolveInfo[Any]


def gated(value: Any, type_: GraphQLInputType, path: Path, coordinate: str, problems: list[Problem]) -> Any:
    """`value` with its texts in NFC; a problem for each list or text over its bound."""
    if value is None:
        return None
    bare = get_nullable_type(type_)
    if isinstance(bare, GraphQLList):
        limit = LIST_LIMITS.get(coordinate, DEFAULT_LIST_LIMIT)
        if len(value) > limit:
            problems.append(Problem(ErrorCode.INVALID, "At most {limit} items", path, limit=limit))
            return value
        return [
            gated(item, bare.of_type, (*path, str(i)), coordinate, problems) for i, item in enumerate(value)
        ]
    if isinstance(bare, GraphQLInputObjectType):
        return {
            key: gated(item, bare.fields[key].type, (*path, key), f"{bare.name}.{key}", problems)
            for key, item in value.items()
        }
    if isinstance(value, str):
        limit = TEXT_LIMITS.get(coordinate, MAX_TEXT)
        if len(value) > limit:
            problems.append(Problem(ErrorCode.INVALID, "At most {limit:,} characters", path, limit=limit))
            return value
        return unicodedata.normalize("NFC", value)
    return value


def gate_arguments(info: Info, arguments: dict[str, Any]) -> tuple[dict[str, Any], list[Problem]]:
    """The root field's arguments normalised, and what is wrong with them."""
    field = info.parent_type.fields[info.field_name]
    problems: list[Problem] = []
    clean = {
        name: gated(
            value,
            field.args[name].type,
            (name,),
            f"{info.parent_type.name}.{info.field_name}.{name}",
            problems,
        )
        for name, value in arguments.items()
    }
    return clean, problems


def gate_root_fields(schema: strawberry.Schema) -> None:
    """Put gate_arguments in front of every root field that takes arguments, once, as the schema is built.

    In the root fields' own resolvers rather than in a schema extension's `resolve`: an extension's
    is middleware around every field of every request, nested scalars included, though only root
    fields have arguments to gate.
    """
    graphql_schema = schema._schema
    for root in (graphql_schema.query_type, graphql_schema.mutation_type):
        for field in root.fields.values() if root is not None else ():
            if field.args and field.resolve is not None:
                field.resolve = _gated(field.resolve, schema)


def _gated(resolve: Callable[..., Any], schema: strawberry.Schema) -> Callable[..., Any]:
    """`resolve` behind the gate: normalised arguments, or the refusal with nothing run."""

    def gated_resolve(source: Any, info: Info, /, **kwargs: Any) -> Any:
        if not kwargs:
            return resolve(source, info)
        clean, problems = gate_arguments(info, kwargs)
        if not problems:
            return resolve(source, info, **clean)
        if info.operation.operation.value == "mutation":
            return _refused_payload(schema, info, problems)
        raise DomainError(problems)

    return gated_resolve


def _refused_payload(schema: strawberry.Schema, info: Info, problems: list[Problem]) -> Awaitable[Any] | Any:
    """The mutation's payload with every problem as a UserError and nothing else set."""
    payload = info.parent_type.fields[info.field_name].type
    name = get_nullable_type(payload).name
    definition = schema.get_type_by_name(name)
    origin: Any = definition.origin  # type: ignore[union-attr]
    empty = {field.python_name: None for field in definition.fields if field.python_name != "errors"}  # type: ignore[union-attr]
    errors = [UserError.from_problem(problem, prefix=()) for problem in problems]
    return origin(**empty, errors=errors)
