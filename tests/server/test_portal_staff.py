"""The staff pages over HTTP: the queue with its filters and downloads, an application's page and actions."""

from __future__ import annotations

import csv
import io
import re
from datetime import UTC, date, datetime
from decimal import Decimal
from typing import Any

import httpx
import pytest

from grants import accounts
from grants.aftercare import submit_report
from grants.applications import create_application
from grants.decision import Decision, decide_application
from grants.models import (
    Application,
    FundingCall,
    InternalNote,
    ProjectReport,
    Recommendation,
    ReportKind,
    Review,
    Role,
    User,
)
from grants.review import start_review, submit_review
from grants.submission import submit_application
from tests import factories
from tests.factories import PASSWORD, PUBLIC_URL
from tests.web.portal import post_form, sign_in
from web.staff import forms

pytestmark = pytest.mark.postgres

NOW = datetime(2026, 5, 1, 9, 0, tzinfo=UTC)
QUEUE = "/staff/applications"
REPORT_FIELD = re.compile(r'name="report.report" value="([^"]+)"')
ROW = re.compile(r'<a href="/staff/applications/(KIP-[0-9-]+)">')
APPLICANT = "lead@verein-staff.example"
REVIEWER = "reviewer@example.org"
APPROVER = "approver@example.org"
OTHER_APPROVER = "second.approver@example.org"
ADMIN = "admin@example.org"


async def staff_and_call(min_reviews: int = 1) -> FundingCall:
    """An applicant's organisation, a reviewer, two approvers, an admin, and an open call."""
    await factories.organisation("verein-staff", name="Verein Staff")
    await factories.bank_account("verein-staff")  # tranches are paid to an account
    await factories.user(Role.APPLICANT, email=APPLICANT, organisation="verein-staff")
    await factories.user(Role.REVIEWER, email=REVIEWER)
    await factories.user(Role.APPROVER, email=APPROVER)
    await factories.user(Role.APPROVER, email=OTHER_APPROVER)
    await factories.user(Role.ADMIN, email=ADMIN)
    return await factories.call(min_reviews=min_reviews)


async def application(
    call: FundingCall, title: str = "Deutsch im Quartier", *, submit: bool = True, **changes: Any
) -> Application:
    """An application of the organisation under `call`, submitted unless told otherwise."""
    applicant = await User.get(email=APPLICANT)
    values = factories.application_values(call, title=title, **changes)
    made = await create_application(actor=applicant, values=values, now=NOW)
    if submit:
        made = await submit_application(
            actor=applicant, application_id=made.id, message=None, now=NOW, public_url=PUBLIC_URL
        )
    return made


def references(html: str) -> list[str]:
    """The application references the queue lists, in order."""
    return ROW.findall(html)


async def status_of(made: Application) -> str:
    return (await Application.get(id=made.id)).status.value


async def test_the_queue_filters_searches_sorts_and_never_shows_a_draft(
    seeded_db: str, client: httpx.AsyncClient
) -> None:
    # given three submitted applications (one in review) and a draft
    call = await staff_and_call()
    first = await application(call, "Deutsch im Quartier")
    second = await application(call, "Elterncafé Liestal")
    third = await application(call, "Sprachtreff Pratteln")
    await start_review(
        actor=await User.get(email=REVIEWER),
        application_id=second.id,
        message=None,
        now=NOW,
        public_url=PUBLIC_URL,
    )
    await application(call, "Geheimer Entwurf", submit=False)
    await sign_in(client, REVIEWER, PASSWORD)
    # when the queue is opened, filtered by status, searched, and sorted by status descending
    everything = await client.get(QUEUE)
    in_review = await client.get(QUEUE, params={"status": "IN_REVIEW", "call": call.reference})
    searched = await client.get(QUEUE, params={"search": "sprachtreff"})
    by_status = await client.get(QUEUE, params={"sort": "STATUS", "direction": "DESC"})
    # then each lists exactly what it asked for, keeps the chosen values, and no draft appears
    assert everything.status_code == 200
    assert references(everything.text) == [first.reference, second.reference, third.reference]
    assert "Geheimer Entwurf" not in everything.text
    assert "3 Gesuche gefunden" in everything.text
    assert references(in_review.text) == [second.reference]
    assert '<option value="IN_REVIEW" selected>' in in_review.text
    assert f'<option value="{call.reference}" selected>' in in_review.text
    assert references(searched.text) == [third.reference]
    assert 'value="sprachtreff"' in searched.text
    assert references(by_status.text) == [third.reference, first.reference, second.reference]
    assert '<option value="DESC" selected>' in by_status.text


async def test_the_queue_pages_by_cursor(
    seeded_db: str, client: httpx.AsyncClient, monkeypatch: pytest.MonkeyPatch
) -> None:
    # given three submitted applications and pages of two
    call = await staff_and_call()
    made = [await application(call, f"Kurs {n}") for n in range(3)]
    monkeypatch.setattr(forms, "PAGE_SIZE", 2)
    await sign_in(client, APPROVER, PASSWORD)
    # when the first page is opened and its next link followed
    first = await client.get(QUEUE, params={"status": "SUBMITTED"})
    next_link = re.search(r'<a rel="next" href="([^"]+)"', first.text)
    assert next_link is not None
    second = await client.get(next_link.group(1).replace("&amp;", "&"))
    # then the pages hold two and one, the filter travels with the cursor
    assert references(first.text) == [made[0].reference, made[1].reference]
    assert "status=SUBMITTED" in next_link.group(1)
    assert references(second.text) == [made[2].reference]
    assert 'rel="next"' not in second.text


async def test_the_downloads_take_the_session_cookie_and_the_queues_filters(
    seeded_db: str, client: httpx.AsyncClient, settings: Any
) -> None:
    # given two submitted applications, one in review, and a signed-in reviewer
    call = await staff_and_call()
    await application(call, "Deutsch im Quartier")
    second = await application(call, "Elterncafé Liestal")
    await start_review(
        actor=await User.get(email=REVIEWER),
        application_id=second.id,
        message=None,
        now=NOW,
        public_url=PUBLIC_URL,
    )
    await sign_in(client, REVIEWER, PASSWORD)
    # when the filtered queue's CSV link is followed with only the cookie
    page = await client.get(QUEUE, params={"status": "IN_REVIEW", "call": call.reference})
    link = re.search(r'href="(/exports/applications\.csv[^"]*)"', page.text)
    assert link is not None
    by_cookie = await client.get(link.group(1).replace("&amp;", "&"))
    xlsx = await client.get(link.group(1).replace("&amp;", "&").replace(".csv", ".xlsx"))
    # then the download holds exactly the filtered list
    assert link.group(1) == f"/exports/applications.csv?status=IN_REVIEW&amp;call={call.reference}"
    rows = list(csv.reader(io.StringIO(by_cookie.text)))
    assert by_cookie.status_code == 200
    assert [(row[0], row[3]) for row in rows[1:]] == [(second.reference, "IN_REVIEW")]
    assert xlsx.status_code == 200
    assert xlsx.headers["content-type"] == "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
    # and the bearer path works as before, without any cookie, and nobody else gets a file
    token, _ = await accounts.login(email=APPROVER, password=PASSWORD, secret=settings.secret_key)
    async with httpx.AsyncClient(transport=client._transport, base_url="http://kipnet.test") as other:
        by_bearer = await other.get(
            "/exports/applications.csv",
            params={"call": call.reference},
            headers={"authorization": f"Bearer {token}"},
        )
        anonymous = await other.get("/exports/applications.csv")
        unknown_call = await other.get(
            "/exports/applications.csv",
            params={"call": "CALL-1999-99"},
            headers={"authorization": f"Bearer {token}"},
        )
    assert len(list(csv.reader(io.StringIO(by_bearer.text)))) == 3
    assert anonymous.status_code == 401
    assert unknown_call.status_code == 400
    assert unknown_call.json()["parameter"] == "call"


async def test_applicants_and_anonymous_visitors_get_no_staff_page_and_change_nothing(
    seeded_db: str, client: httpx.AsyncClient
) -> None:
    # given a submitted application
    call = await staff_and_call()
    made = await application(call, "Deutsch im Quartier")
    page = f"{QUEUE}/{made.reference}"
    # when an anonymous visitor asks for the queue and the page
    anonymous_queue = await client.get(QUEUE)
    anonymous_page = await client.get(page)
    # then they are sent to sign in
    assert (anonymous_queue.status_code, anonymous_queue.headers["location"]) == (
        303,
        "/sign-in?next=/staff/applications",
    )
    assert anonymous_page.headers["location"] == f"/sign-in?next=/staff/applications/{made.reference}"
    # when the organisation's applicant asks for them and posts an action
    await sign_in(client, APPLICANT, PASSWORD)
    queue = await client.get(QUEUE)
    own = await client.get(page)
    forced = await post_form(client, f"{page}/start", {"start.message": "los"}, form_page="/sign-in")
    # then there is no such page for them, no data, and nothing changed
    assert queue.status_code == own.status_code == forced.status_code == 404
    assert "Deutsch im Quartier" not in own.text
    assert await status_of(made) == "SUBMITTED"


async def test_an_applicants_markup_shows_as_text(seeded_db: str, client: httpx.AsyncClient) -> None:
    # given an application whose title and budget line hold markup
    call = await staff_and_call()
    made = await application(call, "<script>alert(1)</script> Kurs")
    await sign_in(client, REVIEWER, PASSWORD)
    # when staff open the queue and the page
    queue = await client.get(QUEUE)
    page = await client.get(f"{QUEUE}/{made.reference}")
    # then the markup is text
    for response in (queue, page):
        assert "<script>alert(1)</script>" not in response.text
        assert "&lt;script&gt;alert(1)&lt;/script&gt; Kurs" in response.text


async def test_an_unknown_application_is_a_404_page(seeded_db: str, client: httpx.AsyncClient) -> None:
    await staff_and_call()
    await sign_in(client, REVIEWER, PASSWORD)
    response = await client.get(f"{QUEUE}/KIP-1999-0001")
    assert response.status_code == 404
    assert "Seite nicht gefunden" in response.text


async def test_the_staff_journey_from_review_to_an_accepted_report(
    seeded_db: str, client: httpx.AsyncClient
) -> None:
    # given a submitted application under a call needing one review
    call = await staff_and_call()
    made = await application(call, "Deutsch im Quartier")
    page = f"{QUEUE}/{made.reference}"
    await sign_in(client, APPROVER, PASSWORD)
    # when the approver takes it into review and scores it, forgetting one criterion first
    started = await post_form(client, f"{page}/start", {"start.message": ""}, form_page=page)
    forgotten = await post_form(
        client,
        f"{page}/review",
        {"review.scores.RELEVANCE": "4", "review.recommendation": "APPROVE", "review.comment": "Gut"},
        form_page=page,
    )
    # then the review starts, and the incomplete scoring is refused at its field with the input kept
    assert (started.status_code, started.headers["location"]) == (303, f"{page}?done=start")
    assert forgotten.status_code == 400
    assert 'href="#f-review-scores-FEASIBILITY"' in forgotten.text
    assert "Wählen Sie für dieses Kriterium eine Punktzahl von 0 bis 5" in forgotten.text
    assert '<option value="APPROVE" selected>' in forgotten.text
    assert ">Gut</textarea>" in forgotten.text
    assert await Review.filter(application_id=made.id).count() == 0
    # when the scoring is complete
    scored = await post_form(
        client,
        f"{page}/review",
        {
            "review.scores.RELEVANCE": "4",
            "review.scores.FEASIBILITY": "3",
            "review.recommendation": "APPROVE",
        },
        form_page=page,
    )
    after_review = await client.get(scored.headers["location"])
    # then it is saved, and the reviewing approver is told why they cannot decide
    assert scored.headers["location"] == f"{page}?done=review"
    assert "Ihre Bewertung wurde gespeichert." in after_review.text
    assert '<option value="4" selected>' in after_review.text  # the form holds the review it would replace
    assert (
        "Vier-Augen-Prinzip: Sie haben dieses Gesuch bewertet, darum entscheidet eine andere bewilligende Person."
        in after_review.text
    )
    assert 'action="/staff/applications/' + made.reference + '/decide"' not in after_review.text
    # when the reviewing approver forces a decision anyway
    forced = await post_form(
        client, f"{page}/decide", {"decide.decision": "APPROVE", "decide.amount": "30000"}, form_page=page
    )
    # then it is refused in German with nothing changed
    assert forced.status_code == 400
    assert "Es gibt ein Problem" in forced.text
    assert (
        "Vier-Augen-Prinzip: Sie haben dieses Gesuch beurteilt; entscheiden muss eine andere Person mit "
        "Entscheidbefugnis"
    ) in forced.text
    assert await status_of(made) == "IN_REVIEW"
    # when another approver opens the page and approves with a malformed, then a good amount
    await sign_in(client, OTHER_APPROVER, PASSWORD)
    decide_page = await client.get(page)
    malformed = await post_form(
        client, f"{page}/decide", {"decide.decision": "APPROVE", "decide.amount": "viel"}, form_page=page
    )
    approved = await post_form(
        client, f"{page}/decide", {"decide.decision": "APPROVE", "decide.amount": "30'000"}, form_page=page
    )
    # then the form was offered, the malformed amount refused at its field, and the approval recorded
    assert f'action="/staff/applications/{made.reference}/decide"' in decide_page.text
    assert malformed.status_code == 400
    assert 'href="#f-decide-amount"' in malformed.text
    assert 'value="viel"' in malformed.text
    assert approved.headers["location"] == f"{page}?done=decide"
    assert await status_of(made) == "APPROVED"
    # when the first tranche is recorded as paid
    today = date.today().isoformat()
    paid = await post_form(
        client, f"{page}/paid", {"paid.tranche": "0", "paid.paidOn": today}, form_page=page
    )
    after_payment = await client.get(page)
    # then the tranche shows as paid
    assert paid.headers["location"] == f"{page}?done=paid"
    assert after_payment.text.count("tag--paid") == 1
    # when the applicant reports and staff return the report without, then with a message
    applicant = await User.get(email=APPLICANT)
    report = await submit_report(
        actor=applicant,
        application_id=made.id,
        kind=ReportKind.INTERIM,
        narrative="Zwei Kurse laufen",
        actuals=[("PARTICIPANTS", 20)],
        now=datetime.now(UTC),
    )
    offered = await waiting_report(client, page)
    silent = await post_form(
        client, f"{page}/report", {"report.report": offered, "report.verdict": "return"}, form_page=page
    )
    returned = await post_form(
        client,
        f"{page}/report",
        {"report.report": offered, "report.verdict": "return", "report.message": "Bitte Zahlen ergänzen"},
        form_page=page,
    )
    # then the silent return is refused and the one with a message sends it back
    assert silent.status_code == 400
    assert 'href="#f-report-message"' in silent.text
    assert returned.headers["location"] == f"{page}?done=return-report"
    assert (await ProjectReport.get(id=report.id)).status.value == "RETURNED"
    # when the applicant reports again and staff accept it
    again = await submit_report(
        actor=applicant,
        application_id=made.id,
        kind=ReportKind.INTERIM,
        narrative="Drei Kurse laufen",
        actuals=[("PARTICIPANTS", 30)],
        now=datetime.now(UTC),
    )
    accepted = await accept_waiting_report(client, page)
    # then it is accepted
    assert accepted.headers["location"] == f"{page}?done=accept-report"
    assert (await ProjectReport.get(id=again.id)).status.value == "ACCEPTED"


async def test_changes_need_a_message_and_notes_stay_with_staff(
    seeded_db: str, client: httpx.AsyncClient
) -> None:
    # given a submitted application and a signed-in reviewer
    call = await staff_and_call()
    made = await application(call, "Deutsch im Quartier")
    page = f"{QUEUE}/{made.reference}"
    await sign_in(client, REVIEWER, PASSWORD)
    # when changes are requested without a message, then with one, and a note is kept
    silent = await post_form(client, f"{page}/changes", {"changes.message": " "}, form_page=page)
    status_after_silent = await status_of(made)
    sent = await post_form(
        client, f"{page}/changes", {"changes.message": "Budget aufschlüsseln"}, form_page=page
    )
    noted = await post_form(
        client, f"{page}/note", {"note.body": "Rückfrage <b>telefonisch</b>"}, form_page=page
    )
    shown = await client.get(page)
    # then the silent request is refused at its field and changed nothing; the others are done
    assert silent.status_code == 400
    assert 'href="#f-changes-message"' in silent.text
    assert status_after_silent == "SUBMITTED"
    assert sent.headers["location"] == f"{page}?done=changes"
    assert await status_of(made) == "CHANGES_REQUESTED"
    assert noted.headers["location"] == f"{page}?done=note"
    assert await InternalNote.filter(application_id=made.id).count() == 1
    assert "Rückfrage &lt;b&gt;telefonisch&lt;/b&gt;" in shown.text
    assert "Budget aufschlüsseln" in shown.text
    assert "Deutsch, Tigrinya" in shown.text  # the project's languages, named in the page's language


async def waiting_report(http: httpx.AsyncClient, page: str) -> str:
    """The global ID of the report the page offers to accept or return."""
    found = REPORT_FIELD.search((await http.get(page)).text)
    assert found, "the page offers no report to decide"
    return found.group(1)


async def accept_waiting_report(http: httpx.AsyncClient, page: str) -> httpx.Response:
    """Accept the report the application's page offers, through its form."""
    fields = {"report.report": await waiting_report(http, page), "report.verdict": "accept"}
    return await post_form(http, f"{page}/report", fields, form_page=page)


async def test_four_eyes_is_explained_and_enforced_in_french(
    seeded_db: str, client: httpx.AsyncClient
) -> None:
    # given an application in review, scored by an approver who reads French
    call = await staff_and_call()
    made = await application(call, "Deutsch im Quartier")
    page = f"{QUEUE}/{made.reference}"
    await client.get("/language/fr?next=/")
    await sign_in(client, APPROVER, PASSWORD)
    await post_form(client, f"{page}/start", {}, form_page=page)
    await post_form(
        client,
        f"{page}/review",
        {"review.scores.RELEVANCE": "2", "review.scores.FEASIBILITY": "2", "review.recommendation": "REJECT"},
        form_page=page,
    )
    # when they open the page and force a rejection
    shown = await client.get(page)
    forced = await post_form(
        client, f"{page}/decide", {"decide.decision": "REJECT", "decide.message": "Non"}, form_page=page
    )
    # then the page says why in French, and the API's refusal comes in French with nothing changed
    assert '<html lang="fr">' in shown.text
    assert "Une décision n’est pas encore possible :" in shown.text
    assert (
        "Principe des quatre yeux : vous avez évalué cette demande, une autre personne qui approuve décide donc."
        in shown.text
    )
    assert forced.status_code == 400
    assert "Il y a un problème" in forced.text
    # French puts a no-break space before the colon and the semicolon
    assert (
        "Principe des quatre yeux : vous avez évalué cette demande ; la décision revient à une autre personne habilitée"
        in forced.text.replace("\u202f", " ").replace("\u00a0", " ")
    )
    assert await status_of(made) == "IN_REVIEW"


async def test_a_cursor_from_elsewhere_is_refused_with_a_way_back(
    seeded_db: str, client: httpx.AsyncClient
) -> None:
    # given a signed-in reviewer
    await staff_and_call()
    await sign_in(client, REVIEWER, PASSWORD)
    # when the queue is asked to continue behind a cursor that is not one of its own
    response = await client.get(QUEUE, params={"after": "not-a-cursor"})
    # then the page says so and leads back to the first page
    assert response.status_code == 400
    assert 'id="queue-refused"' in response.text
    assert '<a href="/staff/applications">Wieder auf der ersten Seite beginnen</a>' in response.text


async def approved(call: FundingCall) -> Application:
    """An application approved with 30,000 (80 % at the start, 20 % after the final report)."""
    made = await application(call, "Deutsch im Quartier")
    reviewer, approver = await User.get(email=REVIEWER), await User.get(email=APPROVER)
    now = datetime.now(UTC)
    await start_review(actor=reviewer, application_id=made.id, message=None, now=now, public_url=PUBLIC_URL)
    await submit_review(
        actor=reviewer,
        application_id=made.id,
        scores=[("RELEVANCE", 4), ("FEASIBILITY", 4)],
        recommendation=Recommendation.APPROVE,
        comment=None,
        now=now,
    )
    await decide_application(
        actor=approver,
        application_id=made.id,
        decision=Decision.APPROVE,
        amount=(Decimal("30000.00"), "CHF"),
        conditions=None,
        message=None,
        now=now,
        public_url=PUBLIC_URL,
        store=None,
    )
    return made


async def test_a_project_closes_only_after_its_final_report(
    seeded_db: str, client: httpx.AsyncClient
) -> None:
    # given an approved project and a signed-in approver
    call = await staff_and_call()
    made = await approved(call)
    page = f"{QUEUE}/{made.reference}"
    await sign_in(client, APPROVER, PASSWORD)
    # when it is closed before any final report
    early = await post_form(client, f"{page}/close", {"close.message": ""}, form_page=page)
    # then that is refused at the close form and changes nothing
    assert early.status_code == 400
    assert 'href="#f-close"' in early.text
    assert await status_of(made) == "APPROVED"
    # when the final report comes, is accepted, both tranches are paid and the project is closed
    await submit_report(
        actor=await User.get(email=APPLICANT),
        application_id=made.id,
        kind=ReportKind.FINAL,
        narrative="Alle Kurse durchgeführt",
        actuals=[("PARTICIPANTS", 60)],
        now=datetime.now(UTC),
    )
    accepted = await accept_waiting_report(client, page)
    today = date.today().isoformat()
    for tranche in ("0", "1"):
        paid = await post_form(
            client, f"{page}/paid", {"paid.tranche": tranche, "paid.paidOn": today}, form_page=page
        )
        assert paid.headers["location"] == f"{page}?done=paid"
    closed = await post_form(client, f"{page}/close", {"close.message": "Danke"}, form_page=page)
    # then it is closed, and the page offers no more payments or closing
    assert accepted.headers["location"] == f"{page}?done=accept-report"
    assert closed.headers["location"] == f"{page}?done=close"
    assert await status_of(made) == "CLOSED"
    final = await client.get(closed.headers["location"])
    assert "Das Projekt wurde abgeschlossen." in final.text
    assert f'action="/staff/applications/{made.reference}/paid"' not in final.text
    assert f'action="/staff/applications/{made.reference}/close"' not in final.text
    assert final.text.count("tag--paid") == 2
