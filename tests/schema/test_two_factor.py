"""Two-factor sign-in through the schema: setup and confirmation, refusals, the pending-staff gate."""

from datetime import UTC, datetime
from types import SimpleNamespace
from typing import Any

import pyotp
from graphql import GraphQLNonNull

from grants.errors import ErrorCode
from grants.models import Role, TwoFactorSecret, User
from schema.accounts.gate import ALLOWED_WHILE_PENDING, _refused_payload
from schema.context import Context
from tests import factories
from tests.schema.graphql import SCHEMA, SECRET, ok, run

BEGIN = "mutation { beginTwoFactorSetup { secret otpauthUri qrCodeSvg errors { code } } }"
CONFIRM = """
mutation Confirm($code: String!) {
  confirmTwoFactor(input: {code: $code}) { recoveryCodes viewer { twoFactorEnabled } errors { code field } }
}
"""
VIEWER = "{ viewer { email twoFactorEnabled twoFactorSetupRequired } }"
LOGOUT_EVERYWHERE = "mutation { logoutEverywhere { revokedCount errors { code } } }"


async def test_an_account_sets_up_two_factor_and_gets_ten_recovery_codes(db):
    # given
    user = await factories.user(Role.REVIEWER)
    # when
    setup = (await ok(BEGIN, actor=user))["beginTwoFactorSetup"]
    code = pyotp.TOTP(setup["secret"].replace(" ", "")).now()
    confirmed = (await ok(CONFIRM, {"code": code}, actor=user))["confirmTwoFactor"]
    # then
    assert setup["errors"] == []
    assert setup["otpauthUri"].startswith("otpauth://totp/kipnet:reviewer%40example.org?secret=")
    assert setup["qrCodeSvg"].startswith("<svg ")
    assert confirmed["errors"] == []
    assert len(confirmed["recoveryCodes"]) == 10
    assert confirmed["viewer"] == {"twoFactorEnabled": True}
    assert (await ok(BEGIN, actor=user))["beginTwoFactorSetup"]["errors"] == [{"code": "CONFLICT"}]


async def test_a_wrong_first_code_and_a_visitor_are_refused_and_nothing_changes(db):
    user = await factories.user(Role.REVIEWER)
    await ok(BEGIN, actor=user)
    wrong = (await ok(CONFIRM, {"code": "abc"}, actor=user))["confirmTwoFactor"]
    assert wrong["errors"] == [{"code": "INVALID", "field": ["input", "code"]}]
    assert wrong["recoveryCodes"] is None
    anonymous = (await ok(BEGIN))["beginTwoFactorSetup"]
    assert anonymous["errors"] == [{"code": "UNAUTHENTICATED"}]
    assert (await User.get(id=user.id)).two_factor_enabled is False
    assert await TwoFactorSecret.filter(confirmed_at__isnull=False).count() == 0


async def pending_run(document: str, user: User, variables: dict[str, Any] | None = None) -> dict[str, Any]:
    context = Context(actor=None, two_factor_pending=user, secret=SECRET, production=True)
    result = await SCHEMA.execute(document, variable_values=variables, context_value=context)
    assert result.errors is None
    assert result.data is not None
    return result.data


async def test_pending_staff_see_themselves_may_set_up_and_nothing_else(db):
    # given: an approver in production without two-factor sign-in
    user = await factories.user(Role.APPROVER)
    # when
    viewer = (await pending_run(VIEWER, user))["viewer"]
    refused = (await pending_run(LOGOUT_EVERYWHERE, user))["logoutEverywhere"]
    setup = (await pending_run(BEGIN, user))["beginTwoFactorSetup"]
    code = pyotp.TOTP(setup["secret"].replace(" ", "")).at(datetime.now(UTC))
    confirmed = (await pending_run(CONFIRM, user, {"code": code}))["confirmTwoFactor"]
    # then
    assert viewer == {
        "email": "approver@example.org",
        "twoFactorEnabled": False,
        "twoFactorSetupRequired": True,
    }
    assert refused == {"revokedCount": 0, "errors": [{"code": "TWO_FACTOR_SETUP_REQUIRED"}]}
    assert confirmed["errors"] == []
    assert len(confirmed["recoveryCodes"]) == 10


async def test_outside_production_no_one_is_required_to_set_it_up(db):
    user = await factories.user(Role.ADMIN)
    data, errors = await run(VIEWER, actor=user)
    assert errors == []
    assert data == {
        "viewer": {"email": "admin@example.org", "twoFactorEnabled": False, "twoFactorSetupRequired": False}
    }


def test_every_gated_mutation_has_a_refusal_to_answer():
    # given every mutation the gate stands in front of
    mutation = SCHEMA._schema.mutation_type
    assert mutation is not None
    gated = sorted(set(mutation.fields) - ALLOWED_WHILE_PENDING)
    # when each is refused
    refusals = {
        name: _refused_payload(SCHEMA, SimpleNamespace(parent_type=mutation, field_name=name))  # type: ignore[arg-type]
        for name in gated
    }
    # then each payload holds just the one error, and no non-null field is left null
    assert len(gated) > 20
    for name, payload in refusals.items():
        assert [error.code for error in payload.errors] == [ErrorCode.TWO_FACTOR_SETUP_REQUIRED], name
        payload_type: Any = SCHEMA._schema.get_type(type(payload).__name__)
        definition: Any = SCHEMA.get_type_by_name(type(payload).__name__)
        for field in definition.fields:
            graphql_type = payload_type.fields[SCHEMA.config.name_converter.get_graphql_name(field)].type
            value = getattr(payload, field.python_name)
            assert value is not None or not isinstance(graphql_type, GraphQLNonNull), (
                f"{name}.{field.python_name}"
            )
