"""Per-request state handed to every resolver: the actor, languages, and fresh DataLoaders."""

from __future__ import annotations

from collections.abc import Callable, MutableMapping
from dataclasses import dataclass, field
from datetime import UTC, datetime, timedelta

from grants.models import User
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
from schema.directory.dataloaders import (
    MunicipalityProfileByOrganisationLoader,
    OrganisationByIdLoader,
    RelationshipByIdLoader,
    RelationshipsByOrganisationLoader,
    ServiceByIdLoader,
    ServicesByOrganisationLoader,
)
from schema.programme.dataloaders import (
    FundingAreaByIdLoader,
    FundingAreasByProgrammeLoader,
    ProgrammeByIdLoader,
)


@dataclass(slots=True)
class Loaders:
    """One DataLoader per relation; a new set per request so nothing is cached across users."""

    organisation: OrganisationByIdLoader = field(default_factory=OrganisationByIdLoader)
    service: ServiceByIdLoader = field(default_factory=ServiceByIdLoader)
    relationship: RelationshipByIdLoader = field(default_factory=RelationshipByIdLoader)
    services_by_organisation: ServicesByOrganisationLoader = field(
        default_factory=ServicesByOrganisationLoader
    )
    relationships_by_organisation: RelationshipsByOrganisationLoader = field(
        default_factory=RelationshipsByOrganisationLoader
    )
    municipality_profile: MunicipalityProfileByOrganisationLoader = field(
        default_factory=MunicipalityProfileByOrganisationLoader
    )
    funding_area: FundingAreaByIdLoader = field(default_factory=FundingAreaByIdLoader)
    programme: ProgrammeByIdLoader = field(default_factory=ProgrammeByIdLoader)
    funding_areas_by_programme: FundingAreasByProgrammeLoader = field(
        default_factory=FundingAreasByProgrammeLoader
    )
    call: CallByIdLoader = field(default_factory=CallByIdLoader)
    criteria_by_call: CriteriaByCallLoader = field(default_factory=CriteriaByCallLoader)
    funding_areas_by_call: FundingAreasByCallLoader = field(default_factory=FundingAreasByCallLoader)
    application: ApplicationByIdLoader = field(default_factory=ApplicationByIdLoader)
    budget_lines: BudgetLinesByApplicationLoader = field(default_factory=BudgetLinesByApplicationLoader)
    municipalities_by_application: MunicipalitiesByApplicationLoader = field(
        default_factory=MunicipalitiesByApplicationLoader
    )
    reviews: ReviewsByApplicationLoader = field(default_factory=ReviewsByApplicationLoader)
    award: AwardByApplicationLoader = field(default_factory=AwardByApplicationLoader)
    tranches: TranchesByAwardLoader = field(default_factory=TranchesByAwardLoader)
    events: EventsByApplicationLoader = field(default_factory=EventsByApplicationLoader)
    user: UserByIdLoader = field(default_factory=UserByIdLoader)
    indicator: IndicatorByCodeLoader = field(default_factory=IndicatorByCodeLoader)
    reports: ReportsByApplicationLoader = field(default_factory=ReportsByApplicationLoader)
    notes: NotesByApplicationLoader = field(default_factory=NotesByApplicationLoader)


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
    #: Headers for the HTTP answer (the /graphql view hands in its response's; the portal ignores them).
    response_headers: MutableMapping[str, str] = field(default_factory=dict)

    def now(self) -> datetime:
        """The current time (UTC); tests replace the clock."""
        return self.clock()
