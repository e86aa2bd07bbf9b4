"""Inputs of the directory's admin mutations."""

from __future__ import annotations

from datetime import date
from typing import Any

import strawberry

from grants.directory.validation import MAX_DESCRIPTION, MAX_NAME
from grants.models import OrganisationKind, RelationshipKind
from schema.base.input_gate import LIST_LIMITS
from schema.base.inputs import LocalizedTextInput, given
from schema.base.node import pk_of

ADDRESS_FIELDS = ("street", "postal_code", "locality", "canton")
#: Where the domain's flat address fields sit in the input.
FIELD_PATHS = {name: ("address", name) for name in ADDRESS_FIELDS}


@strawberry.input(description="A postal address; shown only when it has a postal code and a locality.")
class AddressInput:
    street: str | None = strawberry.field(default=None, description="Street and number (≤ 200 characters).")
    postal_code: str | None = strawberry.field(default=None, description="Postal code, e.g. 4410.")
    locality: str | None = strawberry.field(default=None, description="Town or village, e.g. Liestal.")
    canton: str | None = strawberry.field(default=None, description="Two-letter canton code, e.g. BL.")


#: Descriptions shared by the create and update inputs of organisations and services.
SLUG = 'Lower-case letters and digits joined by hyphens, e.g. "verein-xy", ≤ 80 characters; unique.'
NAME = f"The name; German required, ≤ {MAX_NAME} characters per language."
DESCRIPTION = f"What it does, ≤ {MAX_DESCRIPTION:,} characters per language."
LANGUAGES = (
    "ISO 639-1 codes (e.g. de, ti) of the languages in which it serves people; at most "
    f"{LIST_LIMITS['CreateOrganisationInput.languages']}."
)

CORRESPONDENCE = "The language of kipnet's letters to it (decision letters): de, fr, it or en."


@strawberry.input(description="A new organisation for the directory.")
class CreateOrganisationInput:
    kind: OrganisationKind = strawberry.field(description="What kind of partner it is, e.g. NGO.")
    name: LocalizedTextInput = strawberry.field(description=NAME)
    slug: str | None = strawberry.field(default=None, description=f"{SLUG} Default: from the German name.")
    acronym: str | None = strawberry.field(default=None, description="The usual abbreviation, e.g. SEM.")
    description: LocalizedTextInput | None = strawberry.field(default=None, description=DESCRIPTION)
    address: AddressInput | None = strawberry.field(default=None, description="Its postal address.")
    phone: str | None = strawberry.field(default=None, description="Public phone number.")
    email: str | None = strawberry.field(default=None, description="Public contact e-mail address.")
    website: str | None = strawberry.field(default=None, description="Public website, http:// or https://.")
    languages: list[str] | None = strawberry.field(default=None, description=LANGUAGES)
    correspondence_language: str | None = strawberry.field(
        default=None, description=f"{CORRESPONDENCE} Default: de."
    )


@strawberry.input(
    description="Changes to an organisation: only the fields given are changed; null clears an optional one."
)
class UpdateOrganisationInput:
    id: strawberry.ID = strawberry.field(description="The organisation's global ID.")
    kind: OrganisationKind | None = strawberry.field(default=strawberry.UNSET, description="A new kind.")
    name: LocalizedTextInput | None = strawberry.field(
        default=strawberry.UNSET, description=f"{NAME} Replaces every language."
    )
    slug: str | None = strawberry.field(
        default=strawberry.UNSET, description=f"{SLUG} Links to the old slug break."
    )
    acronym: str | None = strawberry.field(default=strawberry.UNSET, description="The usual abbreviation.")
    description: LocalizedTextInput | None = strawberry.field(
        default=strawberry.UNSET, description=f"{DESCRIPTION} Replaces every language."
    )
    address: AddressInput | None = strawberry.field(
        default=strawberry.UNSET, description="The whole address: parts not given are cleared."
    )
    phone: str | None = strawberry.field(default=strawberry.UNSET, description="Public phone number.")
    email: str | None = strawberry.field(
        default=strawberry.UNSET, description="Public contact e-mail address."
    )
    website: str | None = strawberry.field(default=strawberry.UNSET, description="Public website.")
    languages: list[str] | None = strawberry.field(
        default=strawberry.UNSET, description=f"{LANGUAGES} Replaces the list."
    )
    correspondence_language: str | None = strawberry.field(
        default=strawberry.UNSET, description=f"{CORRESPONDENCE} Null: de."
    )
    retired: bool | None = strawberry.field(
        default=strawberry.UNSET,
        description="True retires the organisation (it leaves the directory's lists but keeps its "
        "history); false takes it back. An organisation that records refer to cannot be deleted.",
    )


@strawberry.input(description="A new service an organisation offers.")
class CreateServiceInput:
    provider: str = strawberry.field(description="Slug of the organisation offering it.")
    name: LocalizedTextInput = strawberry.field(description=NAME)
    funding_area: str | None = strawberry.field(
        default=None, description="Code of the funding area it belongs to, e.g. COUNSELLING; null: none."
    )
    slug: str | None = strawberry.field(default=None, description=f"{SLUG} Default: from the German name.")
    description: LocalizedTextInput | None = strawberry.field(default=None, description=DESCRIPTION)
    languages: list[str] | None = strawberry.field(default=None, description=LANGUAGES)


@strawberry.input(description="Changes to a service: only the fields given are changed.")
class UpdateServiceInput:
    id: strawberry.ID = strawberry.field(description="The service's global ID.")
    provider: str | None = strawberry.field(
        default=strawberry.UNSET, description="Slug of the organisation that offers it from now on."
    )
    name: LocalizedTextInput | None = strawberry.field(
        default=strawberry.UNSET, description=f"{NAME} Replaces every language."
    )
    funding_area: str | None = strawberry.field(
        default=strawberry.UNSET, description="Code of its funding area; null: none."
    )
    slug: str | None = strawberry.field(default=strawberry.UNSET, description=SLUG)
    description: LocalizedTextInput | None = strawberry.field(
        default=strawberry.UNSET, description=f"{DESCRIPTION} Replaces every language."
    )
    languages: list[str] | None = strawberry.field(
        default=strawberry.UNSET, description=f"{LANGUAGES} Replaces the list."
    )


@strawberry.input(description="A new directed relationship source —kind→ target between two organisations.")
class CreateRelationshipInput:
    source: str = strawberry.field(description="Slug of the source organisation.")
    target: str = strawberry.field(description="Slug of the target organisation (not the source itself).")
    kind: RelationshipKind = strawberry.field(
        description="The type of the edge, from source to target; the same three again are a CONFLICT."
    )
    since: date | None = strawberry.field(default=None, description="When it began, if known.")
    description: LocalizedTextInput | None = strawberry.field(
        default=None, description=f"What it consists of, ≤ {MAX_DESCRIPTION:,} characters per language."
    )


@strawberry.input(
    description="Changes to a relationship: only the fields given are changed; its ends stay (delete and "
    "create it to move them)."
)
class UpdateRelationshipInput:
    id: strawberry.ID = strawberry.field(description="The relationship's global ID.")
    kind: RelationshipKind | None = strawberry.field(default=strawberry.UNSET, description="A new kind.")
    since: date | None = strawberry.field(
        default=strawberry.UNSET, description="When it began; null if not known."
    )
    description: LocalizedTextInput | None = strawberry.field(
        default=strawberry.UNSET, description="What it consists of; replaces every language."
    )


@strawberry.input(description="What to delete.")
class DeleteInput:
    id: strawberry.ID = strawberry.field(description="The global ID of the record to delete.")


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
