"""UserErrors in mutation payloads, and how domain errors and server faults reach clients."""

from __future__ import annotations

import logging
from collections.abc import Iterator, Mapping, Sequence
from typing import Annotated, Any

import strawberry
from graphql import GraphQLError
from strawberry.extensions import MaskErrors, SchemaExtension

from grants.errors import DomainError, ErrorCode, Problem
from schema.base.messages import message_language, render

logger = logging.getLogger("kipnet.errors")

ErrorCodeType = strawberry.enum(ErrorCode, name="ErrorCode")


#: The `errors` field of every mutation payload.
ERRORS = "Why it was refused, each problem with its input field; empty on success. Refused: nothing changed."

#: `lang` of UserError.message, which falls back to English (the messages' source language), not German.
MessageLang = Annotated[
    str | None,
    strawberry.argument(
        description="Language of the message (de, fr, it, en); default: Accept-Language, else English."
    ),
]


def camel(name: str) -> str:
    """snake_case -> camelCase, for field paths named after the API's input fields."""
    head, *rest = name.split("_")
    return head + "".join(part[:1].upper() + part[1:] for part in rest)


@strawberry.type(description="A refused input or action, tied to the input field at fault.")
class UserError:
    field: list[str] = strawberry.field(
        description='Path to the input field at fault, e.g. ["input", "budgetLines", "2", "amount"]; '
        "empty when not tied to one field."
    )
    code: ErrorCode = strawberry.field(description="Why it was refused, for programs to act on.")
    problem: strawberry.Private[Problem]

    @strawberry.field(
        description="What is wrong, for people: in the language of `lang`, else of the request's "
        "Accept-Language (de, fr, it, en), else English."
    )
    def message(self, info: strawberry.Info[Any, Any], lang: MessageLang = None) -> str:
        return render(self.problem, message_language(lang, info.context.languages))

    @classmethod
    def from_problem(
        cls,
        problem: Problem,
        prefix: Sequence[str] = ("input",),
        relocate: Mapping[str, Sequence[str]] | None = None,
    ) -> UserError:
        """The API form of a domain problem, its path under `prefix`, a first part moved by `relocate`."""
        if not problem.field:
            return cls(field=[], code=problem.code, problem=problem)
        head, *rest = problem.field
        moved = (relocate or {}).get(head, (head,))
        return cls(
            field=[*prefix, *(camel(part) for part in (*moved, *rest))], code=problem.code, problem=problem
        )


def user_errors(
    error: DomainError,
    prefix: Sequence[str] = ("input",),
    relocate: Mapping[str, Sequence[str]] | None = None,
) -> list[UserError]:
    """Every problem of a refused mutation as UserErrors."""
    return [UserError.from_problem(problem, prefix, relocate) for problem in error.problems]


def is_unexpected(error: GraphQLError) -> bool:
    """True for server faults, which must be masked; false for errors meant for the client."""
    original = error.original_error
    return original is not None and not isinstance(original, DomainError | GraphQLError)


class ClientErrors(SchemaExtension):
    """Give domain refusals in queries a code and field, and log server faults before masking."""

    def on_operation(self) -> Iterator[None]:
        yield
        result = self.execution_context.result
        for error in getattr(result, "errors", None) or ():
            original = error.original_error
            if isinstance(original, DomainError):
                problem = original.problems[0]
                language = message_language(None, getattr(self.execution_context.context, "languages", ()))
                error.message = "; ".join(render(p, language) for p in original.problems)
                error.extensions = {
                    **(error.extensions or {}),
                    "code": problem.code.value,
                    "field": [camel(part) for part in problem.field],
                }
            elif is_unexpected(error):
                context = self.execution_context.context
                logger.error(
                    "unexpected error in %s (request %s)",
                    ".".join(str(p) for p in error.path or ()),
                    getattr(context, "request_id", "-"),
                    exc_info=original,
                )


class MaskServerFaults(MaskErrors):
    """Replace server faults by "Internal server error" and the request id the operator can look up."""

    def __init__(self) -> None:
        super().__init__(should_mask_error=is_unexpected, error_message="Internal server error")

    def anonymise_error(self, error: GraphQLError) -> GraphQLError:
        """The masked error, carrying only a code and the request id."""
        masked = super().anonymise_error(error)
        request_id = getattr(self.execution_context.context, "request_id", "-")
        masked.extensions = {"code": "INTERNAL", "requestId": request_id}
        return masked
