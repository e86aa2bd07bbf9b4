"""Production error messages name only what the request itself named: the schema stays undescribed.

graphql-core's validation and coercion messages quote schema elements the client never wrote
("Did you mean 'slug'?", "Argument 'Query.organisation(slug:)' of type 'String!' is required",
"Value 'NGOO' does not exist in 'OrganisationKind' enum", "Int cannot represent …"), and Strawberry's
`disable_field_suggestions` only strips the suggestion of one rule. With introspection off those
messages would still map the schema piece by piece, so every error of a production request passes
through `RedactSchemaNames`, which

1. drops every "Did you mean …?" clause (suggestions are schema names by construction);
2. replaces each single-quoted segment holding a word the request did not contain by `HIDDEN`;
3. replaces any remaining bare type name or enum value the request did not contain by `HIDDEN`.

The request's words are the identifiers of the document's text and of the variables (keys and
text values, at any depth). Quotes inside the client's own text would pair with the messages'
quotes and shift every segment after them, so that text, as the messages print it, is masked before
pairing; if the quotes still do not pair up, the whole message becomes `UNREADABLE`. Syntax errors
come from the parser, which knows no schema, and domain refusals are written for clients: both pass
unchanged.
"""

from __future__ import annotations

import functools
import re
from collections.abc import Iterable, Iterator
from typing import Any

from graphql import (
    DocumentNode,
    GraphQLEnumType,
    GraphQLError,
    GraphQLSchema,
    GraphQLSyntaxError,
    StringValueNode,
    Visitor,
    print_ast,
    visit,
)
from graphql.pyutils import inspect
from strawberry.extensions import SchemaExtension

from grants.errors import DomainError

HIDDEN = "(hidden)"
UNREADABLE = "The request does not fit the API (details are not shown in production)."
_SUGGESTION = re.compile(r"\s*Did you mean [^?]*\?")
_QUOTED = re.compile(r"'([^']*)'")
_WORD = re.compile(r"[_A-Za-z][_0-9A-Za-z]*")
# Quoted words of messages that name no schema element (QueryDepthLimiter: "'anonymous' exceeds …").
_TEMPLATE_WORDS = frozenset({"anonymous"})
# A character the messages never contain, to stand for the client's text while quotes are paired.
_MARK = "\x00"


@functools.lru_cache(maxsize=8)
def bare_names(schema: GraphQLSchema) -> frozenset[str]:
    """The schema's names that messages may print without quotes: type names and enum values."""
    names = set(schema.type_map)
    for named in schema.type_map.values():
        if isinstance(named, GraphQLEnumType):
            names.update(named.values)
    return frozenset(names)


class _Strings(Visitor):
    def __init__(self) -> None:
        super().__init__()
        self.found: list[str] = []

    def enter_string_value(self, node: StringValueNode, *_: Any) -> None:
        self.found.append(node.value)


def _texts(value: Any) -> Iterator[str]:
    """Every key and text value in a variables value, at any depth."""
    if isinstance(value, str):
        yield value
    elif isinstance(value, dict):
        for key, item in value.items():
            yield str(key)
            yield from _texts(item)
    elif isinstance(value, list | tuple):
        for item in value:
            yield from _texts(item)


class RequestText:
    """What the client sent: the words it used, and its texts holding quotes (as messages print them)."""

    def __init__(self, query: str | None, variables: Any, document: DocumentNode | None) -> None:
        texts = list(_texts(variables or {}))
        if document is not None:
            strings = _Strings()
            visit(document, strings)
            texts += strings.found
        self.words = frozenset(_WORD.findall(" ".join([query or "", *texts])))
        quoted = {text for text in texts if "'" in text}
        # The forms graphql-core prints a text in, each with the delimiters around it (so that a short
        # text like "'" cannot stand for the messages' own quotes): repr/inspect, a GraphQL literal,
        # quoted by the message ('…'), a path step (.key); longest first so none is cut by another.
        forms = {
            form
            for text in quoted
            for form in (
                repr(text),
                inspect(text),
                print_ast(StringValueNode(value=text)),
                f"'{text}'",
                f".{text}",
            )
        }
        self.quoted_forms = sorted(forms, key=len, reverse=True)


def redact(message: str, request: RequestText, names: frozenset[str]) -> str:
    """`message` without suggestions and without any schema name the request did not contain."""
    masked: list[str] = []
    # The client's own NUL characters must not pass for marks.
    message = message.replace(_MARK, "\ufffd")

    def mask(match: re.Match[str]) -> str:
        masked.append(match.group(0))
        return f"{_MARK}{len(masked) - 1}{_MARK}"

    if request.quoted_forms:
        message = re.sub("|".join(map(re.escape, request.quoted_forms)), mask, message)
    if message.count("'") % 2:
        return UNREADABLE
    message = _SUGGESTION.sub("", message)
    known = request.words | _TEMPLATE_WORDS

    def keep(content: str) -> bool:
        return set(_WORD.findall(re.sub(f"{_MARK}\\d+{_MARK}", " ", content))) <= known

    def bare(match: re.Match[str]) -> str:
        word = match.group(0)
        return HIDDEN if word in names and word not in known else word

    # split() alternates the text outside quotes (even indexes) and inside them (odd indexes).
    parts = _QUOTED.split(message)
    rebuilt = "".join(
        (f"'{part}'" if keep(part) else HIDDEN) if index % 2 else _WORD.sub(bare, part)
        for index, part in enumerate(parts)
    )
    return re.sub(f"{_MARK}(\\d+){_MARK}", lambda found: masked[int(found.group(1))], rebuilt)


def _keeps_its_message(error: GraphQLError) -> bool:
    return isinstance(error, GraphQLSyntaxError) or isinstance(error.original_error, DomainError)


def redacted(
    errors: Iterable[GraphQLError], request: RequestText, names: frozenset[str]
) -> list[GraphQLError]:
    """`errors` with their messages redacted (new error objects: cached ones stay as they were)."""
    return [
        error
        if _keeps_its_message(error)
        else GraphQLError(
            redact(error.message, request, names),
            nodes=error.nodes,
            source=error.source,
            positions=error.positions,
            path=error.path,
            original_error=error.original_error,
            extensions=error.extensions,
        )
        for error in errors
    ]


class RedactSchemaNames(SchemaExtension):
    """Redact every error of the operation; list it first so that it sees the errors last."""

    def on_operation(self) -> Iterator[None]:
        yield
        context = self.execution_context
        result = context.result
        errors = getattr(result, "errors", None)
        if not errors:
            return
        request = RequestText(context.query, context.variables, context.graphql_document)
        result.errors = redacted(errors, request, bare_names(context.schema._schema))  # type: ignore[union-attr]
