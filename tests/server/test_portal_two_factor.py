"""The portal's two-factor pages over HTTP: setting it up, signing in with a code, production staff."""

from __future__ import annotations

import re
from collections.abc import AsyncIterator
from datetime import UTC, datetime, timedelta

import httpx
import pyotp
import pytest

from grants import account_links
from grants.models import Role, TokenPurpose, User
from server.app import create_app
from tests import factories
from tests.factories import PASSWORD
from tests.web.portal import csrf_of, post_form, sign_in

SECRET_KEY = re.compile(r'<code class="secret-key" id="secret-key">([A-Z2-7 ]+)</code>')
SETUP = "/account/two-factor"
RECOVERY_CODE = re.compile(r"<li><code>([a-z2-9]{5}-[a-z2-9]{5})</code></li>")


async def set_up(client: httpx.AsyncClient) -> tuple[pyotp.TOTP, list[str], datetime]:
    """Two-factor sign-in set up through the pages by the signed-in visitor."""
    setup = await post_form(client, "/account/two-factor/setup", {}, form_page="/account/two-factor")
    assert setup.status_code == 200
    assert '<svg width="' in setup.text
    found = SECRET_KEY.search(setup.text)
    assert found
    app = pyotp.TOTP(found.group(1).replace(" ", ""))
    now = datetime.now(UTC)
    confirmed = await client.post(
        "/account/two-factor/confirm",
        data={"csrf_token": csrf_of(setup.text), "secret": found.group(1), "code": app.at(now)},
    )
    assert confirmed.status_code == 200
    return app, RECOVERY_CODE.findall(confirmed.text), now


async def test_a_reviewer_sets_it_up_and_then_signs_in_with_a_code(
    db: str, client: httpx.AsyncClient
) -> None:
    # given a reviewer who set up two-factor sign-in and signed out
    await factories.user(Role.REVIEWER)
    await sign_in(client, "reviewer@example.org", PASSWORD)
    app, codes, confirmed_at = await set_up(client)
    assert len(codes) == 10
    await post_form(client, "/sign-out", {}, form_page="/account")
    # when they sign in with the password
    first = await sign_in(client, "reviewer@example.org", PASSWORD)
    # then the code is asked for next, the password waiting sealed in a cookie only /sign-in gets
    assert first.status_code == 303
    assert first.headers["location"] == "/sign-in/code"
    cookie = next(c for c in first.headers.get_list("set-cookie") if c.startswith("kipnet_pending_sign_in="))
    assert "HttpOnly" in cookie
    assert "Path=/sign-in" in cookie
    assert PASSWORD not in cookie
    assert "kipnet_session" not in client.cookies
    # when a wrong code is sent
    wrong = await post_form(client, "/sign-in/code", {"code": "12345"})
    # then the same page says so at the field
    assert wrong.status_code == 400
    assert 'href="#f-code"' in wrong.text
    assert "kipnet_session" not in client.cookies
    # when the next code of the app is sent
    right = await post_form(client, "/sign-in/code", {"code": app.at(confirmed_at + timedelta(seconds=30))})
    # then they are in
    assert right.status_code == 303
    assert right.headers["location"] == "/staff/applications"
    assert "kipnet_session" in client.cookies
    assert (await client.get("/account/two-factor")).text.count('name="action"') == 2


async def test_the_code_page_without_a_pending_sign_in_leads_back_to_the_password(
    db: str, client: httpx.AsyncClient
) -> None:
    response = await client.get("/sign-in/code")
    assert response.status_code == 303
    assert response.headers["location"] == "/sign-in"


@pytest.fixture
async def production_client() -> AsyncIterator[httpx.AsyncClient]:
    """The production portal over https (its cookies are Secure)."""
    app = create_app(factories.PRODUCTION_SETTINGS, manage_database=False)
    transport = httpx.ASGITransport(app=app)
    async with httpx.AsyncClient(transport=transport, base_url="https://kipnet.test") as http:
        yield http


async def test_an_approver_in_production_is_sent_to_set_it_up(
    db: str, production_client: httpx.AsyncClient
) -> None:
    # given an approver without two-factor sign-in
    await factories.user(Role.APPROVER)
    # when they sign in
    response = await sign_in(production_client, "approver@example.org", PASSWORD)
    # then they are sent to set it up, and may
    assert response.status_code == 303
    assert response.headers["location"] == "/account/two-factor"
    elsewhere = [await production_client.get(path) for path in ("/staff/applications", "/account")]
    assert [(r.status_code, r.headers["location"]) for r in elsewhere] == [(303, "/account/two-factor")] * 2
    assert (await production_client.get("/directory")).status_code == 200
    page = await production_client.get("/account/two-factor")
    assert 'class="warning"' in page.text
    _, codes, _ = await set_up(production_client)
    assert len(codes) == 10
    assert (await production_client.get("/staff/applications")).status_code == 200


async def test_new_recovery_codes_and_turning_off_need_the_password_and_a_code(
    db: str, client: httpx.AsyncClient
) -> None:
    # given a reviewer with two-factor sign-in on
    await factories.user(Role.REVIEWER)
    await sign_in(client, "reviewer@example.org", PASSWORD)
    _, codes, _ = await set_up(client)
    manage = "/account/two-factor/manage"
    # when they ask for new recovery codes with an old one
    renewed = await post_form(
        client, manage, {"password": PASSWORD, "code": codes[0], "action": "regenerate"}, form_page=SETUP
    )
    # then ten new ones are shown
    fresh = RECOVERY_CODE.findall(renewed.text)
    assert renewed.status_code == 200
    assert len(fresh) == 10
    assert not set(fresh) & set(codes)
    # when they try to turn it off with a wrong password, then with the right one and a new code
    refused = await post_form(
        client, manage, {"password": "wrong", "code": fresh[0], "action": "disable"}, form_page=SETUP
    )
    off = await post_form(
        client, manage, {"password": PASSWORD, "code": fresh[0], "action": "disable"}, form_page=SETUP
    )
    # then the first is refused at the password field, the second turns it off
    assert refused.status_code == 400
    assert 'href="#f-password"' in refused.text
    assert (off.status_code, off.headers["location"]) == (303, "/account/two-factor?done=off")
    await post_form(client, "/sign-out", {}, form_page="/account")
    assert (await sign_in(client, "reviewer@example.org", PASSWORD)).headers[
        "location"
    ] == "/staff/applications"


async def test_a_reset_link_asks_for_the_code_of_an_account_with_two_factor(
    db: str, client: httpx.AsyncClient
) -> None:
    # given a reviewer with two-factor sign-in, signed out, holding a reset link
    user = await factories.user(Role.REVIEWER)
    await sign_in(client, "reviewer@example.org", PASSWORD)
    app, _, confirmed_at = await set_up(client)
    await post_form(client, "/sign-out", {}, form_page="/account")
    token = await account_links.issue(user=user, purpose=TokenPurpose.RESET, now=datetime.now(UTC))
    page = f"/account/reset/{token}"
    new_password = "Kiebitz-Laterne-Fahrrad-93"
    before = (await User.get(id=user.id)).password_hash
    # when the new password is sent without a code
    refused = await post_form(client, page, {"newPassword": new_password, "newPasswordAgain": new_password})
    # then the page asks for the code at its field, and nothing changed
    assert refused.status_code == 400
    assert 'href="#f-code"' in refused.text
    assert "kipnet_session" not in client.cookies
    assert (await User.get(id=user.id)).password_hash == before
    # when it is sent again with the app's next code
    code = app.at(confirmed_at + timedelta(seconds=30))
    fields = {"newPassword": new_password, "newPasswordAgain": new_password, "code": code}
    accepted = await post_form(client, page, fields)
    # then the password is set and the reviewer is signed in
    assert accepted.status_code == 303
    assert accepted.headers["location"] == "/account?done=reset"
    assert "kipnet_session" in client.cookies
    assert (await User.get(id=user.id)).password_hash != before
