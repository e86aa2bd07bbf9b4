"""Strict scalars: exact decimals written with ASCII digits, never exponents, NaN or Unicode digits.

Strawberry's own Decimal accepts whatever Python's Decimal does — "1e400", "sNaN", "1_000" and
Arabic-Indic digits among them — which later fails somewhere deep with a server fault or reads
as a different number. Every Decimal input of the API passes through `parse_decimal` instead.
An Upload is only ever a file read from a multipart request (a ReceivedFile), never a client's value.
"""

from __future__ import annotations

import re
from decimal import Decimal
from typing import Any

from graphql import FloatValueNode, IntValueNode, StringValueNode, ValueNode
from strawberry.exceptions import StrawberryInputCoercionError
from strawberry.file_uploads import Upload
from strawberry.types.scalar import ScalarDefinition

from schema.base.uploads import ReceivedFile

#: At most 15 digits before the point (a trillion CHF) and 10 after it (shares, weights).
DECIMAL = re.compile(r"-?[0-9]{1,15}(?:\.[0-9]{1,10})?")
MESSAGE = 'Expected an exact decimal number with digits 0-9 and an optional point, e.g. "1250.50"'


def parse_decimal(value: Any) -> Decimal:
    """The Decimal a client sent as a string or JSON number, or a coercion error saying what is expected."""
    if isinstance(value, bool) or not isinstance(value, str | int | float):
        raise StrawberryInputCoercionError(MESSAGE)
    text = repr(value) if isinstance(value, float) else str(value)
    if len(text) > 40 or not DECIMAL.fullmatch(text):
        raise StrawberryInputCoercionError(MESSAGE)
    return Decimal(text)


def parse_decimal_literal(node: ValueNode, _variables: Any = None) -> Decimal:
    """A Decimal written into the document: a string, integer or float literal, read from its text."""
    if isinstance(node, StringValueNode | IntValueNode | FloatValueNode):
        return parse_decimal(node.value)
    raise StrawberryInputCoercionError(MESSAGE)


STRICT_DECIMAL = ScalarDefinition(
    name="Decimal",
    description='An exact decimal number, serialised as a string (e.g. "1250.50"); '
    "input as a string or number with digits 0-9, no exponent.",
    specified_by_url=None,
    serialize=str,
    parse_value=parse_decimal,
    parse_literal=parse_decimal_literal,
    origin=Decimal,
)


def parse_upload(value: object) -> ReceivedFile:
    """A file of the multipart request, as read by schema/base/uploads.py; anything else is refused."""
    if not isinstance(value, ReceivedFile):
        raise StrawberryInputCoercionError(
            "An Upload is a file part of a multipart request (graphql-multipart-request-spec), not a value"
        )
    return value


def _no_upload_literal(node: ValueNode, variables: dict[str, Any] | None = None) -> ReceivedFile:
    raise StrawberryInputCoercionError("An Upload is given as a variable of a multipart request")


UPLOAD = ScalarDefinition(
    name="Upload",
    description="A file in a GraphQL multipart request (the graphql-multipart-request-spec).",
    specified_by_url=None,
    serialize=lambda value: None,
    parse_value=parse_upload,
    parse_literal=_no_upload_literal,
    origin=Upload,
)

#: The scalars kipnet replaces, for StrawberryConfig(scalar_map=...).
SCALARS: dict[object, ScalarDefinition] = {Decimal: STRICT_DECIMAL, Upload: UPLOAD}
