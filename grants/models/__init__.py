"""Tortoise models of kipnet; one module per domain area, all registered as the app "models"."""

from grants.models.accounts import AccessToken, Role, User
from grants.models.audit import AuditRecord
from grants.models.directory import (
    MunicipalityProfile,
    Organisation,
    OrganisationKind,
    Relationship,
    RelationshipKind,
    Service,
)
from grants.models.programme import FundingArea, Indicator, Pillar, Programme

__all__ = [
    "AccessToken",
    "AuditRecord",
    "FundingArea",
    "Indicator",
    "MunicipalityProfile",
    "Organisation",
    "OrganisationKind",
    "Pillar",
    "Programme",
    "Relationship",
    "RelationshipKind",
    "Role",
    "Service",
    "User",
]
