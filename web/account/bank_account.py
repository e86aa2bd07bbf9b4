"""The applicant's own organisation's bank account: shown grouped in fours, changed with a form.

Every member is mailed when it changes (the API does it), and the API refuses a change while a tranche
is with the finance office; the refusal is shown at the top of the form like any other.
"""

from __future__ import annotations

from starlette.requests import Request
from starlette.responses import Response
from starlette.routing import BaseRoute, Route

from web.account.organisation import HOME, member_page, own_organisation
from web.forms import Problems
from web.i18n import gettext, iban
from web.labels import N_

PAGE = f"{HOME}/bank-account"
FIELDS = ("iban", "holder")
SAVED = N_("The bank account was saved. Every member of your organisation gets an e-mail about it.")


def routes() -> list[BaseRoute]:
    """The bank account's page."""
    return [Route(PAGE, bank_account, methods=["GET", "POST"])]


async def bank_account(request: Request) -> Response:
    """The account as it is, and the form to change it (filled with it)."""
    page = await member_page(request)
    if isinstance(page, Response):
        return page
    organisation = await own_organisation(page)
    account = organisation.get("bankAccount") or {}
    if request.method == "GET":
        done = request.query_params.get("done") == "saved"
        return await page.render(
            "account/bank_account.html",
            organisation=organisation,
            shown=iban(account.get("iban")),
            values={"iban": iban(account.get("iban")), "holder": account.get("holder", "")},
            problems=Problems(),
            done=gettext(SAVED) if done else "",
        )
    form = await page.form()
    values = {name: str(form.get(name, "")) for name in FIELDS}
    outcome = await page.run(
        "OwnUpdateBankAccount", {"input": {"organisation": organisation["slug"], **values}}
    )
    found = outcome.problems("updateBankAccount")
    if not found:
        return page.redirect(f"{PAGE}?done=saved")
    return await page.render(
        "account/bank_account.html",
        status=400,
        organisation=organisation,
        shown=iban(account.get("iban")),
        values=values,
        problems=Problems.of(found, FIELDS),
        done="",
    )
