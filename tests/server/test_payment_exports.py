"""The finance office's exports over HTTP: unpaid tranches due by a day, as CSV and XLSX, staff only."""

from __future__ import annotations

import csv
import io
from datetime import UTC, date, datetime
from decimal import Decimal

import pytest
from openpyxl import load_workbook

from grants import accounts
from grants.models import User
from grants.payments import start_tranche_payment
from grants.programmes import SWISS_TIME
from tests import factories
from tests.factories import IBAN_CH
from tests.factories_payments import approved, people

CSV = "/exports/payments.csv"
XLSX = "/exports/payments.xlsx"
XLSX_TYPE = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
HEADER = [
    "organisation",
    "holder",
    "iban",
    "amount",
    "currency",
    "reference",
    "tranche",
    "due_on",
    "status",
    "payment_started_at",
]
HANDED_OVER = datetime(2026, 8, 1, 8, 0, tzinfo=UTC)
#: A holder's name that a spreadsheet would run as a formula if it were not neutralised.
HOSTILE = '=HYPERLINK("http://evil.example","pay")'


async def bearer(user: User, settings) -> dict[str, str]:
    token, _ = await accounts.login(email=user.email, password=factories.PASSWORD, secret=settings.secret_key)
    return {"Authorization": f"Bearer {token}"}


async def due_project() -> tuple[dict[str, User], str]:
    """An approved project whose first tranche is with the finance office; its reference."""
    who = await people()
    application = await approved(who)
    await factories.bank_account("verein-a", holder=HOSTILE)
    await start_tranche_payment(
        actor=who["approver"], application_id=application.id, position=0, now=HANDED_OVER
    )
    return who, application.reference


async def test_staff_get_the_due_tranches_as_csv(seeded_db, client, settings):
    who, reference = await due_project()
    response = await client.get(
        CSV, params={"dueBefore": "2027-07-31"}, headers=await bearer(who["reviewer"], settings)
    )
    assert response.status_code == 200
    assert response.headers["content-type"] == "text/csv; charset=utf-8"
    assert response.headers["content-disposition"] == 'attachment; filename="payments-2027-07-31.csv"'
    rows = list(csv.reader(io.StringIO(response.text)))
    assert rows == [
        HEADER,
        [
            "Verein A",
            "'" + HOSTILE,
            IBAN_CH,
            "28000.00",
            "CHF",
            reference,
            "0",
            "2026-08-01",
            "BEING_PAID",
            "2026-08-01T08:00:00+00:00",
        ],
        [
            "Verein A",
            "'" + HOSTILE,
            IBAN_CH,
            "7000.00",
            "CHF",
            reference,
            "1",
            "2027-07-31",
            "AWAITING_FINAL_REPORT",
            "",
        ],
    ]
    # a day before the last tranche's due day: only the first
    earlier = await client.get(
        CSV, params={"dueBefore": "2027-07-30"}, headers=await bearer(who["admin"], settings)
    )
    assert [row[6] for row in csv.reader(io.StringIO(earlier.text))] == ["tranche", "0"]


async def test_the_same_as_a_spreadsheet_with_typed_cells(seeded_db, client, settings):
    who, reference = await due_project()
    response = await client.get(
        XLSX, params={"dueBefore": "2026-12-31"}, headers=await bearer(who["approver"], settings)
    )
    assert response.status_code == 200
    assert response.headers["content-type"] == XLSX_TYPE
    sheet = load_workbook(io.BytesIO(response.content))["Zahlungen"]
    rows = list(sheet.iter_rows(values_only=True))
    assert rows == [
        tuple(HEADER),
        (
            "Verein A",
            "'" + HOSTILE,
            IBAN_CH,
            28000,
            "CHF",
            reference,
            0,
            datetime(2026, 8, 1),
            "BEING_PAID",
            datetime(2026, 8, 1, 8, 0),
        ),
    ]
    amount = sheet["D2"]
    assert (amount.data_type, amount.number_format) == ("n", "#,##0.00")
    assert Decimal(str(amount.value)) == Decimal("28000.00")
    assert sheet["B2"].data_type == "s"  # text, never a formula


async def test_without_a_day_the_export_lists_what_is_due_today(seeded_db, client, settings):
    who, _ = await due_project()
    response = await client.get(CSV, headers=await bearer(who["admin"], settings))
    today = datetime.now(SWISS_TIME).date()
    assert response.status_code == 200
    assert response.headers["content-disposition"].startswith('attachment; filename="payments-')
    due = [row[7] for row in csv.reader(io.StringIO(response.text))][1:]
    assert due == [day for day in ("2026-08-01", "2027-07-31") if date.fromisoformat(day) <= today]


@pytest.mark.parametrize(
    ("query", "answer"),
    [
        (
            [("dueBefore", "31.12.2026")],
            {
                "error": "dueBefore must be a day written YYYY-MM-DD, e.g. 2026-12-31; not '31.12.2026'",
                "code": "INVALID",
                "parameter": "dueBefore",
            },
        ),
        (
            [("dueBefore", "2026-02-30")],
            {
                "error": "dueBefore must be a day written YYYY-MM-DD, e.g. 2026-12-31; not '2026-02-30'",
                "code": "INVALID",
                "parameter": "dueBefore",
            },
        ),
        (
            [("dueBefore", "2026-12-31"), ("dueBefore", "2027-01-31")],
            {"error": "Give dueBefore at most once", "code": "INVALID", "parameter": "dueBefore"},
        ),
        (
            [("due", "2026-12-31")],
            {
                "error": "Unknown parameter 'due'; allowed: dueBefore",
                "code": "INVALID",
                "parameter": "due",
                "allowed": ["dueBefore"],
            },
        ),
    ],
)
async def test_a_bad_day_is_refused_with_400_and_no_file(seeded_db, client, settings, query, answer):
    who = await people()
    for path in (CSV, XLSX):
        response = await client.get(path, params=query, headers=await bearer(who["admin"], settings))
        assert (response.status_code, response.json()) == (400, answer)


async def test_applicants_and_anonymous_callers_get_no_export(seeded_db, client, settings):
    who, _ = await due_project()
    for path in (CSV, XLSX):
        anonymous = await client.get(path, params={"dueBefore": "2027-12-31"})
        assert (anonymous.status_code, anonymous.json()) == (
            401,
            {"error": "You must be logged in to do this", "code": "UNAUTHENTICATED"},
        )
        applicant = await client.get(
            path, params={"dueBefore": "2027-12-31"}, headers=await bearer(who["a"], settings)
        )
        assert (applicant.status_code, applicant.json()) == (
            403,
            {"error": "You are not allowed to do this", "code": "FORBIDDEN"},
        )
        assert IBAN_CH not in anonymous.text + applicant.text
