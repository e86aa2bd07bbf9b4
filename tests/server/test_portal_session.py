"""The portal's frame over HTTP: sign in and out with a cookie, CSRF on every form, language, error pages."""

from __future__ import annotations

import httpx
import pytest

from grants.models import Role
from tests import factories
from tests.factories import PASSWORD
from tests.web.portal import csrf_of, post_form, sign_in

pytestmark = pytest.mark.postgres

VIEWER = {"query": "{ viewer { email } }"}
PORTAL_CSP = (
    "default-src 'none'; script-src 'self'; style-src 'self'; img-src 'self'; connect-src 'self'; "
    "form-action 'self'; frame-ancestors 'none'; base-uri 'none'"
)


async def test_pages_are_german_by_default_and_follow_accept_language(
    db: str, client: httpx.AsyncClient
) -> None:
    # when the start page is asked for without and with a language preference
    german = await client.get("/sign-in")
    french = await client.get("/sign-in", headers={"accept-language": "fr-CH, de;q=0.5"})
    # then each is a page of its language under the strict policy
    assert german.status_code == 200
    assert '<html lang="de">' in german.text
    assert "Anmelden" in german.text
    assert '<html lang="fr">' in french.text
    assert "Se connecter" in french.text
    assert german.headers["content-security-policy"] == PORTAL_CSP
    assert german.headers["content-type"] == "text/html; charset=utf-8"


async def test_signing_in_keeps_the_token_in_an_httponly_lax_cookie(
    db: str, client: httpx.AsyncClient
) -> None:
    # given an applicant
    await factories.organisation("ald")
    await factories.user(Role.APPLICANT, email="lead@ald.example", organisation="ald")
    # when they sign in through the form
    response = await sign_in(client, "lead@ald.example", PASSWORD)
    # then they land on their applications, with the token in a cookie scripts cannot read
    assert response.status_code == 303
    assert response.headers["location"] == "/applications"
    cookie = next(c for c in response.headers.get_list("set-cookie") if c.startswith("kipnet_session="))
    assert "HttpOnly" in cookie
    assert "SameSite=lax" in cookie
    assert "Path=/" in cookie
    assert "Secure" not in cookie  # development over plain HTTP; production sets it
    page = await client.get("/sign-in")
    assert "lead@ald.example" not in page.text
    assert "Abmelden" in page.text


async def test_a_refused_sign_in_shows_the_problem_and_keeps_the_address(
    db: str, client: httpx.AsyncClient
) -> None:
    # given an account
    await factories.user(Role.REVIEWER, email="officer@example.org")
    # when the password is wrong
    response = await sign_in(client, "officer@example.org", "wrong password")
    # then the form comes back with an error summary linking to a field, the address kept, no session
    assert response.status_code == 400
    assert "Es gibt ein Problem" in response.text
    assert 'href="#f-' in response.text
    assert 'value="officer@example.org"' in response.text
    assert "kipnet_session" not in client.cookies


async def test_a_form_without_this_browsers_token_is_refused_and_changes_nothing(
    db: str, client: httpx.AsyncClient
) -> None:
    # given an applicant, and a token taken from another browser's form
    await factories.user(Role.REVIEWER, email="officer@example.org")
    async with httpx.AsyncClient(transport=client._transport, base_url="http://kipnet.test") as other:
        foreign_token = csrf_of((await other.get("/sign-in")).text)
    await client.get("/sign-in")
    # when a form is posted with no token, and with the other browser's token
    missing = await client.post("/sign-in", data={"email": "officer@example.org", "password": PASSWORD})
    foreign = await client.post(
        "/sign-in", data={"email": "officer@example.org", "password": PASSWORD, "csrf_token": foreign_token}
    )
    # then both are refused with a page saying so, and nobody is signed in
    assert missing.status_code == foreign.status_code == 403
    assert "Dieses Formular ist abgelaufen" in missing.text
    assert "kipnet_session" not in client.cookies


async def test_the_api_never_takes_the_cookie(db: str, client: httpx.AsyncClient) -> None:
    # given a signed-in browser
    await factories.user(Role.REVIEWER, email="officer@example.org")
    await sign_in(client, "officer@example.org", PASSWORD)
    token = client.cookies["kipnet_session"]
    # when /graphql is asked with only the cookie, and with the token as a bearer
    by_cookie = await client.post("/graphql", json=VIEWER)
    by_bearer = await client.post("/graphql", json=VIEWER, headers={"authorization": f"Bearer {token}"})
    # then the cookie is ignored
    assert by_cookie.json() == {"data": {"viewer": None}}
    assert by_bearer.json() == {"data": {"viewer": {"email": "officer@example.org"}}}


async def test_signing_out_revokes_the_token(db: str, client: httpx.AsyncClient) -> None:
    # given a signed-in browser
    await factories.user(Role.REVIEWER, email="officer@example.org")
    await sign_in(client, "officer@example.org", PASSWORD)
    token = client.cookies["kipnet_session"]
    # when it signs out
    response = await post_form(client, "/sign-out", {}, form_page="/sign-in")
    # then the cookie is gone and the token no longer works anywhere
    assert response.status_code == 303
    assert response.headers["location"] == "/"
    assert "kipnet_session" not in client.cookies
    after = await client.post("/graphql", json=VIEWER, headers={"authorization": f"Bearer {token}"})
    assert after.json()["data"] == {"viewer": None}


async def test_the_language_switch_remembers_the_choice_and_stays_on_this_site(
    db: str, client: httpx.AsyncClient
) -> None:
    # when French is chosen on a page, and a switch link points elsewhere
    chosen = await client.get("/language/fr?next=/sign-in")
    page = await client.get("/sign-in", headers={"accept-language": "de"})
    elsewhere = await client.get("/language/it?next=//evil.example/")
    # then the choice outweighs the browser's preference, and no link leads off the site
    assert chosen.status_code == 303
    assert chosen.headers["location"] == "/sign-in"
    assert '<html lang="fr">' in page.text
    assert elsewhere.headers["location"] == "/"


async def test_an_unknown_page_is_a_404_page_in_the_visitors_language(
    db: str, client: httpx.AsyncClient
) -> None:
    response = await client.get("/no/such/page", headers={"accept-language": "it", "accept": "text/html"})
    assert response.status_code == 404
    assert '<html lang="it">' in response.text
    assert "Pagina non trovata" in response.text
    assert response.headers["content-security-policy"] == PORTAL_CSP


async def test_an_unknown_path_asked_by_an_api_client_still_answers_json(
    db: str, client: httpx.AsyncClient
) -> None:
    response = await client.get("/no/such/page", headers={"accept": "application/json"})
    assert response.status_code == 404
    assert response.json() == {"errors": [{"message": "Not Found", "extensions": {"code": "NOT_FOUND"}}]}
