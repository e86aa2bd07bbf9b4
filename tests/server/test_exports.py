"""The staff export: CSV streamed in batches, filtered like the list, for staff only; typed XLSX cells."""

from __future__ import annotations

import csv
import io
import tempfile
from datetime import datetime
from pathlib import Path

import pytest
from openpyxl import load_workbook

from grants import accounts
from grants.models import Role
from tests import factories

CSV = "/exports/applications.csv"
XLSX = "/exports/applications.xlsx"
XLSX_TYPE = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
STATUSES = [
    "DRAFT",
    "SUBMITTED",
    "IN_REVIEW",
    "CHANGES_REQUESTED",
    "APPROVED",
    "REJECTED",
    "WITHDRAWN",
    "CLOSED",
]
AREAS = [
    "FIRST_INFORMATION",
    "COUNSELLING",
    "DISCRIMINATION_PROTECTION",
    "LANGUAGE_AND_EDUCATION",
    "EARLY_SUPPORT",
    "EMPLOYABILITY",
    "INTERPRETING",
    "SOCIAL_INTEGRATION",
    "KIP3_INFORMATION_COUNSELLING",
    "KIP3_LANGUAGE",
    "KIP3_WORK_PREPARATION",
    "KIP3_EARLY_CHILDHOOD",
    "KIP3_DISCRIMINATION_PROTECTION",
    "KIP3_LIVING_TOGETHER",
    "KIP3_INTERPRETING",
]
PARAMETERS = ["status", "fundingArea", "search", "call"]
HEADER = [
    "reference",
    "title",
    "applicant",
    "status",
    "call",
    "funding_area",
    "project_start",
    "project_end",
    "municipalities",
    "total_cost",
    "own_contribution",
    "third_party_funding",
    "requested_amount",
    "awarded",
    "submitted_at",
    "reviews",
    "mean_weighted_score",
]
#: Queries the export must refuse, and the JSON answer it gives for each.
REFUSED = [
    (
        [("status", "BOGUS")],
        {
            "error": f"Unknown status 'BOGUS'; allowed: {', '.join(STATUSES)}",
            "code": "INVALID",
            "parameter": "status",
            "allowed": STATUSES,
        },
    ),
    (
        [("status", "CLOSED"), ("status", "closed")],
        {
            "error": f"Unknown status 'closed'; allowed: {', '.join(STATUSES)}",
            "code": "INVALID",
            "parameter": "status",
            "allowed": STATUSES,
        },
    ),
    (
        [("fundingArea", "NOPE")],
        {
            "error": f"Unknown fundingArea 'NOPE'; allowed: {', '.join(AREAS)}",
            "code": "INVALID",
            "parameter": "fundingArea",
            "allowed": AREAS,
        },
    ),
    (
        [("fundingArea", "")],
        {
            "error": f"Unknown fundingArea ''; allowed: {', '.join(AREAS)}",
            "code": "INVALID",
            "parameter": "fundingArea",
            "allowed": AREAS,
        },
    ),
    (
        [("fundingArea", "COUNSELLING"), ("fundingArea", "INTERPRETING")],
        {
            "error": "Give fundingArea at most once",
            "code": "INVALID",
            "parameter": "fundingArea",
            "allowed": AREAS,
        },
    ),
    (
        [("search", "Kurs"), ("search", "Treff")],
        {"error": "Give search at most once", "code": "INVALID", "parameter": "search"},
    ),
    (
        [("search", "Kurs\0")],
        {"error": "search must not contain the NUL character", "code": "INVALID", "parameter": "search"},
    ),
    (
        [("statuses", "APPROVED")],
        {
            "error": "Unknown parameter 'statuses'; allowed: status, fundingArea, search, call",
            "code": "INVALID",
            "parameter": "statuses",
            "allowed": PARAMETERS,
        },
    ),
]


async def token_for(role: Role, settings, organisation: str | None = None) -> str:
    user = await factories.user(
        role, email=f"{role.value.lower()}@export.example.org", organisation=organisation
    )
    token, _ = await accounts.login(email=user.email, password=factories.PASSWORD, secret=settings.secret_key)
    return token


async def test_staff_get_every_visible_application_as_csv(history_db, client, settings):
    token = await token_for(Role.ADMIN, settings)
    response = await client.get(CSV, headers={"Authorization": f"Bearer {token}"})
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
        CSV, params={"status": "APPROVED"}, headers={"Authorization": f"Bearer {token}"}
    )
    assert list(csv.reader(io.StringIO(filtered.text)))[1:] == []


async def test_csv_quotes_text_and_leaves_numbers_bare(history_db, client, settings):
    # given: a staff member; when: they export
    token = await token_for(Role.REVIEWER, settings)
    response = await client.get(CSV, headers={"Authorization": f"Bearer {token}"})
    # then: text (dates included) is quoted; amounts, counts and scores are bare numbers
    lines = response.text.split("\r\n")
    assert lines[0] == ",".join(f'"{name}"' for name in HEADER)
    assert lines[1] == (
        '"KIP-2014-0001","KIP 1 Massnahme 2014-01","Ausländerdienst Baselland","CLOSED","CALL-2014-01",'
        '"FIRST_INFORMATION","2014-05-01","2014-12-31","Liestal",10000.00,2000.00,0.00,8000.00,8000.00,'
        '"2014-02-01T00:00:00+00:00",1,4.000'
    )


async def test_applicants_and_anonymous_callers_get_no_export(history_db, client, settings):
    await factories.organisation("verein-x")
    token = await token_for(Role.APPLICANT, settings, organisation="verein-x")
    refused = await client.get(CSV, headers={"Authorization": f"Bearer {token}"})
    assert (refused.status_code, refused.json()) == (
        403,
        {"error": "You are not allowed to do this", "code": "FORBIDDEN"},
    )
    # a malformed query does not tell an anonymous caller more than that it must log in
    anonymous = await client.get(CSV, params={"status": "BOGUS"})
    assert (anonymous.status_code, anonymous.json()) == (
        401,
        {"error": "You must be logged in to do this", "code": "UNAUTHENTICATED"},
    )


@pytest.mark.parametrize("path", [CSV, XLSX])
@pytest.mark.parametrize(("query", "answer"), REFUSED)
async def test_an_unknown_filter_is_refused_and_nothing_is_exported(
    history_db, client, settings, monkeypatch, tmp_path: Path, path, query, answer
):
    # given: a staff member, and temporary files going to an empty directory
    token = await token_for(Role.APPROVER, settings)
    spool = tmp_path / "spool"
    spool.mkdir()
    monkeypatch.setattr(tempfile, "tempdir", str(spool))
    # when: the query names something the export does not know
    response = await client.get(path, params=query, headers={"Authorization": f"Bearer {token}"})
    # then: 400 naming the parameter and what it allows; no file, not even a temporary one
    assert (response.status_code, response.headers["content-type"], response.json()) == (
        400,
        "application/json",
        answer,
    )
    assert "content-disposition" not in response.headers
    assert list(spool.iterdir()) == []


async def test_known_filters_narrow_the_export(history_db, client, settings):
    token = await token_for(Role.ADMIN, settings)
    response = await client.get(
        CSV,
        params=[("status", "CLOSED"), ("status", "APPROVED"), ("fundingArea", "COUNSELLING")],
        headers={"Authorization": f"Bearer {token}"},
    )
    rows = list(csv.reader(io.StringIO(response.text)))
    assert response.status_code == 200
    assert {(row[3], row[5]) for row in rows[1:]} == {("CLOSED", "COUNSELLING")}
    assert len(rows) == 21


async def test_the_same_export_as_a_spreadsheet(history_db, client, settings, monkeypatch, tmp_path: Path):
    spool = tmp_path / "spool"
    spool.mkdir()
    monkeypatch.setattr(tempfile, "tempdir", str(spool))
    token = await token_for(Role.APPROVER, settings)
    response = await client.get(XLSX, params={"search": "2015"}, headers={"Authorization": f"Bearer {token}"})
    assert response.status_code == 200
    assert response.headers["content-type"] == XLSX_TYPE
    sheet = load_workbook(io.BytesIO(response.content), read_only=True)["Gesuche"]
    rows = list(sheet.iter_rows(values_only=True))
    assert rows[0][:2] == ("reference", "title")
    assert [row[0] for row in rows[1:3]] == ["KIP-2015-0001", "KIP-2015-0002"]
    assert len(rows) == 41  # the header and KIP 1's 40 measures of 2015
    assert list(spool.iterdir()) == []  # the spool is removed once sent


async def test_spreadsheet_cells_are_typed(history_db, client, settings):
    # given: a staff member; when: they download the spreadsheet
    token = await token_for(Role.ADMIN, settings)
    response = await client.get(
        XLSX, params={"search": "KIP-2014-0001"}, headers={"Authorization": f"Bearer {token}"}
    )
    sheet = load_workbook(io.BytesIO(response.content))["Gesuche"]
    header = [cell.value for cell in sheet[1]]
    cells = dict(zip(header, sheet[2], strict=True))
    # then: text is text, amounts are numbers shown with two decimals, dates are dates, counts integers
    typed = {name: (cell.data_type, cell.value, cell.number_format) for name, cell in cells.items()}
    assert typed["reference"] == ("s", "KIP-2014-0001", "General")
    assert typed["status"] == ("s", "CLOSED", "General")
    for name in ("total_cost", "requested_amount", "awarded"):
        assert typed[name][0::2] == ("n", "#,##0.00")
        assert isinstance(typed[name][1], float)
    assert typed["requested_amount"][1] == typed["awarded"][1] == 8000
    assert typed["reviews"] == ("n", 1, "General")
    assert typed["mean_weighted_score"] == ("n", 4, "#,##0.000")
    assert (cells["project_start"].data_type, cells["project_start"].number_format) == ("d", "yyyy-mm-dd")
    assert (cells["project_end"].data_type, cells["project_end"].value) == ("d", datetime(2014, 12, 31))
    submitted = cells["submitted_at"]
    assert (submitted.data_type, submitted.value, submitted.number_format) == (
        "d",
        datetime(2014, 2, 1),
        'yyyy-mm-dd hh:mm:ss "UTC"',
    )
    assert all(cell.data_type != "f" for row in sheet.iter_rows() for cell in row)
