"""No form of the portal runs without the posting browser's CSRF token: every POST route, signed in
as an administrator (who may do the most), is refused with the "form expired" page and changes nothing."""

from __future__ import annotations

import re

import httpx
import pytest
from starlette.routing import Route

from grants.models import AuditRecord, Role
from tests import factories
from tests.factories import PASSWORD
from tests.web.portal import sign_in
from web.app import routes

pytestmark = pytest.mark.postgres

#: A value for every path parameter a POST route has (the guard answers before any route runs).
PARAMETERS = {
    "reference": "KIP-2026-0001",
    "section": "project",
    "scope": "decide",
    "slug": "ald",
    "id": "1",
    "token": "t0ken",
    "step": "start",
}


def post_paths() -> list[str]:
    """Every POST route of the portal with its parameters filled in."""
    paths = []
    for route in routes():
        if isinstance(route, Route) and "POST" in (route.methods or ()):
            paths.append(re.sub(r"\{(\w+)\}", lambda m: PARAMETERS[m.group(1)], route.path))
    return paths


async def test_every_post_route_refuses_a_form_without_the_browsers_token(
    db: str, client: httpx.AsyncClient
) -> None:
    # given a signed-in administrator and the record of everything done so far
    await factories.organisation("ald")
    await factories.user(Role.ADMIN, email="admin@example.org")
    await sign_in(client, "admin@example.org", PASSWORD)
    before = await AuditRecord.all().count()
    paths = post_paths()
    assert len(paths) >= 20
    # when every POST route gets a plausible form without a token, and with a forged one
    answers = {}
    for path in paths:
        missing = await client.post(path, data={"title": "x", "slug": "ald"}, headers={"accept": "text/html"})
        forged = await client.post(path, data={"csrf_token": "0" * 64}, headers={"accept": "text/html"})
        answers[path] = (
            missing.status_code,
            forged.status_code,
            "Dieses Formular ist abgelaufen" in forged.text,
        )
    # then each is refused with the page saying so, and nothing was done
    assert answers == dict.fromkeys(paths, (403, 403, True))
    assert await AuditRecord.all().count() == before
    assert "kipnet_session" in client.cookies  # not even signed out


async def test_a_form_with_files_or_thousands_of_fields_is_refused_before_any_page(
    db: str, client: httpx.AsyncClient
) -> None:
    await client.get("/sign-in")
    with_file = await client.post(
        "/sign-in", files={"upload": ("a.txt", b"hello")}, headers={"accept": "text/html"}
    )
    many = await client.post(
        "/sign-in",
        content="&".join(f"f{i}=1" for i in range(2500)),
        headers={"content-type": "application/x-www-form-urlencoded", "accept": "text/html"},
    )
    assert (with_file.status_code, many.status_code) == (400, 400)
