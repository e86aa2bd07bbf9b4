"""Invitations, password reset and user administration over HTTP, with mail through a real SMTP server."""

from __future__ import annotations

import logging
import re
from datetime import UTC, datetime, timedelta
from typing import Any

import httpx
import pytest

from grants.mailer import deliver_due
from grants.models import AccountToken, AuditRecord, OutboxMessage, Role, User
from server.app import create_app
from server.faults import FaultBarrier
from server.logs import redacted_path
from server.request_id import RequestIdMiddleware
from server.settings import DEVELOPMENT_SECRET, Settings
from tests import factories
from tests.mail import smtp

__all__ = ["smtp"]  # the fixture, used by name

PUBLIC = "https://kip.example.org"
STRONG = "Glarus-Velo-Trommel-91"
LOGIN = """
mutation ($e: String!, $p: String!) { login(input: {email: $e, password: $p}) { token errors { code } } }
"""
INVITE = """
mutation ($input: InviteUserInput!) {
  inviteUser(input: $input) { user { id email role active language } errors { field code message } }
}
"""
ACCEPT = """
mutation ($input: AcceptInvitationInput!) {
  acceptInvitation(input: $input) { token viewer { email displayName active } errors { field code message } }
}
"""
REQUEST_RESET = """
mutation ($e: String!) { requestPasswordReset(input: {email: $e}) { errors { field code } } }
"""
RESET = """
mutation ($t: String!, $p: String!) {
  resetPassword(input: {token: $t, newPassword: $p}) { token viewer { email } errors { field code } }
}
"""
VIEWER = "{ viewer { email } }"
USERS = """
query ($filter: UserFilter) {
  users(filter: $filter, first: 10) { totalCount edges { node { email role active organisation { slug } } } }
}
"""
UPDATE = """
mutation ($input: UpdateUserInput!) {
  updateUser(input: $input) { user { email role active language displayName } errors { field code } }
}
"""


class Client:
    def __init__(self, http: httpx.AsyncClient, token: str | None = None) -> None:
        self.http, self.token = http, token

    async def post(self, query: str, **variables: Any) -> httpx.Response:
        headers = {"Authorization": f"Bearer {self.token}"} if self.token else {}
        return await self.http.post(
            "/graphql", json={"query": query, "variables": variables}, headers=headers
        )

    async def gql(self, query: str, **variables: Any) -> dict[str, Any]:
        response = await self.post(query, **variables)
        body: dict[str, Any] = response.json()
        assert response.status_code == 200, body
        assert "errors" not in body, body
        data: dict[str, Any] = body["data"]
        return data


@pytest.fixture
async def http():
    # the real clock: bearer tokens are checked against it
    app = create_app(Settings(public_url=PUBLIC), manage_database=False)
    async with httpx.AsyncClient(
        transport=httpx.ASGITransport(app=app), base_url="http://kipnet.test"
    ) as client:
        yield client


async def signed_in(
    http: httpx.AsyncClient, role: Role, email: str, organisation: str | None = None
) -> Client:
    await factories.user(role, email=email, organisation=organisation)
    data = await Client(http).gql(LOGIN, e=email, p=factories.PASSWORD)
    return Client(http, data["login"]["token"])


async def delivered(smtp: Any, pattern: str) -> tuple[Any, str]:
    """Send the outbox through the SMTP server; the last mail received and the token of its link.

    The mail is text + HTML (multipart/alternative): both parts link with the same token.
    """
    inbox, target = smtp
    await deliver_due(target=target, now=datetime.now(UTC) + timedelta(seconds=1), secret=DEVELOPMENT_SECRET)
    mail = inbox.messages[-1]
    assert mail.get_content_type() == "multipart/alternative"
    tokens = [re.findall(pattern, mail.get_body((part,)).get_content()) for part in ("plain", "html")]
    assert len(tokens[0]) == 1, tokens
    assert set(tokens[1]) == set(tokens[0]), tokens
    return mail, tokens[0][0]


async def test_an_invited_colleague_accepts_by_mail_and_is_signed_in(seeded_db, http, smtp):
    # given: an applicant signed in
    lead = await signed_in(http, Role.APPLICANT, "lead@ald.ch", "ald")
    # when: it invites a colleague, who writes Italian
    invited = await lead.gql(
        INVITE, input={"email": "Collega@ald.ch", "role": "APPLICANT", "language": "it", "name": "Gia"}
    )
    mail, token = await delivered(smtp, r"https://kip\.example\.org/account/invitation/([\w-]{43})")
    accepted = await Client(http).gql(ACCEPT, input={"token": token, "password": STRONG, "name": "Gia Rossi"})
    # then
    assert invited["inviteUser"] == {
        "user": {
            "id": invited["inviteUser"]["user"]["id"],
            "email": "collega@ald.ch",
            "role": "APPLICANT",
            "active": False,
            "language": "it",
        },
        "errors": [],
    }
    assert (mail["To"], mail["Subject"]) == ("collega@ald.ch", "Invito a kipnet")
    assert accepted["acceptInvitation"]["viewer"] == {
        "email": "collega@ald.ch",
        "displayName": "Gia Rossi",
        "active": True,
    }
    colleague = Client(http, accepted["acceptInvitation"]["token"])
    assert await colleague.gql(VIEWER) == {"viewer": {"email": "collega@ald.ch"}}
    # and the link does not work twice
    again = await Client(http).gql(ACCEPT, input={"token": token, "password": STRONG + "!"})
    assert again["acceptInvitation"] == {
        "token": None,
        "viewer": None,
        "errors": [
            {
                "field": ["input", "token"],
                "code": "INVALID",
                "message": "This link is not valid (any more): ask for a new one",
            }
        ],
    }


async def test_a_forged_or_expired_invitation_link_is_refused(seeded_db, smtp):
    admin_app = create_app(Settings(public_url=PUBLIC), manage_database=False)
    in_eight_days = datetime.now(UTC) + timedelta(days=8)
    late_app = create_app(Settings(), manage_database=False, clock=lambda: in_eight_days)
    async with (
        httpx.AsyncClient(transport=httpx.ASGITransport(app=admin_app), base_url="http://k.test") as now,
        httpx.AsyncClient(transport=httpx.ASGITransport(app=late_app), base_url="http://k.test") as later,
    ):
        admin = await signed_in(now, Role.ADMIN, "admin@example.org")
        await admin.gql(INVITE, input={"email": "r@example.org", "role": "REVIEWER"})
        _, token = await delivered(smtp, r"/account/invitation/([\w-]{43})")
        # forged: one character changed (never to itself, which 1 token in 64 would otherwise start with)
        forged = ("y" if token[0] == "x" else "x") + token[1:]
        for http, candidate in ((later, token), (now, forged)):
            data = await Client(http).gql(ACCEPT, input={"token": candidate, "password": STRONG})
            assert [e["code"] for e in data["acceptInvitation"]["errors"]] == ["INVALID"]
    assert (await User.get(email="r@example.org")).is_active is False


async def test_reset_answers_alike_for_unknown_addresses_and_revokes_every_session(
    seeded_db, http, smtp, sql_statements
):
    # given: a reviewer signed in
    reviewer = await signed_in(http, Role.REVIEWER, "reviewer@example.org")
    anonymous = Client(http)
    # when: a reset is asked for the known and an unknown address
    sql_statements.statements.clear()
    known = await anonymous.post(REQUEST_RESET, e="reviewer@example.org")
    known_statements = list(sql_statements.statements)
    sql_statements.statements.clear()
    unknown = await anonymous.post(REQUEST_RESET, e="nobody@example.org")
    # then: the answers are the same, byte for byte, and so are the statements sent to the database
    assert (known.status_code, known.content) == (unknown.status_code, unknown.content)
    assert known_statements == sql_statements.statements
    assert len(known_statements) > 0
    assert known.json() == {"data": {"requestPasswordReset": {"errors": []}}}
    mail, token = await delivered(smtp, r"https://kip\.example\.org/account/reset/([\w-]{43})")
    assert mail["To"] == "reviewer@example.org"
    assert len(smtp[0].messages) == 1
    # when: the link sets a new password
    weak = await anonymous.gql(RESET, t=token, p="reviewer12345")
    reset = await anonymous.gql(RESET, t=token, p=STRONG)
    # then: a weak one is refused on its field, the strong one signs in, the old session is dead
    assert weak["resetPassword"]["errors"] == [{"field": ["input", "newPassword"], "code": "INVALID"}]
    assert reset["resetPassword"]["viewer"] == {"email": "reviewer@example.org"}
    assert await reviewer.gql(VIEWER) == {"viewer": None}
    assert await Client(http, reset["resetPassword"]["token"]).gql(VIEWER) == {
        "viewer": {"email": "reviewer@example.org"}
    }


async def test_resets_are_throttled(seeded_db, http):
    anonymous = Client(http)
    answers = [await anonymous.gql(REQUEST_RESET, e="someone@example.org") for _ in range(11)]
    assert [a["requestPasswordReset"]["errors"] for a in answers[:10]] == [[]] * 10
    assert answers[10]["requestPasswordReset"]["errors"] == [{"field": [], "code": "RATE_LIMITED"}]


async def test_an_admin_lists_and_deactivates_and_the_sessions_die(seeded_db, http):
    # given
    admin = await signed_in(http, Role.ADMIN, "admin@example.org")
    lead = await signed_in(http, Role.APPLICANT, "lead@ald.ch", "ald")
    # when
    listed = await admin.gql(USERS, filter={"role": ["APPLICANT"], "active": True})
    lead_id = (await lead.gql("{ viewer { id } }"))["viewer"]["id"]
    changed = await admin.gql(UPDATE, input={"id": lead_id, "active": False})
    # then
    assert listed["users"] == {
        "totalCount": 1,
        "edges": [
            {
                "node": {
                    "email": "lead@ald.ch",
                    "role": "APPLICANT",
                    "active": True,
                    "organisation": {"slug": "ald"},
                }
            }
        ],
    }
    assert changed["updateUser"]["user"]["active"] is False
    assert await lead.gql(VIEWER) == {"viewer": None}
    login = await Client(http).gql(LOGIN, e="lead@ald.ch", p=factories.PASSWORD)
    assert login["login"]["errors"] == [{"code": "UNAUTHENTICATED"}]
    record = await AuditRecord.filter(action="user.update").first()
    assert record is not None
    assert record.changes == {"is_active": [True, False], "revoked": 1}
    # and others see no user list and change only themselves
    assert await lead.gql(USERS) == {"users": None}


async def test_people_change_their_own_name_and_language_but_not_their_role(seeded_db, http):
    lead = await signed_in(http, Role.APPLICANT, "lead@ald.ch", "ald")
    admin = await signed_in(http, Role.ADMIN, "admin@example.org")
    me = (await lead.gql("{ viewer { id } }"))["viewer"]["id"]
    admin_id = (await admin.gql("{ viewer { id } }"))["viewer"]["id"]
    own = await lead.gql(UPDATE, input={"id": me, "name": "Lea Meier", "language": "en"})
    role = await lead.gql(UPDATE, input={"id": me, "role": "ADMIN"})
    other = await lead.gql(UPDATE, input={"id": admin_id, "name": "Mallory"})
    demote = await admin.gql(UPDATE, input={"id": admin_id, "role": "REVIEWER"})
    language = await admin.gql(UPDATE, input={"id": me, "language": "rm"})
    assert own["updateUser"] == {
        "user": {
            "email": "lead@ald.ch",
            "role": "APPLICANT",
            "active": True,
            "language": "en",
            "displayName": "Lea Meier",
        },
        "errors": [],
    }
    assert role["updateUser"]["errors"] == [{"field": [], "code": "FORBIDDEN"}]
    assert other["updateUser"]["errors"] == [{"field": ["input", "id"], "code": "NOT_FOUND"}]
    assert demote["updateUser"]["errors"] == [{"field": [], "code": "FORBIDDEN"}]
    assert language["updateUser"]["errors"] == [{"field": ["input", "language"], "code": "INVALID"}]
    assert (await User.get(email="admin@example.org")).role is Role.ADMIN
    assert (await User.get(email="lead@ald.ch")).role is Role.APPLICANT


async def test_inviting_an_active_account_is_refused_clearly(seeded_db, http):
    admin = await signed_in(http, Role.ADMIN, "admin@example.org")
    await factories.user(Role.REVIEWER)
    data = await admin.gql(INVITE, input={"email": "reviewer@example.org", "role": "REVIEWER"})
    assert data["inviteUser"] == {
        "user": None,
        "errors": [
            {
                "field": ["input", "email"],
                "code": "CONFLICT",
                "message": "reviewer@example.org has an account already",
            }
        ],
    }
    assert await OutboxMessage.all().count() == 0
    assert await AccountToken.all().count() == 0


async def test_the_logs_never_show_a_link_token(db, http, caplog):
    token = "Zm9vYmFyYmF6cXV4LXNlY3JldC10b2tlbi12YWx1ZS14"
    with caplog.at_level(logging.INFO, logger="kipnet.access"):
        await http.get(f"/account/invitation/{token}")
        await http.get(f"/account/reset/{token}?lang=fr")
    lines = [r.getMessage() for r in caplog.records if r.name == "kipnet.access"]
    paths = [getattr(r, "path", None) for r in caplog.records if r.name == "kipnet.access"]
    assert [line.rsplit(" ", 1)[0] for line in lines] == ["GET /account/invitation/…", "GET /account/reset/…"]
    assert paths == ["/account/invitation/…", "/account/reset/…"]
    assert token not in caplog.text


def test_only_link_paths_are_redacted():
    assert redacted_path("/account/reset/abc") == "/account/reset/…"
    assert redacted_path("/account/reset/") == "/account/reset/"
    assert redacted_path("/account/password") == "/account/password"
    assert redacted_path("/graphql") == "/graphql"


async def test_a_fault_on_a_link_page_logs_no_token(caplog):
    # given: the server's own fault barrier and access log around a page that fails
    async def broken(scope: Any, receive: Any, send: Any) -> None:
        raise RuntimeError("the page broke")

    app = RequestIdMiddleware(FaultBarrier(broken))
    token = "c2VjcmV0LXRva2VuLWluLWEtbGluay1vZi1hLW1haWwtMQ"
    async with httpx.AsyncClient(transport=httpx.ASGITransport(app=app), base_url="http://k.test") as http:
        # when
        with caplog.at_level(logging.INFO):
            response = await http.get(f"/account/reset/{token}")
    # then
    assert response.status_code == 500
    served = [r for r in caplog.records if r.name.startswith("kipnet")]  # not the test client's own log
    assert [(r.name, r.getMessage()) for r in served] == [
        ("kipnet.errors", "unhandled error in GET /account/reset/…"),
        ("kipnet.access", "GET /account/reset/… 500"),
    ]
    assert all(token not in r.getMessage() and token not in str(vars(r)) for r in served)
