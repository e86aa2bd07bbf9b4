"""The staff export: CSV streamed in batches, filtered like the list, for staff only."""

from __future__ import annotations

import csv
import io

from grants import accounts
from grants.models import Role
from tests import factories


async def token_for(role: Role, settings, organisation: str | None = None) -> str:
    user = await factories.user(
        role, email=f"{role.value.lower()}@export.example.org", organisation=organisation
    )
    token, _ = await accounts.login(email=user.email, password=factories.PASSWORD, secret=settings.secret_key)
    return token


async def test_staff_get_every_visible_application_as_csv(history_db, client, settings):
    token = await token_for(Role.ADMIN, settings)
    response = await client.get("/exports/applications.csv", headers={"Authorization": f"Bearer {token}"})
    assert response.status_code == 200
    assert response.headers["content-type"] == "text/csv; charset=utf-8"
    rows = list(csv.reader(io.StringIO(response.text)))
    assert rows[0][:4] == ["reference", "title", "applicant", "status"]
    assert len(rows) == 161
    first = dict(zip(rows[0], rows[1], strict=True))
    assert (first["reference"], first["status"], first["call"], first["funding_area"]) == (
        "KIP-2014-0001",
        "CLOSED",
        "CALL-2014-01",
        "FIRST_INFORMATION",
    )
    assert (first["municipalities"], first["reviews"], first["mean_weighted_score"]) == (
        "Liestal",
        "1",
        "4.000",
    )
    assert first["awarded"] == first["requested_amount"] == "8000.00"
    filtered = await client.get(
        "/exports/applications.csv",
        params={"status": "APPROVED"},
        headers={"Authorization": f"Bearer {token}"},
    )
    assert list(csv.reader(io.StringIO(filtered.text)))[1:] == []


async def test_applicants_and_anonymous_callers_get_no_export(history_db, client, settings):
    await factories.organisation("verein-x")
    token = await token_for(Role.APPLICANT, settings, organisation="verein-x")
    refused = await client.get("/exports/applications.csv", headers={"Authorization": f"Bearer {token}"})
    assert (refused.status_code, refused.json()) == (
        403,
        {"error": "You are not allowed to do this", "code": "FORBIDDEN"},
    )
    anonymous = await client.get("/exports/applications.csv")
    assert (anonymous.status_code, anonymous.json()) == (
        401,
        {"error": "You must be logged in to do this", "code": "UNAUTHENTICATED"},
    )


async def test_the_same_export_as_a_spreadsheet(history_db, client, settings):
    from openpyxl import load_workbook

    token = await token_for(Role.APPROVER, settings)
    response = await client.get(
        "/exports/applications.xlsx", params={"search": "2015"}, headers={"Authorization": f"Bearer {token}"}
    )
    assert response.status_code == 200
    assert (
        response.headers["content-type"]
        == "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
    )
    sheet = load_workbook(io.BytesIO(response.content), read_only=True)["Gesuche"]
    rows = list(sheet.iter_rows(values_only=True))
    assert rows[0][:2] == ("reference", "title")
    assert [row[0] for row in rows[1:3]] == ["KIP-2015-0001", "KIP-2015-0002"]
    assert len(rows) == 41  # the header and KIP 1's 40 measures of 2015
