"""The applicant's whole journey in a real browser, once in German and once in French: sign in, start an
application from an open call, fill its sections (a budget line added without JavaScript), fail
validation and fix it, submit, answer the programme office's change request, see the approval with
its award and tranches, and report figures. The office's steps go through the served kipnet's API
(tests/web/browser/office.py) until its pages land. Every page is checked by the Visitor as it
arrives: axe-core at 0 violations, nothing wider than the window, a quiet console."""

from __future__ import annotations

from collections.abc import Callable, Iterator
from datetime import UTC, datetime
from pathlib import Path
from typing import Literal

import pytest
from babel import Locale
from playwright.async_api import Locator

from grants.models import Role
from tests.databases import Templates
from tests.served import ServedKipnet
from tests.web.browser.availability import require_browser
from tests.web.browser.journey import Visitor
from tests.web.browser.office import CALL_TITLE, Office, open_call
from tests.web.browser.served import serve_portal
from tests.web.conftest import OpenVisitor
from web import i18n
from web.applications import forms, steps

pytestmark = pytest.mark.asyncio(loop_scope="session")

#: The project runs through this year (inside the programme of the call, which runs this year).
YEAR = datetime.now(UTC).year
START, END = f"1.1.{YEAR}", f"31.12.{YEAR}"
#: What the API says when the requested amount does not balance the budget (its own catalogs).
BALANCE_PROBLEM = {
    "de": "Der beantragte Betrag muss Gesamtkosten − Eigenmittel − Drittmittel = CHF {balance} betragen",
    "fr": "Le montant demandé doit correspondre à coût total − fonds propres − fonds de tiers = CHF {balance}",
}
#: What each language's applicant types (a typo where a number belongs) and the office writes back.
WORDS = {
    "de": {
        "title": "Deutsch im Quartier",
        "summary": "Deutschkurse mit Kinderbetreuung im Quartierzentrum.",
        "answer": "Deutschkurse für Mütter kleiner Kinder, mit Kinderbetreuung im Quartierzentrum.",
        "changed": "Zielgruppe ergänzt",
        "request": "Bitte die Zielgruppe beschreiben.",
        "conditions": "Zwischenbericht nach sechs Monaten",
        "typo": "vierzigtausend",
        "narrative": "Zwei Kurse laufen, 24 Teilnehmerinnen.",
        "participants": "Teilnehmende",
    },
    "fr": {
        "title": "L’allemand au quartier",
        "summary": "Cours d’allemand avec garde d’enfants au centre de quartier.",
        "answer": "Cours d’allemand pour les mères de jeunes enfants, avec garde d’enfants.",
        "changed": "Public cible précisé",
        "request": "Veuillez décrire le public cible.",
        "conditions": "Rapport intermédiaire après six mois",
        "typo": "quarante mille",
        "narrative": "Deux cours en route, 24 participantes.",
        "participants": "Participants",
    },
}


@pytest.fixture(scope="module")
def portal(templates: Templates, tmp_path_factory: pytest.TempPathFactory) -> Iterator[ServedKipnet]:
    """The browser tests' served kipnet, with a call open now (the seeded fixtures have none)."""
    require_browser()
    server = serve_portal(templates, Path(tmp_path_factory.mktemp("portal")), prepare=open_call)
    try:
        yield server
    finally:
        server.stop()


def written(language: str, formatter: Callable[[object], str], value: object) -> str:
    """`value` as the portal writes it in `language` (money, day, number)."""
    token = i18n.current_language.set(language)
    try:
        return formatter(value)
    finally:
        i18n.current_language.reset(token)


def numbered(visitor: Visitor, legend: str, n: int) -> Locator:
    """The n-th (from 1) of a form's repeated groups, e.g. budget line 2 ("Line %(n)s")."""
    return visitor.page.get_by_role("group", name=visitor.t(legend) % {"n": n}, exact=True)


async def fill_line(visitor: Visitor, n: int, category: str, description: str, amount: str) -> None:
    """Fill budget line `n`: what it pays for (a category's English name), its description and amount."""
    line = numbered(visitor, "Line %(n)s", n)
    await line.get_by_label(visitor.t("What it pays for"), exact=True).select_option(
        label=visitor.t(category)
    )
    await line.get_by_label(visitor.t("Description"), exact=True).fill(description)
    await line.get_by_label(visitor.t("Amount in CHF"), exact=True).fill(amount)


async def value_of(visitor: Visitor, label: str) -> str:
    """What the field labelled `label` (English) holds now."""
    return await visitor.page.get_by_label(visitor.t(label), exact=True).input_value()


async def summary_text(visitor: Visitor, ident: str) -> str:
    """The text of the element with id `ident` (a summary list's value, a message)."""
    return (await visitor.page.locator(f"#{ident}").inner_text()).strip()


async def tab_to(
    visitor: Visitor, role: Literal["link", "textbox", "button"], name: str, *, most: int = 60
) -> None:
    """Press Tab until the element of `role` named `name` (as shown) has the focus, each stop visibly
    focused; fail after `most` presses."""
    target = visitor.page.get_by_role(role, name=name, exact=True)
    for _ in range(most):
        await visitor.page.keyboard.press("Tab")
        if await target.evaluate("element => element === document.activeElement"):
            focused = await visitor.focused()
            assert focused["outlineStyle"] != "none" or focused["boxShadow"] != "none", focused
            return
    raise AssertionError(f"{role} {name!r} is not reached with Tab on {visitor.page.url}")


@pytest.mark.parametrize("language", ["de", "fr"])
async def test_an_applicant_goes_from_draft_to_report(
    open_visitor: OpenVisitor, portal: ServedKipnet, language: str
) -> None:
    """From the list of applications to a submitted interim report, every page as a person sees it."""
    words = WORDS[language]
    office = Office(portal.url)
    visitor = await open_visitor(language)

    # given the applicant signed in, on "My applications", with the open call offered
    await visitor.sign_in(Role.APPLICANT.value)
    assert visitor.path == "/applications"
    assert await visitor.heading() == visitor.t("My applications")

    # when they start an application from the call with its title and dates
    await visitor.follow(visitor.t("Apply to “%(title)s”") % {"title": CALL_TITLE})
    assert (visitor.path, await visitor.heading()) == ("/applications/new", visitor.t("Start an application"))
    await visitor.fill("Project title", words["title"])
    await visitor.fill("First day of the project", START)
    await visitor.fill("Last day of the project", END)
    await visitor.press("Start the application")
    # then the form's first section comes next, filled with what was typed
    reference = visitor.path.split("/")[2]
    base = f"/applications/{reference}"
    assert visitor.path == f"{base}/project"
    assert await visitor.heading() == visitor.t("Project")
    assert await value_of(visitor, "Project title") == words["title"]

    # when the project is summarised, and the places and languages are ticked
    await visitor.fill("Summary", words["summary"])
    await visitor.press("Save and continue")
    assert visitor.path == f"{base}/places"
    languages = Locale.parse(i18n.LOCALES[language]).languages
    await visitor.tick("Municipalities where the project takes place", "Pratteln")
    await visitor.tick("Languages the project works in", languages["de"])
    await visitor.tick("Languages the project works in", languages["ti"])
    await visitor.press("Save and continue")
    # then the budget comes next, with two empty lines
    assert visitor.path == f"{base}/budget"
    assert await visitor.page.locator("fieldset.budget-line").count() == forms.EMPTY_ROWS

    # when two lines are filled and "Add another line" pressed (no script: the server adds it)
    await fill_line(visitor, 1, "Personnel", "Kursleitung", "30'000")
    await fill_line(visitor, 2, "Premises", "Raummiete", "12000.00")
    await visitor.press("Add another line")
    # then a third, empty line is there, the two typed are kept, and the total counts them
    assert visitor.path == f"{base}/budget"
    assert await visitor.page.locator("fieldset.budget-line").count() == 3
    line_1 = numbered(visitor, "Line %(n)s", 1)
    assert await line_1.get_by_label(visitor.t("Description"), exact=True).input_value() == "Kursleitung"
    line_3 = numbered(visitor, "Line %(n)s", 3)
    assert await line_3.get_by_label(visitor.t("Amount in CHF"), exact=True).input_value() == ""
    total = visitor.page.locator(".budget-total")
    assert (await total.inner_text()).strip() == (
        f"{visitor.t('Total cost')}: {written(language, i18n.money, '42000')}"
    )

    # when the third line is filled and the budget saved
    await fill_line(visitor, 3, "Material", "Kursmaterial", "3000")
    await visitor.press("Save and continue")
    # then the funding page shows the total cost as saved
    assert visitor.path == f"{base}/funding"
    assert await visitor.heading() == visitor.t("Own contribution and funding")

    # when the requested amount is typed in words
    await visitor.fill("Own contribution in CHF", "5000")
    await visitor.fill("Third-party funding in CHF", "2000")
    await visitor.fill("Requested amount in CHF", words["typo"])
    await visitor.press("Save draft")
    # then the error summary says so and links to the field, which says it too and keeps the input
    amount_problem = visitor.t(forms.AMOUNT_PROBLEM)
    assert await visitor.problems() == [amount_problem]
    assert await visitor.problem_targets() == ["#f-requestedAmount"]
    assert await visitor.field_errors("Requested amount in CHF") == [amount_problem]
    assert await value_of(visitor, "Requested amount in CHF") == words["typo"]
    assert await value_of(visitor, "Own contribution in CHF") == "5000"
    await visitor.page.locator(".error-summary a").click()
    assert await visitor.page.evaluate("location.hash") == "#f-requestedAmount"
    # (the link puts the cursor in the labelled field, which shows its focus)
    requested = visitor.page.get_by_label(visitor.t("Requested amount in CHF"), exact=True)
    assert await requested.evaluate("element => element === document.activeElement")
    assert (await visitor.focused())["outlineStyle"] == "solid"

    # when a number is typed, but not the one the budget leaves, and the form is saved
    await visitor.fill("Requested amount in CHF", "40000")
    await visitor.press("Save and continue")
    # then the planned outputs come next; one is planned and the answers checked
    assert visitor.path == f"{base}/targets"
    target = numbered(visitor, "Target %(n)s", 1)
    await target.get_by_label(visitor.t("Indicator"), exact=True).select_option(value="PARTICIPANTS")
    await target.get_by_label(visitor.t("Planned count"), exact=True).fill("60")
    await visitor.press("Save and continue")
    # then the Documents section comes next (nothing to attach here), and after it the check page
    assert visitor.path == f"{base}/documents"
    await visitor.follow("Continue")
    assert visitor.path == f"{base}/check"
    assert await visitor.heading() == visitor.t("Check your answers")

    # when the applicant submits
    await visitor.press("Submit the application")
    # then the API's refusal is listed, linked to the field in its section, and shown at its answer
    balance_problem = BALANCE_PROBLEM[language].format(balance="38000.00")
    assert await visitor.problems() == [balance_problem]
    assert await visitor.problem_targets() == [f"{base}/funding#f-requestedAmount"]
    at_answer = await visitor.page.locator("#check-requestedAmount .error-message").text_content()
    assert " ".join(str(at_answer).split()) == f"{visitor.t('Error:')} {balance_problem}"
    # and its link leads to the field, which holds the amount as saved
    async with visitor.page.expect_navigation():
        await visitor.page.get_by_role("link", name=balance_problem, exact=True).click()
    await visitor.arrived()
    assert (visitor.path, await visitor.page.evaluate("location.hash")) == (
        f"{base}/funding",
        "#f-requestedAmount",
    )
    assert await value_of(visitor, "Requested amount in CHF") == "40000.00"
    assert await summary_text(visitor, "requested-check") == visitor.t(
        "As saved, the requested amount %(requested)s is not total cost − own contribution − "
        "third-party funding = %(balance)s. Correct it before you submit."
    ) % {
        "requested": written(language, i18n.money, "40000"),
        "balance": written(language, i18n.money, "38000"),
    }

    # when the amount is fixed and the application submitted from the check page
    await visitor.fill("Requested amount in CHF", "38000")
    await visitor.press("Save draft")
    assert visitor.path == f"{base}/funding"
    assert await visitor.page.locator("#requested-check").count() == 0
    await visitor.follow("Check and submit")
    await visitor.press("Submit the application")
    # then the overview says it was submitted, and what comes next
    assert visitor.path == base
    assert await visitor.page.get_by_role("status").locator("p").all_inner_texts() == [
        visitor.t("Application submitted"),
        visitor.t("The programme office has received it and will review it. You will get an e-mail."),
    ]
    assert await summary_text(visitor, "next-step") == visitor.t(steps.WAIT_REVIEW)

    # when the programme office asks for a change
    await office.request_changes(reference, words["request"])
    await visitor.open(base)
    # then the overview shows the request with its message, and that it is the next step
    assert await summary_text(visitor, "next-step") == visitor.t(steps.ANSWER)
    request = visitor.page.get_by_role("region", name=visitor.t("Changes requested"), exact=True)
    assert (await request.locator(".change-message").inner_text()).strip() == words["request"]

    # when the applicant answers it in the project section and submits again with a note
    await visitor.follow("Project")
    assert visitor.path == f"{base}/project"
    await visitor.fill("Summary", words["answer"])
    await visitor.press("Save draft")
    assert visitor.path == f"{base}/project"
    assert await visitor.page.get_by_role("status").inner_text() == visitor.t("Your draft was saved.")
    await visitor.follow("Check and submit")
    await visitor.fill("What you changed (optional)", words["changed"])
    await visitor.press("Submit the application")
    # then it is submitted again, and the history keeps the note
    assert visitor.path == base
    assert await summary_text(visitor, "next-step") == visitor.t(steps.WAIT_REVIEW)
    history = await visitor.table(visitor.t("History"))
    # (six saves before the first submission: project, places, budget, funding twice, targets)
    steps_taken = ["Started", *(["Changed"] * 6), "Submitted", "Review started", "Changes requested"]
    steps_taken += ["Changed", "Submitted"]
    assert [row[1] for row in history[1:]] == [visitor.t(step) for step in steps_taken]
    assert history[-3][1:] == [
        visitor.t("Changes requested"),
        visitor.t("Programme office"),
        words["request"],
    ]
    assert history[-1][1:] == [visitor.t("Submitted"), "applicant", words["changed"]]

    # when the office reviews and approves it with an award, and pays the first tranche
    await office.approve(reference, "38000.00", words["conditions"])
    paid_on = await office.pay(reference, 0)
    await visitor.open(base)
    # then the applicant sees the approval, the award with its conditions, and the tranches
    assert await summary_text(visitor, "next-step") == visitor.t(steps.INTERIM)
    decision = visitor.page.get_by_role("region", name=visitor.t("Decision"), exact=True)
    assert await decision.locator(".tag").inner_text() == visitor.t("Approved")
    award = visitor.page.get_by_role("region", name=visitor.t("Award"), exact=True)
    assert await award.locator("dd").all_inner_texts() == [
        written(language, i18n.money, "38000.00"),
        words["conditions"],
    ]
    tranches = await visitor.table(visitor.t("Payments"))
    assert tranches == [
        [visitor.t("Tranche"), visitor.t("Amount"), visitor.t("Due on"), visitor.t("Paid")],
        [
            "1",
            written(language, i18n.money, "30400.00"),
            written(language, i18n.day, f"{YEAR}-01-01"),
            f"{visitor.t('Paid')} {written(language, i18n.day, paid_on)}",
        ],
        [
            "2",
            written(language, i18n.money, "7600.00"),
            written(language, i18n.day, f"{YEAR}-12-31"),
            visitor.t("Due"),
        ],
    ]

    # when the applicant reports figures for the planned indicator
    await visitor.follow("Submit a report")
    assert visitor.path == f"{base}/reports/new"
    assert await visitor.heading() == visitor.t("Submit a report")
    await visitor.fill("What the project did", words["narrative"])
    figure = numbered(visitor, "Figure %(n)s", 1)
    assert await figure.get_by_label(visitor.t("Indicator"), exact=True).input_value() == "PARTICIPANTS"
    await figure.get_by_label(visitor.t("Count"), exact=True).fill("24")
    await visitor.press("Submit the report")
    # then the overview confirms it, and lists it as waiting to be checked with its figure
    assert visitor.path == base
    assert await visitor.page.get_by_role("status").inner_text() == visitor.t("Your report was submitted.")
    assert await summary_text(visitor, "next-step") == visitor.t(steps.REPORT_WAITING)
    reports = await visitor.table(visitor.t("Reports"))
    assert reports[0] == [
        visitor.t(heading) for heading in ("Report", "Submitted on", "Status", "Figures", "Message")
    ]
    assert reports[1][0] == visitor.t("Interim report")
    assert reports[1][2:] == [visitor.t("Submitted"), f"{words['participants']}: 24", ""]


async def test_starting_an_application_with_the_keyboard_only(open_visitor: OpenVisitor) -> None:
    """Tab and Enter reach the call's link and the start form, fill it and send it; focus shows."""
    # given a French applicant on "My applications", using no mouse
    visitor = await open_visitor("fr")
    await visitor.sign_in(Role.APPLICANT.value)
    assert visitor.path == "/applications"

    # when they Tab to the call's link and press Enter
    await tab_to(visitor, "link", visitor.t("Apply to “%(title)s”") % {"title": CALL_TITLE})
    async with visitor.page.expect_navigation():
        await visitor.page.keyboard.press("Enter")
    await visitor.arrived()
    assert visitor.path == "/applications/new"
    # and Tab from field to field, typing, then to the button and press Enter
    for label, text in (
        ("Project title", "Cours au clavier"),
        ("First day of the project", START),
        ("Last day of the project", END),
    ):
        await tab_to(visitor, "textbox", visitor.t(label))
        await visitor.page.keyboard.type(text)
    await tab_to(visitor, "button", visitor.t("Start the application"))
    async with visitor.page.expect_navigation():
        await visitor.page.keyboard.press("Enter")
    await visitor.arrived()

    # then the application is started with what was typed, and its first section is shown
    assert visitor.path.endswith("/project")
    assert await value_of(visitor, "Project title") == "Cours au clavier"
    assert await value_of(visitor, "First day of the project") == START


async def test_a_phone_wide_window_fits_the_applicants_pages(open_visitor: OpenVisitor) -> None:
    """At 360 px the list, the start page and the budget with an added line fit without sideways scrolling."""
    # given a German applicant on a phone-wide window (every arrival checks the width)
    visitor = await open_visitor("de", width=360)
    await visitor.sign_in(Role.APPLICANT.value)
    assert visitor.path == "/applications"
    # when they start an application and add a budget line
    await visitor.follow(visitor.t("Apply to “%(title)s”") % {"title": CALL_TITLE})
    await visitor.fill("Project title", "Deutsch am Handy")
    await visitor.fill("First day of the project", START)
    await visitor.fill("Last day of the project", END)
    await visitor.press("Start the application")
    base = visitor.path.removesuffix("/project")
    await visitor.open(f"{base}/budget")
    await fill_line(visitor, 1, "Personnel", "Kursleitung mit einer sehr langen Beschreibung", "30'000")
    await visitor.press("Add another line")
    # then the budget page still fits, with three lines, and so do the overview and the check page
    assert await visitor.page.locator("fieldset.budget-line").count() == 3
    await visitor.open(base)
    await visitor.open(f"{base}/check")
    assert await visitor.heading() == visitor.t("Check your answers")
