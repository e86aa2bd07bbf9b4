"""The programme office's side of a journey while its pages are built: an open call made before the
server starts, and the staff's steps through the served kipnet's GraphQL API as a real client would
take them (bearer tokens from the `login` mutation of the browser tests' staff accounts)."""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import UTC, datetime, timedelta
from decimal import Decimal
from typing import Any

import httpx

from grants.calls import create_call
from grants.models import Programme, Role, User
from tests.web.browser.served import ACCOUNTS

#: The call the applicant applies to: open from yesterday for two months, at most CHF 50,000 each.
CALL_TITLE = "Deutsch im Alltag"
CALL_MAXIMUM = Decimal("50000.00")

LOGIN = "mutation ($e: String!, $p: String!) { login(input: {email: $e, password: $p}) { token } }"
FIND = "query ($ref: String!) { application(reference: $ref) { id } }"
START_REVIEW = "mutation ($id: ID!) { startReview(input: {id: $id}) { errors { code message } } }"
REQUEST_CHANGES = """
mutation ($id: ID!, $m: String) { requestChanges(input: {id: $id, message: $m}) { errors { code message } } }
"""
REVIEW = """
mutation ($id: ID!) {
  submitReview(input: {application: $id, recommendation: APPROVE,
    scores: [{criterion: "RELEVANCE", score: 5}, {criterion: "FEASIBILITY", score: 4}]}) { errors { code message } }
}
"""
APPROVE = """
mutation ($id: ID!, $amount: Decimal!, $conditions: String) {
  decideApplication(input: {application: $id, decision: APPROVE, amount: {amount: $amount},
    conditions: $conditions}) { errors { code message } }
}
"""
APPLICANT = "query ($ref: String!) { application(reference: $ref) { applicant { slug name } } }"
ACCOUNT = """
mutation ($slug: String!, $holder: String!) {
  updateBankAccount(input: {organisation: $slug, iban: "CH93 0076 2011 6238 5295 7", holder: $holder}) {
    errors { code message } }
}
"""
PAY = """
mutation ($id: ID!, $tranche: Int!, $paidOn: Date!) {
  markTranchePaid(input: {application: $id, tranche: $tranche, paidOn: $paidOn}) { errors { code message } }
}
"""


async def open_call() -> None:
    """An open call of the programme running this year, made by the admin: open since yesterday, for
    two months or until the programme's last day."""
    now = datetime.now(UTC)
    programme = await Programme.filter(start_year__lte=now.year, end_year__gte=now.year).first()
    assert programme is not None, f"the fixtures have no programme running in {now.year}"
    last_day = datetime(programme.end_year, 12, 31, 23, 0, tzinfo=UTC)
    areas = [area.code for area in await programme.funding_areas.all()]
    admin = await User.get(email=ACCOUNTS[Role.ADMIN].email)
    values: dict[str, Any] = {
        "programme": programme.code,
        "title": CALL_TITLE,
        "funding_areas": areas,
        "opens_at": now - timedelta(days=1),
        "closes_at": min(now + timedelta(days=60), last_day),
        "budget": (Decimal("200000.00"), "CHF"),
        "max_amount_per_application": (CALL_MAXIMUM, "CHF"),
        "min_reviews": 1,
        "criteria": [
            {"code": "RELEVANCE", "name": "Relevanz", "weight": 2.0},
            {"code": "FEASIBILITY", "name": "Machbarkeit", "weight": 1.0},
        ],
    }
    await create_call(actor=admin, values=values, now=now)


@dataclass
class Office:
    """The reviewer and the approver acting on applications by reference, through `/graphql`."""

    url: str
    tokens: dict[Role, str] = field(default_factory=dict)

    async def _post(self, query: str, variables: dict[str, Any], token: str | None = None) -> dict[str, Any]:
        headers = {"authorization": f"Bearer {token}"} if token else {}
        async with httpx.AsyncClient(base_url=self.url, timeout=30) as client:
            response = await client.post(
                "/graphql", json={"query": query, "variables": variables}, headers=headers
            )
        body: dict[str, Any] = response.json()
        assert "errors" not in body, body
        data: dict[str, Any] = body["data"]
        return data

    async def _token(self, role: Role) -> str:
        if role not in self.tokens:
            account = ACCOUNTS[role]
            data = await self._post(LOGIN, {"e": account.email, "p": account.password})
            self.tokens[role] = str(data["login"]["token"])
        return self.tokens[role]

    async def act(self, role: Role, mutation: str, **variables: Any) -> None:
        """Run `mutation` as `role`'s account; the API must accept it (its payload's errors empty)."""
        data = await self._post(mutation, variables, await self._token(role))
        (payload,) = data.values()
        assert payload["errors"] == [], payload["errors"]

    async def application_id(self, reference: str) -> str:
        """The application's global ID, as staff see it."""
        data = await self._post(FIND, {"ref": reference}, await self._token(Role.REVIEWER))
        return str(data["application"]["id"])

    async def request_changes(self, reference: str, message: str) -> None:
        """The reviewer starts reviewing the application and sends it back with `message`."""
        ident = await self.application_id(reference)
        await self.act(Role.REVIEWER, START_REVIEW, id=ident)
        await self.act(Role.REVIEWER, REQUEST_CHANGES, id=ident, m=message)

    async def approve(self, reference: str, amount: str, conditions: str) -> None:
        """The reviewer reviews (recommending approval), then the approver approves with an award."""
        ident = await self.application_id(reference)
        await self.act(Role.REVIEWER, START_REVIEW, id=ident)
        await self.act(Role.REVIEWER, REVIEW, id=ident)
        await self.act(Role.APPROVER, APPROVE, id=ident, amount=amount, conditions=conditions)

    async def pay(self, reference: str, tranche: int) -> str:
        """The approver records tranche `tranche` (from 0) as paid today; the day paid (ISO)."""
        today = datetime.now(UTC).date().isoformat()
        ident = await self.application_id(reference)
        # a tranche is paid to an account: the approver enters one where the organisation has none yet
        found = await self._post(APPLICANT, {"ref": reference}, await self._token(Role.APPROVER))
        applicant = found["application"]["applicant"]
        await self.act(Role.APPROVER, ACCOUNT, slug=applicant["slug"], holder=applicant["name"])
        await self.act(Role.APPROVER, PAY, id=ident, tranche=tranche, paidOn=today)
        return today
