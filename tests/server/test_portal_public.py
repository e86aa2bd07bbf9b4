"""The public pages over HTTP: start, directory, an organisation, municipalities, calls, figures, open data."""

from __future__ import annotations

import re
from datetime import UTC, datetime, timedelta
from decimal import Decimal

import httpx
import pytest
from babel.numbers import format_currency, format_decimal

from grants.calls import create_call
from grants.models import Role, User
from tests import factories
from tests.conftest import StatementCounter
from tests.schema.graphql import ok
from tests.web.portal import sign_in

pytestmark = pytest.mark.postgres

FRENCH = {"accept-language": "fr-CH"}
H1 = re.compile(r"<h1 class=\"heading-[a-z]+\">(.*?)</h1>", re.S)
NODE_LINK = re.compile(r'<a class="node-link" href="/directory/([^"]+)">')
TABLE_ROW_LINK = re.compile(r'<th scope="row"><a href="/directory/([^"]+)">')
RESULT_LINK = re.compile(r'<h3 class="heading-s"><a href="/directory/([^"]+)">')
NEXT_PAGE = re.compile(r'<a rel="next" href="([^"]+)">')
FIGURE_ROW = re.compile(
    r'<tr><th scope="row">([^<]+)</th><td class="numeric">([^<]+)</td><td class="numeric">([^<]+)</td></tr>'
)
KIP1_REPORT = """
query ($year: Int) {
  programme(code: "KIP1") {
    report(year: $year) { year measureCount awarded { amount } byFundingArea { fundingArea { name } measureCount awarded { amount } } }
  }
}
"""
HOSTILE_NAME = '<script>alert("x")</script> Verein'


def h1(html: str) -> str:
    """The page's one main heading, as written in the HTML."""
    found: list[str] = H1.findall(html)
    assert len(found) == 1
    return found[0].strip()


def section(html: str, start: str, end: str) -> str:
    """The HTML between two markers (to count rows of one table or one picture)."""
    return html.split(start, 1)[1].split(end, 1)[0]


async def open_call() -> str:
    """A KIP3 call open now (the start page and the call page show open calls by the real clock)."""
    admin = await User.filter(role=Role.ADMIN).first() or await factories.user(Role.ADMIN)
    now = datetime.now(UTC)
    values = {
        "programme": "KIP3",
        "title": "Sprachkurse für Eltern",
        "funding_areas": ["KIP3_LANGUAGE"],
        "opens_at": now - timedelta(days=1),
        "closes_at": now + timedelta(days=30),
        "budget": (Decimal("80000.00"), "CHF"),
        "max_amount_per_application": (Decimal("20000.00"), "CHF"),
        "min_reviews": 1,
        "criteria": [
            {"code": "RELEVANCE", "name": "Relevanz", "weight": 2.0},
            {"code": "FEASIBILITY", "name": "Machbarkeit", "weight": 1.5},
        ],
    }
    call = await create_call(actor=admin, values=values, now=now)
    data = await ok("{ fundingCalls(status: OPEN) { id reference } }")
    ids = [str(c["id"]) for c in data["fundingCalls"] if c["reference"] == call.reference]
    assert len(ids) == 1
    return ids[0]


async def test_the_start_page_says_what_the_programme_is_from_data_and_lists_open_calls(
    seeded_db: str, client: httpx.AsyncClient
) -> None:
    # given a call open now
    call_id = await open_call()
    # when the start page is opened in German and in French
    german = await client.get("/")
    french = await client.get("/", headers=FRENCH)
    # then it names the owner and the current phase from the data, and links the open call and the ways in
    assert german.status_code == 200
    assert h1(german.text) == "Integrationsprogramm – Partner und Beiträge"
    assert (
        "Fachbereich Integration Basel-Landschaft führt das kantonale Integrationsprogramm (KIP)"
        in german.text
    )
    assert "Die laufende Phase ist Kantonales Integrationsprogramm 3 (KIP 3), 2024 bis 2027." in german.text
    assert f'<a href="/calls/{call_id.replace("=", "%3D")}">Sprachkurse für Eltern</a>' in german.text
    for link in ('href="/directory"', 'href="/calls"', 'href="/sign-in"'):
        assert link in german.text
    assert '<span class="site-header__owner">Fachbereich Integration Basel-Landschaft</span>' in german.text
    assert "Amtshausgasse 7, 4410 Liestal" in german.text
    assert (
        "La phase en cours est Programme d'intégration cantonal 3 (PIC 3), de 2024 à 2027."
        in french.text.replace("&#39;", "'")
    )
    assert "Appels ouverts" in french.text


async def test_the_directory_searches_filters_keeps_the_values_and_counts(
    seeded_db: str, client: httpx.AsyncClient
) -> None:
    # when everyone is listed, and then municipalities only, and a word search with a language
    everyone = await client.get("/directory")
    municipalities = await client.get("/directory", params={"kind": "MUNICIPALITY"})
    searched = await client.get("/directory", params={"q": "ausländerdienst", "language": "ti"})
    french = await client.get("/directory", params={"kind": "MUNICIPALITY"}, headers=FRENCH)
    # then the counts are the API's and the form shows what was asked for
    assert h1(everyone.text) == "Verzeichnis der Partner"
    assert "Gefundene Organisationen: 98" in everyone.text
    assert "Gefundene Organisationen: 86" in municipalities.text
    assert '<option value="MUNICIPALITY" selected>Gemeinde</option>' in municipalities.text
    assert RESULT_LINK.findall(searched.text) == ["ald"]
    assert 'value="ausländerdienst"' in searched.text
    assert '<option value="ti" selected>Tigrinya</option>' in searched.text
    assert h1(french.text) == "Répertoire des partenaires"
    assert "Organisations trouvées: 86" in french.text


async def test_the_directory_pages_with_a_cursor_and_an_unknown_area_refuses_without_breaking(
    seeded_db: str, client: httpx.AsyncClient
) -> None:
    # given the first page of everyone
    first = await client.get("/directory")
    first_slugs = RESULT_LINK.findall(first.text)
    # when the next page is followed, and an area nobody knows is asked for
    (next_path,) = NEXT_PAGE.findall(first.text)
    second = await client.get(next_path.replace("&amp;", "&"))
    unknown = await client.get("/directory", params={"area": "NO_SUCH_AREA"})
    # then the second page continues the list without repeating, and the bad filter says so
    second_slugs = RESULT_LINK.findall(second.text)
    assert len(first_slugs) == 20
    assert len(second_slugs) == 20
    assert not set(first_slugs) & set(second_slugs)
    assert '<a href="/directory?after=">Zurück zur ersten Seite</a>' in second.text
    assert "Zurück zur ersten Seite" not in first.text
    assert unknown.status_code == 200
    assert "Die Suche konnte nicht ausgeführt werden." in unknown.text


async def test_an_organisation_shows_contact_services_and_its_network_as_picture_and_table(
    seeded_db: str, client: httpx.AsyncClient
) -> None:
    # when the ald's page is opened in German and French
    german = await client.get("/directory/ald")
    french = await client.get("/directory/ald", headers=FRENCH)
    # then it shows its record and services
    assert german.status_code == 200
    assert h1(german.text) == "Ausländerdienst Baselland (ald)"
    assert "Verein" in german.text
    assert "4410 Liestal" in german.text
    assert '<h2 class="heading-l" id="services">Angebote</h2>' in german.text
    # and a picture with one linked node per neighbour, the table with each relationship
    picture = section(german.text, "<svg", "</svg>")
    table = section(german.text, '<table class="table" id="relationships">', "</table>")
    assert 'role="img" aria-labelledby="network-title network-desc"' in german.text
    assert NODE_LINK.findall(picture) == ["fibl", "jobbruecke-muttenz", "tigrinya-gemeinschaft-binningen"]
    assert sorted(TABLE_ROW_LINK.findall(table)) == [
        "fibl",
        "fibl",
        "jobbruecke-muttenz",
        "tigrinya-gemeinschaft-binningen",
    ]
    assert "Ausländerdienst Baselland ist operativer Partner von" in table
    assert "Ausländerdienst Baselland wird finanziert von" in table
    assert h1(french.text) == "Service des étrangers de Bâle-Campagne (ald)"
    assert "Réseau de partenaires" in french.text


async def test_the_coordinator_shows_the_first_fifty_relationships_and_pages_on(
    seeded_db: str, client: httpx.AsyncClient
) -> None:
    # when FIBL's page (98 relationships) is opened and its next page followed
    first = await client.get("/directory/fibl")
    (next_path,) = NEXT_PAGE.findall(first.text)
    second = await client.get(next_path.replace("&amp;", "&"))
    # then each page says how many there are and draws as many nodes as its table has neighbours
    assert "Insgesamt 98 Beziehungen; diese Seite zeigt 50 davon." in first.text
    assert "Insgesamt 98 Beziehungen; diese Seite zeigt 48 davon." in second.text
    for page in (first.text, second.text):
        nodes = NODE_LINK.findall(section(page, "<svg", "</svg>"))
        rows = TABLE_ROW_LINK.findall(section(page, '<table class="table" id="relationships">', "</table>"))
        assert len(nodes) == len(set(nodes))
        assert set(nodes) == set(rows)


async def test_an_unknown_organisation_is_a_not_found_page(seeded_db: str, client: httpx.AsyncClient) -> None:
    # when a slug nobody has is asked for
    response = await client.get("/directory/no-such-partner")
    # then the answer is the portal's 404 page
    assert response.status_code == 404
    assert h1(response.text) == "Seite nicht gefunden"


async def test_names_with_markup_are_shown_as_text(db: str, client: httpx.AsyncClient) -> None:
    # given an organisation whose name holds a script tag, related to another
    await factories.organisation("hostile", name=HOSTILE_NAME)
    await factories.organisation("friend")
    await factories.relationship("friend", "hostile")
    # when its page, its neighbour's page and the directory are shown
    pages = [await client.get(path) for path in ("/directory/hostile", "/directory/friend", "/directory")]
    # then the name appears escaped everywhere, never as a tag
    for page in pages:
        assert page.status_code == 200
        assert "&lt;script&gt;alert(&#34;x&#34;)&lt;/script&gt; Verein" in page.text
        assert "<script>alert" not in page.text


async def statements_for(client: httpx.AsyncClient, sql: StatementCounter, path: str) -> int:
    """How many SQL statements answering `path` takes."""
    before = len(sql.statements)
    response = await client.get(path)
    assert response.status_code == 200
    return len(sql.statements) - before


async def test_the_directory_and_an_organisation_need_as_many_statements_for_20_rows_as_for_5(
    db: str, client: httpx.AsyncClient, sql_statements: StatementCounter
) -> None:
    # given a hub with 5 neighbours, and a search that lists 10 of the 20 partners (each with a service)
    await factories.organisation("hub")
    for index in range(20):
        await factories.organisation(f"partner-{index:02}")
        await factories.service(f"partner-{index:02}", f"service-{index:02}")
        if index < 5:
            await factories.relationship("hub", f"partner-{index:02}")
    directory_small = await statements_for(client, sql_statements, "/directory?q=partner-0")
    hub_small = await statements_for(client, sql_statements, "/directory/hub")
    # when the hub has 20 neighbours and the directory lists all 21 organisations (a page of 20)
    for index in range(5, 20):
        await factories.relationship(f"partner-{index:02}", "hub", kind="REPORTS_TO")
    directory_large = await statements_for(client, sql_statements, "/directory")
    hub_large = await statements_for(client, sql_statements, "/directory/hub")
    # then the number of statements did not grow with the rows
    assert "hub" in (await client.get("/directory")).text
    assert directory_large == directory_small
    assert hub_large == hub_small


async def test_the_municipalities_show_their_figures_and_sort_as_asked(
    seeded_db: str, client: httpx.AsyncClient
) -> None:
    # when the municipalities are listed by foreign share, in German and French
    german = await client.get("/municipalities", params={"order": "FOREIGN_SHARE"})
    french = await client.get("/municipalities", params={"order": "FOREIGN_SHARE"}, headers=FRENCH)
    reach = await ok(
        "{ municipalReach(orderBy: FOREIGN_SHARE) { municipalities { municipality { slug } population } } }"
    )
    # then the rows come in the API's order with the population as Swiss German writes it
    rows = reach["municipalReach"]["municipalities"]
    table = section(german.text, '<table class="table" id="municipalities">', "</table>")
    assert h1(german.text) == "Gemeinden"
    assert TABLE_ROW_LINK.findall(table) == [row["municipality"]["slug"] for row in rows]
    first = rows[0]
    assert f'<td class="numeric">{format_decimal(first["population"], locale="de_CH")}</td>' in table
    assert (
        '<option value="FOREIGN_SHARE" selected>Anteil ausländischer Staatsangehöriger</option>'
        in german.text
    )
    assert h1(french.text) == "Communes"


async def test_the_calls_list_and_a_call_page_with_its_criteria_and_the_way_to_apply(
    seeded_db: str, client: httpx.AsyncClient
) -> None:
    # given an open call and one whose deadline passed
    call_id = await open_call()
    await factories.call()
    # when the calls and the call are shown, and an id that is not a call
    calls = await client.get("/calls")
    page = await client.get(f"/calls/{call_id}")
    french = await client.get(f"/calls/{call_id}", headers=FRENCH)
    not_a_call = await client.get("/calls/T3JnYW5pc2F0aW9uOjE=")
    # then the list links it with its money, the page shows window, money, weighted criteria and Apply
    assert h1(calls.text) == "Ausschreibungen"
    current = section(calls.text, '<table class="table" id="calls-current">', "</table>")
    closed = section(calls.text, '<table class="table" id="calls-closed">', "</table>")
    assert "Sprachkurse für Eltern" in current
    assert "Offen für Gesuche" in current
    assert "Deutsch im Alltag 2026" in closed
    assert "Eingabefrist abgelaufen" in closed
    assert "Deutsch im Alltag 2026" not in current
    assert format_currency(Decimal("20000"), "CHF", locale="de_CH") in calls.text
    assert h1(page.text) == "Sprachkurse für Eltern"
    assert '<tr><th scope="row">Relevanz</th><td class="numeric">2</td></tr>' in page.text
    assert '<tr><th scope="row">Machbarkeit</th><td class="numeric">1.5</td></tr>' in page.text
    assert format_currency(Decimal("80000"), "CHF", locale="de_CH") in page.text
    assert f'href="/applications/new?call={call_id.replace("=", "%3D")}">Gesuch stellen</a>' in page.text
    assert "Déposer une demande" in french.text
    assert not_a_call.status_code == 404


async def test_the_figures_tables_hold_the_apis_numbers_and_the_charts_one_bar_per_row(
    history_db: str, client: httpx.AsyncClient
) -> None:
    # when KIP 1's figures are shown
    response = await client.get("/figures", params={"programme": "KIP1"})
    # then the year table holds each year's report as the API answers it
    assert h1(response.text) == "Kennzahlen des Programms"
    years = section(response.text, 'id="table-years"', "</table>")
    expected_years = []
    for year in range(2014, 2018):
        report = (await ok(KIP1_REPORT, {"year": year}, languages=("de",)))["programme"]["report"]
        expected_years.append(
            (
                str(year),
                format_decimal(report["measureCount"], locale="de_CH"),
                format_currency(Decimal(report["awarded"]["amount"]), "CHF", locale="de_CH"),
            )
        )
    assert FIGURE_ROW.findall(years) == expected_years
    # and the area table the whole phase per funding area, each with a bar in its chart
    whole = (await ok(KIP1_REPORT, {"year": None}, languages=("de",)))["programme"]["report"]
    areas = section(response.text, 'id="table-areas"', "</table>")
    assert FIGURE_ROW.findall(areas) == [
        (
            area["fundingArea"]["name"],
            format_decimal(area["measureCount"], locale="de_CH"),
            format_currency(Decimal(area["awarded"]["amount"]), "CHF", locale="de_CH"),
        )
        for area in whole["byFundingArea"]
    ]
    assert whole["measureCount"] == 160
    assert section(response.text, 'id="chart-areas"', "</svg>").count('<rect class="bar"') == len(
        whole["byFundingArea"]
    )
    assert section(response.text, 'id="chart-years"', "</svg>").count('<rect class="bar"') == 4


async def test_the_figures_switch_between_phases_and_an_unknown_phase_is_not_found(
    seeded_db: str, client: httpx.AsyncClient
) -> None:
    # when the figures are opened without a phase, in French, and for a phase that does not exist
    current = await client.get("/figures")
    french = await client.get("/figures", headers=FRENCH)
    unknown = await client.get("/figures", params={"programme": "KIP99"})
    # then the current phase is shown and marked, the others linked
    assert '<span aria-current="page">Kantonales Integrationsprogramm 3 (KIP 3)</span>' in current.text
    assert '<a href="/figures?programme=KIP1">Kantonales Integrationsprogramm 1 (KIP 1)</a>' in current.text
    assert h1(french.text) == "Chiffres du programme"
    assert unknown.status_code == 404


async def test_the_open_data_page_links_the_download(seeded_db: str, client: httpx.AsyncClient) -> None:
    # when the open-data page is shown in German and French
    german = await client.get("/open-data")
    french = await client.get("/open-data", headers=FRENCH)
    # then it links the 360Giving package, which exists
    assert h1(german.text) == "Offene Daten"
    assert 'href="/open-data/360giving.json"' in german.text
    assert h1(french.text) == "Données ouvertes"
    assert (await client.get("/open-data/360giving.json")).status_code == 200


async def test_the_owners_logo_is_served_as_an_svg_image_and_shown_in_the_header(
    seeded_db: str, client: httpx.AsyncClient
) -> None:
    # when the office's logo, a logo nobody has and an unknown organisation's logo are asked for
    logo = await client.get("/directory/fibl/logo.svg")
    none = await client.get("/directory/sem/logo.svg")
    unknown = await client.get("/directory/no-such-partner/logo.svg")
    start = await client.get("/")
    # then the office's comes as an image that cannot be sniffed, under the strict policy
    assert logo.status_code == 200
    assert logo.headers["content-type"] == "image/svg+xml"
    assert logo.headers["x-content-type-options"] == "nosniff"
    # opened on its own, the image may load and run nothing at all
    assert (
        logo.headers["content-security-policy"]
        == "default-src 'none'; frame-ancestors 'none'; base-uri 'none'"
    )
    assert logo.text.startswith('<svg xmlns="http://www.w3.org/2000/svg"')
    assert (none.status_code, unknown.status_code) == (404, 404)
    # and every page's header shows it, decorative beside the owner's name
    assert (
        '<img class="site-header__logo" src="/directory/fibl/logo.svg" alt="" width="40" height="40">'
        in start.text
    )


async def test_the_start_page_leads_signed_in_visitors_to_their_applications(
    seeded_db: str, client: httpx.AsyncClient
) -> None:
    # given an applicant and a reviewer
    await factories.user(Role.APPLICANT, email="applicant@example.org", organisation="ald")
    await factories.user(Role.REVIEWER, email="reviewer@example.org")
    # when each signs in and opens the start page
    await sign_in(client, "applicant@example.org", factories.PASSWORD)
    applicant = await client.get("/")
    client.cookies.clear()
    await sign_in(client, "reviewer@example.org", factories.PASSWORD)
    reviewer = await client.get("/")
    # then each is offered their own way in instead of signing in
    assert '<li><a href="/applications">Ihre Gesuche</a></li>' in applicant.text
    assert '<li><a href="/staff/applications">Die zu bearbeitenden Gesuche</a></li>' in reviewer.text
    assert "Anmelden, um ein Gesuch zu stellen" not in applicant.text + reviewer.text
