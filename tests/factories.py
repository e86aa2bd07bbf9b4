"""Test data made through the domain's own use cases, with sensible defaults."""

from __future__ import annotations

from datetime import date
from typing import Any

from grants import accounts
from grants.directory.editing import save_organisation, save_service
from grants.directory.relationships import save_relationship
from grants.models import Organisation, Relationship, Role, Service, User

PASSWORD = "correct horse battery staple"


async def organisation(
    slug: str, *, kind: str = "NGO", name: str | None = None, **values: Any
) -> Organisation:
    """An organisation named after its slug unless told otherwise."""
    return await save_organisation(
        actor=None, values={"slug": slug, "kind": kind, "name": {"de": name or slug.title()}, **values}
    )


async def service(provider: str, slug: str, **values: Any) -> Service:
    """A service of `provider` (a slug)."""
    return await save_service(
        actor=None, values={"slug": slug, "provider": provider, "name": {"de": slug.title()}, **values}
    )


async def relationship(
    source: str, target: str, kind: str = "COOPERATES_WITH", since: date | None = None
) -> Relationship:
    """A relationship source —kind→ target between two slugs."""
    return await save_relationship(
        actor=None, values={"source": source, "target": target, "kind": kind, "since": since}
    )


async def user(role: Role, *, email: str | None = None, organisation: str | None = None) -> User:
    """An account with the role, password PASSWORD."""
    return await accounts.create_user(
        email=email or f"{role.value.lower()}@example.org",
        password=PASSWORD,
        role=role,
        organisation_slug=organisation,
    )
