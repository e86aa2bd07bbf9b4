"""Inputs of the directory's admin mutations."""

from __future__ import annotations

from datetime import date
from typing import Any

import strawberry

from grants.models import OrganisationKind, RelationshipKind
from schema.base.inputs import LocalizedTextInput, given
from schema.base.node import pk_of

ADDRESS_FIELDS = ("street", "postal_code", "locality", "canton")
#: Where the domain's flat address fields sit in the input.
FIELD_PATHS = {name: ("address", name) for name in ADDRESS_FIELDS}


@strawberry.input
class AddressInput:
    street: str | None = None
    postal_code: str | None = None
    locality: str | None = None
    canton: str | None = None


@strawberry.input
class CreateOrganisationInput:
    kind: OrganisationKind = strawberry.field(description="What kind of partner it is, e.g. NGO.")
    name: LocalizedTextInput
    slug: str | None = strawberry.field(default=None, description="Default: derived from the German name.")
    acronym: str | None = None
    description: LocalizedTextInput | None = None
    address: AddressInput | None = None
    phone: str | None = None
    email: str | None = None
    website: str | None = None
    languages: list[str] | None = strawberry.field(default=None, description="ISO 639-1 codes.")


@strawberry.input(description="Only the fields given are changed.")
class UpdateOrganisationInput:
    id: strawberry.ID
    kind: OrganisationKind | None = strawberry.UNSET
    name: LocalizedTextInput | None = strawberry.UNSET
    slug: str | None = strawberry.UNSET
    acronym: str | None = strawberry.UNSET
    description: LocalizedTextInput | None = strawberry.UNSET
    address: AddressInput | None = strawberry.UNSET
    phone: str | None = strawberry.UNSET
    email: str | None = strawberry.UNSET
    website: str | None = strawberry.UNSET
    languages: list[str] | None = strawberry.UNSET
    retired: bool | None = strawberry.field(
        default=strawberry.UNSET,
        description="True retires the organisation (it leaves the directory's lists but keeps its "
        "history); false takes it back. An organisation that records refer to cannot be deleted.",
    )


@strawberry.input
class CreateServiceInput:
    provider: str = strawberry.field(description="Slug of the organisation offering it.")
    name: LocalizedTextInput
    funding_area: str | None = strawberry.field(default=None, description="Funding area code.")
    slug: str | None = None
    description: LocalizedTextInput | None = None
    languages: list[str] | None = None


@strawberry.input(description="Only the fields given are changed.")
class UpdateServiceInput:
    id: strawberry.ID
    provider: str | None = strawberry.UNSET
    name: LocalizedTextInput | None = strawberry.UNSET
    funding_area: str | None = strawberry.UNSET
    slug: str | None = strawberry.UNSET
    description: LocalizedTextInput | None = strawberry.UNSET
    languages: list[str] | None = strawberry.UNSET


@strawberry.input
class CreateRelationshipInput:
    source: str = strawberry.field(description="Slug of the source organisation.")
    target: str = strawberry.field(description="Slug of the target organisation.")
    kind: RelationshipKind = strawberry.field(description="The type of the edge, from source to target.")
    since: date | None = None
    description: LocalizedTextInput | None = None


@strawberry.input(description="Only the fields given are changed.")
class UpdateRelationshipInput:
    id: strawberry.ID
    kind: RelationshipKind | None = strawberry.UNSET
    since: date | None = strawberry.UNSET
    description: LocalizedTextInput | None = strawberry.UNSET


@strawberry.input
class DeleteInput:
    id: strawberry.ID


def organisation_values(input_object: object) -> dict[str, Any]:
    """The domain's flat organisation fields from a create or update input."""
    values = given(input_object, skip=frozenset({"id"}))
    address = values.pop("address", None)
    if "address" in given(input_object):
        for name in ADDRESS_FIELDS:
            values[name] = (address or {}).get(name)
    return values


def node_pk(global_id: str, type_name: str) -> int:
    """The primary key of a global ID of `type_name`, or 0 (no such row) when it is not one."""
    return pk_of(global_id, type_name) or 0
