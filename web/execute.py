"""Run the portal's named GraphQL operations for a request, and map their refusals to form fields.

Each `.graphql` file under web/ holds one operation named after the file (`sign_in.graphql` holds
`mutation SignIn`). They run through the same schema, extensions and limits as /graphql, with a
context the server builds from the visitor's session token and the page's language.
"""

from __future__ import annotations

from collections.abc import Awaitable, Callable, Mapping
from dataclasses import dataclass, field
from functools import cache
from pathlib import Path
from typing import Any

from graphql import OperationDefinitionNode, parse
from starlette.requests import Request
from strawberry.schema.base import BaseSchema

WEB_DIR = Path(__file__).resolve().parent

#: (request, session token or None, languages in order of preference) -> the schema's context.
ContextFactory = Callable[[Request, str | None, tuple[str, ...]], Awaitable[Any]]


class OperationFailed(Exception):
    """An operation that did not run or broke as a whole (limits, a fault): the page cannot be built."""

    def __init__(self, name: str, messages: list[str], codes: list[str]) -> None:
        super().__init__(f"{name}: {'; '.join(messages)}")
        self.name = name
        self.messages = messages
        self.codes = codes


def operation_name(path: Path) -> str:
    """The operation a file must hold: its stem in CamelCase (`sign_in.graphql` -> `SignIn`)."""
    return "".join(part.capitalize() for part in path.stem.split("_"))


@cache
def operations() -> dict[str, str]:
    """Every operation of the portal by name, read once; a file not holding its one named operation fails."""
    found: dict[str, str] = {}
    for path in sorted(WEB_DIR.rglob("*.graphql")):
        text = path.read_text(encoding="utf-8")
        definitions = [d for d in parse(text).definitions if isinstance(d, OperationDefinitionNode)]
        expected = operation_name(path)
        names = [d.name.value if d.name else None for d in definitions]
        if names != [expected]:
            raise ValueError(f"{path}: must hold exactly one operation named {expected}, holds {names}")
        if expected in found:
            raise ValueError(f"{path}: a second operation named {expected}")
        found[expected] = text
    return found


@dataclass(frozen=True, slots=True)
class FieldProblem:
    """A refusal of one input field: its path in the mutation's input and the message to show."""

    path: tuple[str, ...]
    message: str
    code: str


@dataclass(slots=True)
class Outcome:
    """What an operation answered: its data (partly null where a field failed) and field errors."""

    data: dict[str, Any]
    error_codes: list[str] = field(default_factory=list)

    def payload(self, name: str) -> dict[str, Any]:
        """A mutation's payload by its root field name."""
        payload = self.data.get(name)
        if not isinstance(payload, dict):
            raise OperationFailed(name, ["no payload"], self.error_codes)
        return payload

    def problems(self, name: str) -> list[FieldProblem]:
        """The UserErrors of a mutation's payload (each error selected as `field code message`)."""
        return [
            FieldProblem(tuple(error["field"]), error["message"], error["code"])
            for error in self.payload(name).get("errors") or []
        ]


@dataclass(slots=True)
class Executor:
    """Runs the portal's operations through the schema with the visitor's context."""

    schema: BaseSchema
    make_context: ContextFactory

    async def run(
        self,
        request: Request,
        name: str,
        variables: Mapping[str, Any] | None = None,
        *,
        token: str | None,
        languages: tuple[str, ...],
    ) -> Outcome:
        """Run operation `name`; a request error or a result without data raises OperationFailed."""
        context = await self.make_context(request, token, languages)
        result = await self.schema.execute(
            operations()[name],
            variable_values=dict(variables or {}),
            context_value=context,
            operation_name=name,
        )
        errors = result.errors or []
        codes = [str((error.extensions or {}).get("code", "")) for error in errors]
        if result.data is None:
            raise OperationFailed(name, [error.message for error in errors], codes)
        return Outcome(data=result.data, error_codes=codes)
