"""The staff journey's steps beyond the Visitor's verbs: a second approver for four eyes; the applicant's
side (and what the journey reads: the running programme phase, the call the admin opened) through the
served kipnet's GraphQL API as a real client, with bearer tokens from the `login` mutation; a row of the
new call's criteria; a form forced past what the page offers; a download; CLDR's writing of money, days
and moments in the visitor's language."""

from __future__ import annotations

import asyncio
from dataclasses import dataclass, field
from datetime import UTC, date, datetime, timedelta
from pathlib import Path
from typing import Any
from zoneinfo import ZoneInfo

import httpx
from babel.dates import format_date, format_datetime
from babel.numbers import format_currency
from playwright.async_api import Response
from tortoise import Tortoise

from grants.database import tortoise_config
from grants.models import Role
from tests import factories
from tests.served import ServedKipnet
from tests.web.browser.journey import Visitor
from tests.web.browser.served import ACCOUNTS, Account
from web import i18n

#: The approver who decides when the first approver reviewed the application (four eyes).
SECOND_APPROVER = Account(Role.APPROVER, "approver.two@browser.kipnet.example")
#: What the call asks reviewers to score (code, German name, weight as typed), in the form's order.
CRITERIA = (("RELEVANCE", "Relevanz", "2"), ("FEASIBILITY", "Machbarkeit", "1"))
#: The application's money: 30,000 + 12,000 cost − 5,000 own − 2,000 third-party = 35,000 requested.
BUDGET = (("PERSONNEL", "Kursleitung", "30000.00"), ("PREMISES", "Raummiete", "12000.00"))
OWN_CONTRIBUTION, THIRD_PARTY, REQUESTED = "5000.00", "2000.00", "35000.00"

LOGIN = "mutation ($e: String!, $p: String!) { login(input: {email: $e, password: $p}) { token } }"
PROGRAMME = """{
  currentProgramme {
    code endYear de: name(lang: "de") fr: name(lang: "fr")
    fundingAreas { code de: name(lang: "de") fr: name(lang: "fr") }
  }
}"""
CALLS = "{ fundingCalls(status: OPEN) { id reference title } }"
#: The languages the journeys run in, whose names for the phase and its area are read from the API.
NAMED = ("de", "fr")
ZURICH = ZoneInfo("Europe/Zurich")
CREATE_APPLICATION = """
mutation ($input: CreateApplicationInput!) {
  createApplication(input: $input) { application { id reference } errors { field code message } }
}
"""
SUBMIT = """
mutation ($id: ID!) {
  submitApplication(input: {id: $id}) { application { status submittedAt } errors { field code message } }
}
"""
REPORT = """
mutation ($input: SubmitProjectReportInput!) {
  submitProjectReport(input: $input) { report { status } errors { field code message } }
}
"""
#: Submits a form built in the page with the page's own CSRF token, as a stale tab or a crafted page would.
FORCE_FORM = """([action, fields]) => {
  const form = document.createElement('form');
  form.method = 'post';
  form.action = action;
  const token = document.querySelector('input[name="csrf_token"]').value;
  for (const [name, value] of [['csrf_token', token], ...Object.entries(fields)]) {
    const input = document.createElement('input');
    input.type = 'hidden';
    input.name = name;
    input.value = value;
    form.append(input);
  }
  document.body.append(form);
  form.submit();
}"""


async def _add(database_url: str, account: Account) -> None:
    await Tortoise.init(config=tortoise_config(database_url))
    try:
        await factories.user(account.role, email=account.email)
    finally:
        await Tortoise.close_connections()


def add_account(server: ServedKipnet, account: Account) -> None:
    """Add a staff account to the served kipnet's database (the process reads it per request)."""
    asyncio.run(_add(server.env["KIPNET_DATABASE_URL"], account))


@dataclass(frozen=True, slots=True)
class Phase:
    """The programme phase running now, and the funding area a call of the journey funds."""

    code: str
    #: The phase's names per language, as the pages show them.
    names: dict[str, str]
    end_year: int
    area: str
    #: The area's names per language, as the pages show them.
    area_names: dict[str, str]

    def opening(self) -> tuple[date, date]:
        """A call's window as the admin enters it: from today (Swiss time) for a month, within the phase."""
        today = datetime.now(ZURICH).date()
        return today, min(today + timedelta(days=30), date(self.end_year, 12, 31))


@dataclass(frozen=True, slots=True)
class Call:
    """An open call, the area an application under it is for, and the project period it uses."""

    id: str
    reference: str
    title: str
    phase: Phase

    @property
    def project(self) -> tuple[date, date]:
        """The project's first and last day: from today for up to a year, within the phase."""
        start = datetime.now(UTC).date()
        return start, min(start + timedelta(days=364), date(self.phase.end_year, 12, 31))


@dataclass(frozen=True, slots=True)
class Submitted:
    """An application the applicant submitted."""

    id: str
    reference: str
    title: str
    submitted_at: datetime


@dataclass
class Api:
    """kipnet's `/graphql` as a client uses it, signed in per account with a bearer token."""

    url: str
    tokens: dict[str, str] = field(default_factory=dict)

    async def _post(self, document: str, variables: dict[str, Any], token: str | None) -> dict[str, Any]:
        headers = {"authorization": f"Bearer {token}"} if token else {}
        async with httpx.AsyncClient(base_url=self.url, timeout=30) as client:
            response = await client.post(
                "/graphql", json={"query": document, "variables": variables}, headers=headers
            )
        body: dict[str, Any] = response.json()
        assert response.status_code == 200, body
        assert "errors" not in body, body
        data: dict[str, Any] = body["data"]
        return data

    async def _token(self, account: Account) -> str:
        if account.email not in self.tokens:
            data = await self._post(LOGIN, {"e": account.email, "p": account.password}, None)
            self.tokens[account.email] = str(data["login"]["token"])
        return self.tokens[account.email]

    async def read(self, account: Account, document: str, **variables: Any) -> dict[str, Any]:
        """The data of a query run as `account`."""
        return await self._post(document, variables, await self._token(account))

    async def act(self, account: Account, mutation: str, **variables: Any) -> dict[str, Any]:
        """The payload of a mutation run as `account`, which the API must accept (no errors)."""
        (payload,) = (await self.read(account, mutation, **variables)).values()
        assert payload["errors"] == [], payload["errors"]
        result: dict[str, Any] = payload
        return result

    async def current_phase(self) -> Phase:
        """The programme phase running now and its first funding area, named in German and French."""
        phase = (await self.read(ACCOUNTS[Role.ADMIN], PROGRAMME))["currentProgramme"]
        area = phase["fundingAreas"][0]
        return Phase(
            phase["code"],
            {language: phase[language] for language in NAMED},
            phase["endYear"],
            area["code"],
            {language: area[language] for language in NAMED},
        )

    async def call(self, reference: str, phase: Phase) -> Call:
        """The open call with `reference` (which an admin opened under `phase`)."""
        calls = (await self.read(ACCOUNTS[Role.ADMIN], CALLS))["fundingCalls"]
        (found,) = [call for call in calls if call["reference"] == reference]
        return Call(found["id"], reference, found["title"], phase)

    async def submitted_application(self, call: Call, title: str) -> Submitted:
        """The applicant's organisation applies under `call` for REQUESTED and submits."""
        applicant = ACCOUNTS[Role.APPLICANT]
        made = await self.act(
            applicant,
            CREATE_APPLICATION,
            input={
                "call": call.id,
                "title": title,
                "summary": "Niederschwellige Deutschkurse im Quartier",
                "fundingArea": call.phase.area,
                "projectStart": call.project[0].isoformat(),
                "projectEnd": call.project[1].isoformat(),
                "budgetLines": [
                    {"category": category, "description": text, "amount": {"amount": amount}}
                    for category, text, amount in BUDGET
                ],
                "ownContribution": {"amount": OWN_CONTRIBUTION},
                "thirdPartyFunding": {"amount": THIRD_PARTY},
                "requestedAmount": {"amount": REQUESTED},
                "municipalities": ["pratteln"],
                "languages": ["de", "ti"],
                "targets": [{"indicator": "PARTICIPANTS", "value": 60}],
            },
        )
        application = made["application"]
        submitted = (await self.act(applicant, SUBMIT, id=application["id"]))["application"]
        assert submitted["status"] == "SUBMITTED"
        at = datetime.fromisoformat(submitted["submittedAt"])
        return Submitted(application["id"], application["reference"], title, at)

    async def interim_report(self, application: Submitted, narrative: str, participants: int) -> None:
        """The applicant reports on the running project."""
        sent = await self.act(
            ACCOUNTS[Role.APPLICANT],
            REPORT,
            input={
                "application": application.id,
                "kind": "INTERIM",
                "narrative": narrative,
                "actuals": [{"indicator": "PARTICIPANTS", "value": participants}],
            },
        )
        assert sent["report"] == {"status": "SUBMITTED"}


def ngettext(visitor: Visitor, singular: str, plural: str, n: int, **values: object) -> str:
    """The singular or plural of an English message as the portal writes it in the visitor's language,
    `n` filled in as `num` (and as `need`) with the other `values`."""
    return i18n.translations(visitor.language).ngettext(singular, plural, n) % {"num": n, "need": n, **values}


def money(visitor: Visitor, amount: str) -> str:
    """An amount in CHF as the visitor's language writes it in Switzerland (CLDR)."""
    return format_currency(amount, "CHF", locale=i18n.LOCALES[visitor.language])


def day(visitor: Visitor, value: date) -> str:
    """A day in the long form the visitor's language writes in Switzerland (CLDR)."""
    return format_date(value, format="long", locale=i18n.LOCALES[visitor.language])


def moment(visitor: Visitor, value: datetime) -> str:
    """A point in time in Swiss time, as the visitor's language writes it in Switzerland (CLDR)."""
    return format_datetime(value, format="medium", tzinfo=ZURICH, locale=i18n.LOCALES[visitor.language])


async def criterion(visitor: Visitor, row: int, code: str, name: str, weight: str) -> None:
    """Fill row `row` (from 1) of the new call's criteria: its code, German name and weight."""
    group = visitor.page.get_by_role("group", name=visitor.t("Criterion %(n)s") % {"n": row}, exact=True)
    for label, value in (("Code", code), ("Name in German", name), ("Weight", weight)):
        await group.get_by_label(visitor.t(label), exact=True).fill(value)


async def force(visitor: Visitor, action: str, fields: dict[str, str]) -> Response:
    """Post a form the page does not offer (with its CSRF token) and check the page that answers."""
    async with visitor.page.expect_navigation() as navigation:
        await visitor.page.evaluate(FORCE_FORM, [action, fields])
    response = await navigation.value
    assert response is not None
    await visitor.arrived()
    return response


async def download(visitor: Visitor, link: str) -> tuple[str, str]:
    """Follow the download link named `link` (English, translated): the file's suggested name and text."""
    async with visitor.page.expect_download() as started:
        await visitor.page.get_by_role("link", name=visitor.t(link), exact=True).click()
    downloaded = await started.value
    saved = Path(await downloaded.path())
    return downloaded.suggested_filename, await asyncio.to_thread(saved.read_text, encoding="utf-8-sig")
