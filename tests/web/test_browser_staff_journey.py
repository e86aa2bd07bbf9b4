"""The programme office's journey in a real browser, once in German and once in French: an admin opens a
call; a reviewer finds the application submitted under it in the filtered queue (and downloads the list),
takes it into review and scores it; an approver who reviewed it too is told why four eyes keep them from
deciding, and a decision forced past the page is refused with nothing changed; another approver approves
it with an award, records the first tranche as paid and accepts the applicant's report. Every page is
checked by the Visitor as it arrives (axe-core at 0 violations, width, console); the applicant acts
through the served API."""

from __future__ import annotations

import csv
import io
from collections.abc import Iterator
from datetime import UTC, datetime
from pathlib import Path

import pytest

from grants.models import Role
from tests import factories
from tests.databases import Templates
from tests.served import ServedKipnet
from tests.web.browser.availability import require_browser
from tests.web.browser.journey import Visitor
from tests.web.browser.served import ACCOUNTS, APPLICANT_ORGANISATION, serve_portal
from tests.web.browser.staff_steps import (
    CRITERIA,
    REQUESTED,
    SECOND_APPROVER,
    Api,
    Call,
    Phase,
    add_account,
    criterion,
    day,
    download,
    force,
    moment,
    money,
    ngettext,
)
from tests.web.conftest import OpenVisitor

pytestmark = pytest.mark.asyncio(loop_scope="session")

LANGUAGES = ("de", "fr")
#: Each language's project, so that the search finds exactly the one of the run.
TITLES = {"de": "Sprachtreff Schönthal", "fr": "Café des langues Frenkendorf"}
#: Each language's call (an admin writes the title in German).
CALL_TITLES = {"de": "Sprache im Alltag", "fr": "Sprache im Alltag – Romandie"}
SEARCHES = {"de": "schönthal", "fr": "frenkendorf"}
#: The award as the approver types it, Swiss style in each language, and what it comes to.
TYPED_AWARD = {"de": "30'000", "fr": "30 000"}
AWARD, FIRST_TRANCHE, LAST_TRANCHE = "30000.00", "24000.00", "6000.00"
#: The scores the reviewer and the approver give, per criterion (RELEVANCE, FEASIBILITY).
REVIEWER_SCORES, APPROVER_SCORES = ("4", "3"), ("5", "2")
#: The reviewer's weighted score, (4 × 2 + 3 × 1) / 3, as each language writes it.
WEIGHTED = {"de": "3.667", "fr": "3,667"}
#: kipnet's own refusal of a decision by an approver who reviewed (schema/locales), as the page shows it.
FOUR_EYES_REFUSAL = {
    "de": "Vier-Augen-Prinzip: Sie haben dieses Gesuch beurteilt; entscheiden muss eine andere Person mit "
    "Entscheidbefugnis",
    "fr": "Principe des quatre yeux\xa0: vous avez évalué cette demande\u202f; la décision revient à une "
    "autre personne habilitée",
}
APPLICANT_NAME = "Verein Deutsch-Café Pratteln"
#: Who appears in the history: each account's display name (the part of its address before the @).
APPLICANT, REVIEWER, APPROVER, OTHER_APPROVER = "applicant", "reviewer", "approver", "approver.two"
QUEUE = "/staff/applications"
#: When each tranche is due (web/staff/words.py MILESTONES).
AT_START, AFTER_FINAL = "At the project's start", "After the final report"


async def payable() -> None:
    """The applicant's organisation has a bank account: tranches are paid to one."""
    await factories.bank_account(APPLICANT_ORGANISATION)


@pytest.fixture(scope="module")
def portal(templates: Templates, tmp_path_factory: pytest.TempPathFactory) -> Iterator[ServedKipnet]:
    """The browser tests' served kipnet (tests/web/conftest.py) with a second approver for four eyes."""
    require_browser()
    server = serve_portal(templates, Path(tmp_path_factory.mktemp("portal")), payable)
    try:
        add_account(server, SECOND_APPROVER)
        yield server
    finally:
        server.stop()


async def an_admin_opens_a_call(admin: Visitor, phase: Phase, title: str) -> str:
    """The admin fills in the new call's form (amounts typed Swiss style) and opens it: its reference."""
    await admin.sign_in(ACCOUNTS[Role.ADMIN])
    await admin.open("/admin/calls/new")
    await admin.choose("Programme phase", f"{phase.code} – {phase.names[admin.language]}")
    await admin.fill("Title in German", title)
    await admin.tick("Funding areas", phase.area_names[admin.language])
    opens, closes = phase.opening()
    await admin.fill("Opens on", opens.isoformat())
    await admin.fill("Deadline", closes.isoformat())
    await admin.fill("Budget in CHF", "200'000")
    await admin.fill("Most per application in CHF (optional)", "50'000")
    await admin.fill("Reviews needed before a decision", "1")
    for row, (code, name, weight) in enumerate(CRITERIA, start=1):
        await criterion(admin, row, code, name, weight)
    await admin.press("Open the call")
    return admin.path.removeprefix("/admin/calls/")


async def the_reviewer_finds_it_in_the_queue(visitor: Visitor, call: Call) -> None:
    """Signed in, the reviewer narrows the queue to the call's submitted applications and searches."""
    await visitor.sign_in(ACCOUNTS[Role.REVIEWER])
    assert visitor.path == QUEUE
    await visitor.choose("Funding call", f"{call.reference} – {call.title}")
    await visitor.choose("Status", visitor.t("Submitted"))
    await visitor.fill("Search", SEARCHES[visitor.language])
    await visitor.press("Show applications")


async def scores_it(visitor: Visitor, scores: tuple[str, ...], recommendation: str) -> None:
    """Score each criterion of the call, recommend, and save the review."""
    for (_, name, _), score in zip(CRITERIA, scores, strict=True):
        await visitor.choose(name, score)
    await visitor.choose("Your recommendation", visitor.t(recommendation))
    await visitor.press("Save review")


async def done(visitor: Visitor) -> str:
    """The success notification's message after an action ('' without one)."""
    notification = visitor.page.locator("#done .body")
    return (await notification.inner_text()).strip() if await notification.count() else ""


async def summary(visitor: Visitor, key: str) -> str:
    """The value a page's summary list gives for `key` (English, translated)."""
    row = visitor.page.locator(".summary-list__row").filter(
        has=visitor.page.get_by_text(visitor.t(key), exact=True)
    )
    return (await row.locator("dd").inner_text()).strip()


async def status(visitor: Visitor) -> str:
    """The application's status tag as its page shows it."""
    return (await visitor.page.locator("main .tag").first.inner_text()).strip()


@pytest.mark.parametrize("language", LANGUAGES)
async def test_the_staff_journey_from_the_queue_to_an_accepted_report(
    open_visitor: OpenVisitor, portal: ServedKipnet, language: str
) -> None:
    # given an admin who opens a call in the browser
    api = Api(portal.url)
    phase = await api.current_phase()
    admin = await open_visitor(language)
    reference = await an_admin_opens_a_call(admin, phase, CALL_TITLES[language])
    t = admin.t
    assert await done(admin) == t("The call was opened.")
    assert await admin.heading() == CALL_TITLES[language]
    assert await status(admin) == t("Open")
    assert await summary(admin, "Funding areas") == phase.area_names[language]
    assert await summary(admin, "Criteria") == "; ".join(
        f"{name} ({code}, {t('weight')} {weight})" for code, name, weight in CRITERIA
    )
    # and an application the applicant submitted under it (through the API)
    call = await api.call(reference, phase)
    made = await api.submitted_application(call, TITLES[language])
    page = f"{QUEUE}/{made.reference}"

    # when a reviewer filters the queue by the call and status, and searches a word of the title
    reviewer = await open_visitor(language)
    await the_reviewer_finds_it_in_the_queue(reviewer, call)
    # then exactly this application is listed, the filter is kept, and its download holds the same
    assert await reviewer.page.locator("#queue-count").inner_text() == ngettext(
        reviewer, "%(num)s application found", "%(num)s applications found", 1
    )
    rows = await reviewer.table(t("Applications matching the filter"))
    assert rows[0] == [
        t("Reference"),
        t("Title"),
        t("Applicant"),
        t("Call"),
        t("Funding area"),
        t("Submitted"),
        t("Requested"),
        t("Status"),
    ]
    assert rows[1:] == [
        [
            made.reference,
            made.title,
            APPLICANT_NAME,
            call.reference,
            phase.area_names[language],
            moment(reviewer, made.submitted_at),
            money(reviewer, REQUESTED),
            t("Submitted"),
        ]
    ]
    assert await reviewer.page.get_by_label(t("Search"), exact=True).input_value() == SEARCHES[language]
    name, text = await download(reviewer, "Download this list as CSV")
    listed = list(csv.reader(io.StringIO(text)))
    assert name == "applications.csv"
    assert [(row[0], row[1], row[3], row[4]) for row in listed[1:]] == [
        (made.reference, made.title, "SUBMITTED", call.reference)
    ]

    # when the reviewer opens it and starts the review
    await reviewer.follow(made.reference)
    assert reviewer.path == page
    assert await reviewer.heading() == made.title
    assert await status(reviewer) == t("Submitted")
    await reviewer.press("Start review")
    # then it is in review, and the reviewer may score it but not decide
    assert reviewer.path == page
    assert await done(reviewer) == t("The application is now in review.")
    assert await status(reviewer) == t("In review")
    assert await reviewer.page.locator("#decide-blocked li").all_inner_texts() == [
        t("Only an approver decides applications."),
        ngettext(
            reviewer,
            "The call needs %(need)s review before a decision; %(have)s so far.",
            "The call needs %(need)s reviews before a decision; %(have)s so far.",
            1,
            have=0,
        ),
    ]

    # when the reviewer scores each criterion and recommends approval
    await scores_it(reviewer, REVIEWER_SCORES, "Approve")
    # then the review is saved with its scores and weighted score
    assert await done(reviewer) == t("Your review was saved.")
    review = reviewer.page.locator("table.review")
    assert await review.count() == 1
    assert await review.locator("tbody td").all_inner_texts() == list(REVIEWER_SCORES)
    assert await review.locator("tfoot td").all_inner_texts() == [WEIGHTED[language], t("Approve")]

    # when an approver reviews it too, then opens it to decide
    approver = await open_visitor(language)
    await approver.sign_in(ACCOUNTS[Role.APPROVER])
    await approver.open(page)
    await scores_it(approver, APPROVER_SCORES, "Approve")
    # then four eyes keep them from deciding: the page says why and offers no decision
    assert await done(approver) == t("Your review was saved.")
    assert await approver.page.locator("#reviews + p").inner_text() == t(
        "Reviews so far: %(have)s. Needed before a decision: %(need)s."
    ) % {"have": 2, "need": 1}
    assert await approver.page.locator("#decide-blocked li").all_inner_texts() == [
        t("Four eyes: you reviewed this application, so another approver decides.")
    ]
    assert await approver.page.get_by_role("button", name=t("Record the decision")).count() == 0
    # when they force an approval past the page anyway
    refused = await force(
        approver, f"{page}/decide", {"decide.decision": "APPROVE", "decide.amount": "30000"}
    )
    # then kipnet refuses it in their language, and nothing changed
    assert refused.status == 400
    assert await approver.problems() == [FOUR_EYES_REFUSAL[language]]
    assert await approver.problem_targets() == ["#f-decide"]
    await approver.open(page)
    assert await status(approver) == t("In review")
    assert await approver.page.locator("#award").count() == 0

    # when another approver opens it and approves it with the award, typed as their language writes it
    other = await open_visitor(language)
    await other.sign_in(SECOND_APPROVER)
    await other.open(page)
    await other.choose("Decision", t("Approve"))
    await other.fill("Amount awarded in CHF (when approving)", TYPED_AWARD[language])
    await other.fill("Conditions of the award (optional)", "Kursplätze quartalsweise melden")
    await other.press("Record the decision")
    # then it is approved, with the award paid in two tranches
    assert await done(other) == t("The decision was recorded.")
    assert await status(other) == t("Approved")
    tranches = [
        [t("Tranche"), t("Due"), t("Amount"), t("Paid")],
        [f"1 · {t(AT_START)}", day(other, call.project[0]), money(other, FIRST_TRANCHE), t("Due")],
        [f"2 · {t(AFTER_FINAL)}", day(other, call.project[1]), money(other, LAST_TRANCHE), t("Due")],
    ]
    assert await other.table(t("Tranches")) == tranches
    # and the decision letter kipnet wrote with it is linked on the page, a PDF named in German (the
    # organisation's language of letters)
    letter = other.page.locator("#decision-letter a")
    assert await letter.inner_text() == t("Decision letter (PDF)")
    href = await letter.get_attribute("href")
    assert href is not None
    assert href.startswith("/documents/")
    async with other.page.expect_download() as pdf:
        await letter.click()
    assert (await pdf.value).suggested_filename == f"Verfügung {made.reference}.pdf"

    # when the first tranche is recorded as paid today
    today = datetime.now(UTC).date()
    await other.choose("Tranche", f"1 · {money(other, FIRST_TRANCHE)} · {t(AT_START)}")
    await other.fill("Paid on", today.isoformat())
    await other.press("Record the payment")
    # then it shows as paid that day
    assert await done(other) == t("The payment was recorded.")
    tranches[1][3] = f"{t('Paid')} {day(other, today)}"
    assert await other.table(t("Tranches")) == tranches

    # when the applicant reports on the project (through the API) and the approver accepts the report
    await api.interim_report(made, "Zwei Kurse laufen", 20)
    await other.open(page)
    assert [row[3] for row in await other.table(t("Reports"))] == [t("Status"), t("Waiting")]
    await other.press("Accept the report")
    # then it is accepted, and the history names every step, who took it, and the money in CHF
    assert await done(other) == t("The report was accepted.")
    reports = await other.table(t("Reports"))
    assert [(row[0], row[2], row[3]) for row in reports[1:]] == [
        (t("Interim report"), "Zwei Kurse laufen", t("Accepted"))
    ]
    history = await other.table(t("History"))
    assert [row[1:] for row in history[1:]] == [
        [t("Draft started"), APPLICANT, ""],
        [t("Submitted"), APPLICANT, ""],
        [t("Review started"), REVIEWER, ""],
        [t("Review submitted"), REVIEWER, ""],
        [t("Review submitted"), APPROVER, ""],
        [t("Approved"), OTHER_APPROVER, ""],
        [t("Award made"), OTHER_APPROVER, money(other, AWARD)],
        [t("Tranche paid"), OTHER_APPROVER, money(other, FIRST_TRANCHE)],
        [t("Interim report submitted"), APPLICANT, ""],
        [t("Interim report accepted"), OTHER_APPROVER, ""],
    ]
