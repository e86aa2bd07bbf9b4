"""The production gate: staff who must set up two-factor sign-in may do nothing else until they have.

An APPROVER or ADMIN without it signs in (server/graphql_view.py puts them in
`Context.two_factor_pending`, not in `actor`, so every query answers as for an anonymous visitor);
every mutation but those below answers its payload with a TWO_FACTOR_SETUP_REQUIRED UserError.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

import strawberry
from graphql import GraphQLList, GraphQLNonNull, GraphQLResolveInfo, GraphQLScalarType, get_nullable_type

from grants.errors import ErrorCode, Problem
from schema.base.errors import UserError

#: What someone asked to set up two-factor sign-in may still do (the account mutations that need no
#: signed-in user included).
ALLOWED_WHILE_PENDING = frozenset(
    {
        "login",
        "logout",
        "beginTwoFactorSetup",
        "confirmTwoFactor",
        "acceptInvitation",
        "requestPasswordReset",
        "resetPassword",
    }
)
_SET_UP_FIRST = Problem(ErrorCode.TWO_FACTOR_SETUP_REQUIRED, "Set up two-factor sign-in first")
#: What a refused payload's non-null fields hold (null where the field allows it).
_EMPTY: dict[str, Any] = {"Int": 0, "Boolean": False, "String": ""}


def gate_pending_staff(schema: strawberry.Schema) -> None:
    """Put the gate in front of every mutation not in ALLOWED_WHILE_PENDING, once, as the schema is built."""
    mutation = schema._schema.mutation_type
    for name, field in mutation.fields.items() if mutation is not None else ():
        if name not in ALLOWED_WHILE_PENDING and field.resolve is not None:
            field.resolve = _gated(field.resolve, schema)


def _gated(resolve: Callable[..., Any], schema: strawberry.Schema) -> Callable[..., Any]:
    def gated_resolve(source: Any, info: GraphQLResolveInfo[Any], /, **kwargs: Any) -> Any:
        if getattr(info.context, "two_factor_pending", None) is not None:
            return _refused_payload(schema, info)
        return resolve(source, info, **kwargs)

    return gated_resolve


def _refused_payload(schema: strawberry.Schema, info: GraphQLResolveInfo[Any]) -> Any:
    """The mutation's payload with the one UserError, its other fields null or, if they may not be, empty."""
    payload = get_nullable_type(info.parent_type.fields[info.field_name].type)
    definition: Any = schema.get_type_by_name(payload.name)
    values: dict[str, Any] = {}
    for field in definition.fields:
        if field.python_name == "errors":
            continue
        graphql_field = payload.fields[schema.config.name_converter.get_graphql_name(field)]
        bare = get_nullable_type(graphql_field.type)
        if not isinstance(graphql_field.type, GraphQLNonNull):
            values[field.python_name] = None
        elif isinstance(bare, GraphQLList):
            values[field.python_name] = []
        else:
            values[field.python_name] = _EMPTY.get(bare.name) if isinstance(bare, GraphQLScalarType) else None
    return definition.origin(**values, errors=[UserError.from_problem(_SET_UP_FIRST, prefix=())])
