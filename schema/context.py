"""Per-request state handed to every resolver: the actor, languages, and fresh DataLoaders."""

from __future__ import annotations

from collections.abc import Callable, MutableMapping
from dataclasses import dataclass, field
from datetime import UTC, datetime, timedelta
from functools import cached_property

from grants.documents.rules import Limits
from grants.models import User
from grants.storage import BlobStore
from grants.throttle import LoginLimits
from schema.applications.dataloaders import (
    ApplicationByIdLoader,
    AwardByApplicationLoader,
    BudgetLinesByApplicationLoader,
    EventsByApplicationLoader,
    IndicatorByCodeLoader,
    MunicipalitiesByApplicationLoader,
    NotesByApplicationLoader,
    ReportsByApplicationLoader,
    ReviewsByApplicationLoader,
    TranchesByAwardLoader,
    UserByIdLoader,
)
from schema.calls.dataloaders import CallByIdLoader, CriteriaByCallLoader, FundingAreasByCallLoader
from schema.directory.bank_account import BankAccountByOrganisationLoader
from schema.directory.dataloaders import (
    MunicipalityProfileByOrganisationLoader,
    OrganisationByIdLoader,
    RelationshipByIdLoader,
    RelationshipsByOrganisationLoader,
    ServiceByIdLoader,
    ServicesByOrganisationLoader,
)
from schema.documents.dataloaders import DocumentsByApplicationLoader
from schema.programme.dataloaders import (
    FundingAreaByIdLoader,
    FundingAreasByProgrammeLoader,
    ProgrammeByIdLoader,
)


class Loaders:
    """One DataLoader per relation, a new set per request so nothing is cached across users.

    Each is made when a resolver first asks for it: most requests use two or three of them.
    """

    @cached_property
    def organisation(self) -> OrganisationByIdLoader:
        return OrganisationByIdLoader()

    @cached_property
    def service(self) -> ServiceByIdLoader:
        return ServiceByIdLoader()

    @cached_property
    def relationship(self) -> RelationshipByIdLoader:
        return RelationshipByIdLoader()

    @cached_property
    def services_by_organisation(self) -> ServicesByOrganisationLoader:
        return ServicesByOrganisationLoader()

    @cached_property
    def relationships_by_organisation(self) -> RelationshipsByOrganisationLoader:
        return RelationshipsByOrganisationLoader()

    @cached_property
    def bank_account(self) -> BankAccountByOrganisationLoader:
        return BankAccountByOrganisationLoader()

    @cached_property
    def municipality_profile(self) -> MunicipalityProfileByOrganisationLoader:
        return MunicipalityProfileByOrganisationLoader()

    @cached_property
    def funding_area(self) -> FundingAreaByIdLoader:
        return FundingAreaByIdLoader()

    @cached_property
    def programme(self) -> ProgrammeByIdLoader:
        return ProgrammeByIdLoader()

    @cached_property
    def funding_areas_by_programme(self) -> FundingAreasByProgrammeLoader:
        return FundingAreasByProgrammeLoader()

    @cached_property
    def call(self) -> CallByIdLoader:
        return CallByIdLoader()

    @cached_property
    def criteria_by_call(self) -> CriteriaByCallLoader:
        return CriteriaByCallLoader()

    @cached_property
    def funding_areas_by_call(self) -> FundingAreasByCallLoader:
        return FundingAreasByCallLoader()

    @cached_property
    def application(self) -> ApplicationByIdLoader:
        return ApplicationByIdLoader()

    @cached_property
    def budget_lines(self) -> BudgetLinesByApplicationLoader:
        return BudgetLinesByApplicationLoader()

    @cached_property
    def municipalities_by_application(self) -> MunicipalitiesByApplicationLoader:
        return MunicipalitiesByApplicationLoader()

    @cached_property
    def reviews(self) -> ReviewsByApplicationLoader:
        return ReviewsByApplicationLoader()

    @cached_property
    def award(self) -> AwardByApplicationLoader:
        return AwardByApplicationLoader()

    @cached_property
    def tranches(self) -> TranchesByAwardLoader:
        return TranchesByAwardLoader()

    @cached_property
    def events(self) -> EventsByApplicationLoader:
        return EventsByApplicationLoader()

    @cached_property
    def user(self) -> UserByIdLoader:
        return UserByIdLoader()

    @cached_property
    def indicator(self) -> IndicatorByCodeLoader:
        return IndicatorByCodeLoader()

    @cached_property
    def reports(self) -> ReportsByApplicationLoader:
        return ReportsByApplicationLoader()

    @cached_property
    def notes(self) -> NotesByApplicationLoader:
        return NotesByApplicationLoader()

    @cached_property
    def documents(self) -> DocumentsByApplicationLoader:
        return DocumentsByApplicationLoader()


@dataclass(slots=True)
class Context:
    """What a resolver knows about the request it serves."""

    actor: User | None = None
    bearer_token: str | None = None
    languages: tuple[str, ...] = ()
    secret: str = ""
    token_lifetime: timedelta = timedelta(hours=12)
    request_id: str = "-"
    client_address: str = "unknown"
    login_limits: LoginLimits = field(default_factory=LoginLimits)
    loaders: Loaders = field(default_factory=Loaders)
    clock: Callable[[], datetime] = field(default=lambda: datetime.now(UTC))
    #: The portal's address as people reach it (links in mails start with it).
    public_url: str = "http://127.0.0.1:8000"
    #: Running as the production service (two-factor sign-in is required of staff who decide).
    production: bool = False
    #: An APPROVER or ADMIN signed in who must set up two-factor sign-in first (production): not the
    #: actor, so that queries answer as for anyone; the setup mutations act for them.
    two_factor_pending: User | None = None
    #: Headers for the HTTP answer (the /graphql view hands in its response's; the portal ignores them).
    response_headers: MutableMapping[str, str] = field(default_factory=dict)
    #: Where documents' bytes go (None: attaching is refused, as in contexts without storage).
    store: BlobStore | None = None
    #: How large documents may be.
    document_limits: Limits = field(default_factory=Limits)

    def now(self) -> datetime:
        """The current time (UTC); tests replace the clock."""
        return self.clock()
