"""The directory's admin mutations: thin adapters from inputs to grants.directory.editing."""

from __future__ import annotations

from collections.abc import Awaitable, Callable
from typing import TypeVar

import strawberry

from grants.directory import editing, relationships
from grants.errors import DomainError
from schema.base.errors import UserError, user_errors
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


@strawberry.type
class OrganisationPayload:
    organisation: Organisation | None
    errors: list[UserError]


@strawberry.type
class ServicePayload:
    service: Service | None
    errors: list[UserError]


@strawberry.type
class RelationshipPayload:
    relationship: Relationship | None
    errors: list[UserError]


@strawberry.type
class DeletePayload:
    deleted_id: strawberry.ID | None
    errors: list[UserError]


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
    @strawberry.mutation(description="Admin: add an organisation to the directory.")
    async def create_organisation(
        self, info: strawberry.Info, input: CreateOrganisationInput
    ) -> OrganisationPayload:
        row, errors = await _attempt(
            editing.create_organisation(actor=info.context.actor, values=organisation_values(input))
        )
        return OrganisationPayload(organisation=Organisation.from_row(row) if row else None, errors=errors)

    @strawberry.mutation(description="Admin: change an organisation; the address is replaced as a whole.")
    async def update_organisation(
        self, info: strawberry.Info, input: UpdateOrganisationInput
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
    async def delete_organisation(self, info: strawberry.Info, input: DeleteInput) -> DeletePayload:
        pk = node_pk(input.id, "Organisation")
        return await _delete(
            lambda: editing.delete_organisation(actor=info.context.actor, organisation_id=pk), input.id
        )

    @strawberry.mutation(description="Admin: add a service an organisation offers.")
    async def create_service(self, info: strawberry.Info, input: CreateServiceInput) -> ServicePayload:
        row, errors = await _attempt(editing.create_service(actor=info.context.actor, values=given(input)))
        return ServicePayload(service=Service.from_row(row) if row else None, errors=errors)

    @strawberry.mutation(description="Admin: change a service.")
    async def update_service(self, info: strawberry.Info, input: UpdateServiceInput) -> ServicePayload:
        row, errors = await _attempt(
            editing.update_service(
                actor=info.context.actor,
                service_id=node_pk(input.id, "Service"),
                values=given(input, skip=frozenset({"id"})),
            )
        )
        return ServicePayload(service=Service.from_row(row) if row else None, errors=errors)

    @strawberry.mutation(description="Admin: remove a service.")
    async def delete_service(self, info: strawberry.Info, input: DeleteInput) -> DeletePayload:
        pk = node_pk(input.id, "Service")
        return await _delete(
            lambda: editing.delete_service(actor=info.context.actor, service_id=pk), input.id
        )

    @strawberry.mutation(description="Admin: relate two organisations.")
    async def create_relationship(
        self, info: strawberry.Info, input: CreateRelationshipInput
    ) -> RelationshipPayload:
        row, errors = await _attempt(
            relationships.create_relationship(actor=info.context.actor, values=given(input))
        )
        return RelationshipPayload(relationship=Relationship.from_row(row) if row else None, errors=errors)

    @strawberry.mutation(description="Admin: change the kind, start date or description of a relationship.")
    async def update_relationship(
        self, info: strawberry.Info, input: UpdateRelationshipInput
    ) -> RelationshipPayload:
        row, errors = await _attempt(
            relationships.update_relationship(
                actor=info.context.actor,
                relationship_id=node_pk(input.id, "Relationship"),
                values=given(input, skip=frozenset({"id"})),
            )
        )
        return RelationshipPayload(relationship=Relationship.from_row(row) if row else None, errors=errors)

    @strawberry.mutation(description="Admin: remove a relationship.")
    async def delete_relationship(self, info: strawberry.Info, input: DeleteInput) -> DeletePayload:
        pk = node_pk(input.id, "Relationship")
        return await _delete(
            lambda: relationships.delete_relationship(actor=info.context.actor, relationship_id=pk), input.id
        )
