"""Relay global IDs ("Type:pk" in URL-safe base64) and the Node interface."""

from __future__ import annotations

import base64
import binascii
import functools
import re

import strawberry

#: The description of every type's `id`.
GLOBAL_ID = "The global ID: opaque and stable; `node(id:)` fetches the object by it."


@strawberry.interface(description="An object with a global ID, fetchable with `node(id:)`.")
class Node:
    id: strawberry.ID = strawberry.field(description=GLOBAL_ID)


@functools.lru_cache(maxsize=4096)  # every row shown makes one, though few queries read it; pages repeat
def to_global_id(type_name: str, pk: int) -> strawberry.ID:
    """The opaque global ID of row `pk` of `type_name`."""
    return strawberry.ID(base64.urlsafe_b64encode(f"{type_name}:{pk}".encode()).decode())


# Primary keys are 32-bit integers; a larger number in an ID names nothing (PostgreSQL would refuse it).
MAX_PRIMARY_KEY = 2**31 - 1
PRIMARY_KEY = re.compile(r"[1-9][0-9]{0,9}")


def from_global_id(global_id: str) -> tuple[str, int] | None:
    """(type name, primary key) of a global ID, or None if it is not one of ours."""
    try:
        decoded = base64.urlsafe_b64decode(global_id.encode("ascii")).decode("utf-8")
    except (binascii.Error, UnicodeError, ValueError):
        return None
    type_name, _, raw_pk = decoded.partition(":")
    # ASCII digits only: str.isdigit() admits "²" and "٣", which int() refuses or reads otherwise.
    if not type_name or not PRIMARY_KEY.fullmatch(raw_pk) or int(raw_pk) > MAX_PRIMARY_KEY:
        return None
    return type_name, int(raw_pk)


def pk_of(global_id: str, type_name: str) -> int | None:
    """The primary key in a global ID if it names `type_name`, else None."""
    parsed = from_global_id(global_id)
    return parsed[1] if parsed is not None and parsed[0] == type_name else None
