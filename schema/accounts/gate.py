"""The production gate: staff who must set up two-factor sign-in may do nothing else until they have.

An APPROVER or ADMIN without it signs in (server/graphql_view.py puts them in
`Context.two_factor_pending`, not in `actor`, so every query answers as for an anonymous visitor);
every mutation but those below answers its payload with a TWO_FACTOR_SETUP_REQUIRED UserError.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

import strawberry
from graphql import GraphQLResolveInfo

from grants.errors import ErrorCode, Problem
from schema.base.input_gate import _refused_payload

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


def gate_pending_staff(schema: strawberry.Schema) -> None:
    """Put the gate in front of every mutation not in ALLOWED_WHILE_PENDING, once, as the schema is built."""
    mutation = schema._schema.mutation_type
    for name, field in mutation.fields.items() if mutation is not None else ():
        if name not in ALLOWED_WHILE_PENDING and field.resolve is not None:
            field.resolve = _gated(field.resolve, schema)


def _gated(resolve: Callable[..., Any], schema: strawberry.Schema) -> Callable[..., Any]:
    def gated_resolve(source: Any, info: GraphQLResolveInfo[Any], /, **kwargs: Any) -> Any:
        if getattr(info.context, "two_factor_pending", None) is not None:
            return _refused_payload(schema, info, [_SET_UP_FIRST])
        return resolve(source, info, **kwargs)

    return gated_resolve
