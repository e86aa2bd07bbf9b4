"""What the bench asks kipnet: the requests of issue 11's figures, as exact HTTP requests.

Every scenario is one request that wrk repeats (a write varies its title, so each creates a new
draft). The requests carry what a real client sends: a bearer token for the API, the session
cookie for staff pages, the CSRF cookie a returning visitor's browser has, and Accept-Language.
"""

from __future__ import annotations

import json
from dataclasses import dataclass, field, replace
from datetime import date
from enum import Enum
from urllib.parse import urlencode

#: The placeholder in a write's body that wrk replaces by a counter, so every draft gets its own title.
VARYING = "@@N@@"
LANGUAGE = "de-CH,de;q=0.9,en;q=0.5"

DIRECTORY_PAGE = """{ organisations(first: 50) { totalCount edges { node { slug name
  services { totalCount edges { node { name fundingArea { code } } } }
  relationships { totalCount edges { node { kind source { slug } target { slug } } } } } } } }"""
SMALL = '{ organisation(slug: "sem") { name acronym } }'
APPLICATIONS = """{ applications(first: 50%s) { totalCount edges { node { reference title status
  call { reference title } applicant { slug name } } } } }"""
#: The filters whose cost at 100k applications issue 11 bounds: a status filter and a title search
#: (a word in a demo title and in generated ones: "Begegnung am Rhein", "Begegnungscafé …").
BY_STATUS = ", filter: {status: [SUBMITTED, IN_REVIEW, APPROVED]}"
BY_WORDS = ', filter: {search: "begegnung"}'
CREATE = """mutation ($input: CreateApplicationInput!) {
  createApplication(input: $input) { application { reference status } errors { field code message } } }"""
OPEN_CALL = "{ fundingCalls(status: OPEN) { id fundingAreas { code } } }"
LOGIN = "mutation ($input: LoginInput!) { login(input: $input) { token errors { code message } } }"


class Kind(Enum):
    """The scenario classes the README's per-core figures are given for."""

    PUBLIC = "public"
    AUTHENTICATED = "authenticated"
    WRITE = "write"


@dataclass(frozen=True, slots=True)
class Request:
    """One HTTP request, as wrk sends it and as the bare app recognises it."""

    method: str
    path: str
    query: str = ""
    body: bytes = b""
    headers: tuple[tuple[str, str], ...] = ()

    @property
    def target(self) -> str:
        """The request target: path and query string."""
        return f"{self.path}?{self.query}" if self.query else self.path


@dataclass(frozen=True, slots=True)
class Scenario:
    """A request measured many times: its name (for --only), its class, and what it must answer."""

    name: str
    kind: Kind
    request: Request
    expect: int = 200
    graphql: bool = True
    #: Measured on the cached and on the uncached server (anonymous reads only).
    cacheable: bool = False
    #: The body holds VARYING, which wrk replaces by a number per request.
    varying: bool = False
    note: str = field(default="", compare=False)


@dataclass(frozen=True, slots=True)
class Credentials:
    """What the signed-in scenarios need, gathered from the served demo."""

    approver_token: str
    applicant_token: str
    approver_cookie: str
    visitor_cookie: str
    open_call: str
    funding_area: str


def graphql_post(query: str, headers: tuple[tuple[str, str], ...] = (), **variables: object) -> Request:
    """A GraphQL POST as clients send it (JSON body, compact)."""
    document: dict[str, object] = {"query": query}
    if variables:
        document["variables"] = variables
    body = json.dumps(document, separators=(",", ":"), ensure_ascii=False).encode()
    return Request(
        "POST",
        "/graphql",
        body=body,
        headers=(("Content-Type", "application/json"), ("Accept-Language", LANGUAGE), *headers),
    )


def graphql_get(query: str) -> Request:
    """A GraphQL query sent by GET, the way a cache or a browser can keep it."""
    return Request(
        "GET",
        "/graphql",
        query=urlencode({"query": query}),
        headers=(("Accept", "application/json"), ("Accept-Language", LANGUAGE)),
    )


def page(path: str, cookie: str) -> Request:
    """A portal page as a browser asks for it."""
    headers = (("Accept", "text/html"), ("Accept-Language", LANGUAGE))
    return Request("GET", path, headers=(*headers, ("Cookie", cookie)) if cookie else headers)


def draft_input(credentials: Credentials, today: date) -> dict[str, object]:
    """A realistic new draft (two budget lines, places, languages) whose title holds VARYING."""
    year = today.year + 1  # as the demo's applications: next year, inside the demo call's phase
    return {
        "call": credentials.open_call,
        "title": f"Deutschtreff Bench {VARYING}",
        "summary": "Messdaten des Benchmarks: ein fiktives Projekt.",
        "fundingArea": credentials.funding_area,
        "projectStart": f"{year}-01-01",
        "projectEnd": f"{year}-12-31",
        "municipalities": ["pratteln", "liestal"],
        "languages": ["de", "ti", "ar"],
        "budgetLines": [
            {"category": "PERSONNEL", "description": "Kursleitung", "amount": {"amount": "36000.00"}},
            {"category": "PREMISES", "description": "Raummiete", "amount": {"amount": "4000.00"}},
        ],
        "ownContribution": {"amount": "6000.00"},
        "thirdPartyFunding": {"amount": "4000.00"},
        "requestedAmount": {"amount": "30000.00"},
        "targets": [{"indicator": "PARTICIPANTS", "value": 40}],
    }


def scenarios(credentials: Credentials, today: date) -> list[Scenario]:
    """Every scenario of issue 11, in the order the bench measures them (writes last)."""
    bearer = (("Authorization", f"Bearer {credentials.approver_token}"),)
    applicant = (("Authorization", f"Bearer {credentials.applicant_token}"),)
    public, signed_in = Kind.PUBLIC, Kind.AUTHENTICATED

    def visitor(path: str) -> Request:
        return page(path, credentials.visitor_cookie)

    return [
        Scenario("directory-gql", public, graphql_post(DIRECTORY_PAGE), cacheable=True),
        Scenario("small-post", public, graphql_post(SMALL), cacheable=True),
        Scenario("small-get", public, graphql_get(SMALL), cacheable=True),
        Scenario("applications", signed_in, graphql_post(APPLICATIONS % "", bearer)),
        Scenario("applications-status", signed_in, graphql_post(APPLICATIONS % BY_STATUS, bearer)),
        Scenario("applications-search", signed_in, graphql_post(APPLICATIONS % BY_WORDS, bearer)),
        Scenario("page-directory", public, visitor("/directory"), graphql=False, cacheable=True),
        Scenario("page-ald", public, visitor("/directory/ald"), graphql=False, cacheable=True),
        Scenario(
            "page-staff", signed_in, page("/staff/applications", credentials.approver_cookie), graphql=False
        ),
        Scenario(
            "create-application",
            Kind.WRITE,
            graphql_post(CREATE, applicant, input=draft_input(credentials, today)),
            varying=True,
        ),
    ]


def revalidation(scenario: Scenario, etag: str) -> Scenario:
    """The same GET sent again with the ETag it answered: a browser's or proxy's revalidation (304)."""
    request = replace(scenario.request, headers=(*scenario.request.headers, ("If-None-Match", etag)))
    return replace(scenario, name=f"{scenario.name}-304", request=request, expect=304)


def selected(names: list[str] | None, candidates: list[Scenario]) -> list[Scenario]:
    """The scenarios --only asks for: a name matches itself and every scenario it is a prefix of."""
    if not names:
        return candidates
    return [s for s in candidates if any(s.name == n or s.name.startswith(n) for n in names)]
