"""The directory's mutations (admins; applicants for their own entry): thin adapters to editing."""

from __future__ import annotations

from collections.abc import Awaitable, Callable
from typing import Annotated, TypeVar

import strawberry

from grants.directory import editing, relationships
from grants.errors import DomainError
from schema.base.errors import ERRORS, UserError, user_errors
from schema.base.inputs import given
from schema.directory.inputs import (
    FIELD_PATHS,
    CreateOrganisationInput,
    CreateRelationshipInput,
    CreateServiceInput,
    DeleteInput,
    UpdateOrganisationInput,
    UpdateRelationshipInput,
    UpdateServiceInput,
    node_pk,
    organisation_values,
)
from schema.directory.types import Organisation, Relationship, Service

R = TypeVar("R")


@strawberry.type(description="The result of creating or changing an organisation.")
class OrganisationPayload:
    organisation: Organisation | None = strawberry.field(
        description="The organisation as saved; null if refused."
    )
    errors: list[UserError] = strawberry.field(description=ERRORS)


@strawberry.type(description="The result of creating or changing a service.")
class ServicePayload:
    service: Service | None = strawberry.field(description="The service as saved; null if refused.")
    errors: list[UserError] = strawberry.field(description=ERRORS)


@strawberry.type(description="The result of creating or changing a relationship.")
class RelationshipPayload:
    relationship: Relationship | None = strawberry.field(
        description="The relationship as saved; null if refused."
    )
    errors: list[UserError] = strawberry.field(description=ERRORS)


@strawberry.type(description="The result of a deletion.")
class DeletePayload:
    deleted_id: strawberry.ID | None = strawberry.field(
        description="The global ID of the deleted record; null if refused."
    )
    errors: list[UserError] = strawberry.field(description=ERRORS)


#: The `input` argument of each mutation.
NewOrganisation = Annotated[
    CreateOrganisationInput,
    strawberry.argument(description="The organisation; kind and German name required."),
]
OrganisationChanges = Annotated[
    UpdateOrganisationInput, strawberry.argument(description="Which organisation, and what to change.")
]
NewService = Annotated[
    CreateServiceInput, strawberry.argument(description="The service; provider and German name required.")
]
ServiceChanges = Annotated[
    UpdateServiceInput, strawberry.argument(description="Which service, and what to change.")
]
NewRelationship = Annotated[
    CreateRelationshipInput,
    strawberry.argument(description="Its two ends (slugs) and kind, from source to target."),
]
RelationshipChanges = Annotated[
    UpdateRelationshipInput, strawberry.argument(description="Which relationship, and what to change.")
]
Deletion = Annotated[DeleteInput, strawberry.argument(description="The global ID of what to delete.")]


async def _attempt(action: Awaitable[R]) -> tuple[R | None, list[UserError]]:
    try:
        return await action, []
    except DomainError as error:
        return None, user_errors(error, relocate=FIELD_PATHS)


async def _delete(action: Callable[[], Awaitable[None]], global_id: strawberry.ID) -> DeletePayload:
    _, errors = await _attempt(action())
    return DeletePayload(deleted_id=None if errors else global_id, errors=errors)


@strawberry.type
class DirectoryMutation:
    @strawberry.mutation(description="Admin: add an organisation to the directory (audited).")
    async def create_organisation(self, info: strawberry.Info, input: NewOrganisation) -> OrganisationPayload:
        row, errors = await _attempt(
            editing.create_organisation(actor=info.context.actor, values=organisation_values(input))
        )
        return OrganisationPayload(organisation=Organisation.from_row(row) if row else None, errors=errors)

    @strawberry.mutation(
        description="Admin: change an organisation or retire it (audited); an address replaces the old one. "
        "An applicant: its own organisation's contact data, description and languages only (other "
        "fields FORBIDDEN)."
    )
    async def update_organisation(
        self, info: strawberry.Info, input: OrganisationChanges
    ) -> OrganisationPayload:
        row, errors = await _attempt(
            editing.update_organisation(
                actor=info.context.actor,
                organisation_id=node_pk(input.id, "Organisation"),
                values=organisation_values(input),
                now=info.context.now(),
            )
        )
        return OrganisationPayload(organisation=Organisation.from_row(row) if row else None, errors=errors)

    @strawberry.mutation(
        description="Admin: remove an organisation with its services; refused (CONFLICT) while "
        "accounts, applications or relationships refer to it: retire it instead."
    )
    async def delete_organisation(self, info: strawberry.Info, input: Deletion) -> DeletePayload:
        pk = node_pk(input.id, "Organisation")
        return await _delete(
            lambda: editing.delete_organisation(actor=info.context.actor, organisation_id=pk), input.id
        )

    @strawberry.mutation(
        description="Admin: add a service an organisation offers (audited); an applicant: one of its own "
        "organisation (name, description, languages)."
    )
    async def create_service(self, info: strawberry.Info, input: NewService) -> ServicePayload:
        row, errors = await _attempt(editing.create_service(actor=info.context.actor, values=given(input)))
        return ServicePayload(service=Service.from_row(row) if row else None, errors=errors)

    @strawberry.mutation(
        description="Admin: change a service (audited); an applicant: name, description and languages of "
        "its own organisation's services."
    )
    async def update_service(self, info: strawberry.Info, input: ServiceChanges) -> ServicePayload:
        row, errors = await _attempt(
            editing.update_service(
                actor=info.context.actor,
                service_id=node_pk(input.id, "Service"),
                values=given(input, skip=frozenset({"id"})),
            )
        )
        return ServicePayload(service=Service.from_row(row) if row else None, errors=errors)

    @strawberry.mutation(
        description="Admin: remove a service (audited); an applicant: one of its own organisation's."
    )
    async def delete_service(self, info: strawberry.Info, input: Deletion) -> DeletePayload:
        pk = node_pk(input.id, "Service")
        return await _delete(
            lambda: editing.delete_service(actor=info.context.actor, service_id=pk), input.id
        )

    @strawberry.mutation(description="Admin: relate two organisations: source —kind→ target (audited).")
    async def create_relationship(self, info: strawberry.Info, input: NewRelationship) -> RelationshipPayload:
        row, errors = await _attempt(
            relationships.create_relationship(actor=info.context.actor, values=given(input))
        )
        return RelationshipPayload(relationship=Relationship.from_row(row) if row else None, errors=errors)

    @strawberry.mutation(
        description="Admin: change the kind, start date or description of a relationship (audited)."
    )
    async def update_relationship(
        self, info: strawberry.Info, input: RelationshipChanges
    ) -> RelationshipPayload:
        row, errors = await _attempt(
            relationships.update_relationship(
                actor=info.context.actor,
                relationship_id=node_pk(input.id, "Relationship"),
                values=given(input, skip=frozenset({"id"})),
            )
        )
        return RelationshipPayload(relationship=Relationship.from_row(row) if row else None, errors=errors)

    @strawberry.mutation(description="Admin: remove a relationship (audited).")
    async def delete_relationship(self, info: strawberry.Info, input: Deletion) -> DeletePayload:
        pk = node_pk(input.id, "Relationship")
        return await _delete(
            lambda: relationships.delete_relationship(actor=info.context.actor, relationship_id=pk), input.id
        )
