"""Tortoise models of kipnet; one module per domain area, all registered as the app "models"."""

from grants.models.accounts import (
    AccessToken,
    AccountToken,
    RateLimitCounter,
    RecoveryCode,
    Role,
    TokenPurpose,
    TwoFactorSecret,
    User,
)
from grants.models.applications import (
    Application,
    ApplicationEvent,
    ApplicationStatus,
    Award,
    BudgetCategory,
    BudgetLine,
    InternalNote,
    PaymentTranche,
    Recommendation,
    Review,
)
from grants.models.audit import AuditRecord
from grants.models.banking import BankAccount
from grants.models.calls import Counter, FundingCall, ReviewCriterion
from grants.models.digest import MailDigest
from grants.models.directory import (
    MunicipalityProfile,
    Organisation,
    OrganisationKind,
    Relationship,
    RelationshipKind,
    Service,
)
from grants.models.documents import Document, DocumentKind
from grants.models.freshness import DataGeneration
from grants.models.outbox import OutboxMessage, OutboxStatus
from grants.models.programme import FundingArea, Indicator, Pillar, Programme
from grants.models.project_reports import ProjectReport, ReportKind, ReportStatus
from grants.models.seeding import SeedRecord

__all__ = [
    "AccessToken",
    "AccountToken",
    "Application",
    "ApplicationEvent",
    "ApplicationStatus",
    "AuditRecord",
    "Award",
    "BankAccount",
    "BudgetCategory",
    "BudgetLine",
    "Counter",
    "DataGeneration",
    "Document",
    "DocumentKind",
    "FundingArea",
    "FundingCall",
    "Indicator",
    "InternalNote",
    "MailDigest",
    "MunicipalityProfile",
    "Organisation",
    "OrganisationKind",
    "OutboxMessage",
    "OutboxStatus",
    "PaymentTranche",
    "Pillar",
    "Programme",
    "ProjectReport",
    "RateLimitCounter",
    "Recommendation",
    "RecoveryCode",
    "Relationship",
    "RelationshipKind",
    "ReportKind",
    "ReportStatus",
    "Review",
    "ReviewCriterion",
    "Role",
    "SeedRecord",
    "Service",
    "TokenPurpose",
    "TwoFactorSecret",
    "User",
]
