"""Two-factor sign-in in the schema: set it up, confirm it, turn it off, renew the recovery codes."""

from __future__ import annotations

from typing import Annotated

import strawberry

from grants import two_factor
from grants.errors import DomainError, ErrorCode, Problem, RateLimited
from grants.models import User as UserRow
from schema.accounts.types import User
from schema.base.errors import ERRORS, UserError, user_errors

_NOT_LOGGED_IN = UserError.from_problem(Problem(ErrorCode.UNAUTHENTICATED, "Log in first"))
_RETRY_AFTER = "When refused as RATE_LIMITED: seconds to wait before trying again; else null."


@strawberry.input(description="The first code from the authenticator app, proving it holds the secret.")
class ConfirmTwoFactorInput:
    code: str = strawberry.field(description="The six-digit code the app shows now.")


@strawberry.input(description="The password and a current code, to turn off or renew the second factor.")
class TwoFactorCheckInput:
    password: str = strawberry.field(
        description="The account's password; a wrong one counts like a failed login."
    )
    code: str = strawberry.field(description="The app's current code, or one unused recovery code.")


@strawberry.type(description="A new secret for an authenticator app, not in force until confirmed.")
class TwoFactorSetupPayload:
    secret: str | None = strawberry.field(
        description="The secret in groups of four, for typing it in by hand."
    )
    otpauth_uri: str | None = strawberry.field(description="The otpauth:// URI the QR code holds.")
    qr_code_svg: str | None = strawberry.field(
        description="The QR code as inline SVG markup (no script, no style attribute)."
    )
    errors: list[UserError] = strawberry.field(description="CONFLICT when two-factor sign-in is on already.")


@strawberry.type(description="Two-factor sign-in changed; new recovery codes are shown here once.")
class TwoFactorPayload:
    viewer: User | None = strawberry.field(description="The account as it is now; null when refused.")
    recovery_codes: list[str] | None = strawberry.field(
        description="Ten one-time recovery codes, shown only in this answer (kept as digests); null when "
        "none were made."
    )
    errors: list[UserError] = strawberry.field(description=ERRORS)
    retry_after_seconds: int | None = strawberry.field(default=None, description=_RETRY_AFTER)


Confirmation = Annotated[ConfirmTwoFactorInput, strawberry.argument(description="The app's first code.")]
Check = Annotated[TwoFactorCheckInput, strawberry.argument(description="The password and a code.")]


def _me(info: strawberry.Info) -> UserRow | None:
    """The signed-in user, also one who must set up two-factor sign-in before anything else."""
    context = info.context
    return context.actor or context.two_factor_pending  # type: ignore[no-any-return]


def _refused(error: DomainError) -> TwoFactorPayload:
    wait = error.retry_after if isinstance(error, RateLimited) else None
    return TwoFactorPayload(
        viewer=None, recovery_codes=None, errors=user_errors(error), retry_after_seconds=wait
    )


@strawberry.type
class TwoFactorMutation:
    @strawberry.mutation(description="Start setting up two-factor sign-in: a new secret and its QR code.")
    async def begin_two_factor_setup(self, info: strawberry.Info) -> TwoFactorSetupPayload:
        user = _me(info)
        if user is None:
            return TwoFactorSetupPayload(
                secret=None, otpauth_uri=None, qr_code_svg=None, errors=[_NOT_LOGGED_IN]
            )
        try:
            setup = await two_factor.begin_setup(user=user, secret=info.context.secret)
        except DomainError as error:
            return TwoFactorSetupPayload(
                secret=None, otpauth_uri=None, qr_code_svg=None, errors=user_errors(error)
            )
        return TwoFactorSetupPayload(
            secret=setup.secret, otpauth_uri=setup.uri, qr_code_svg=setup.qr_svg, errors=[]
        )

    @strawberry.mutation(
        description="Turn two-factor sign-in on with the app's first code; answers ten recovery codes."
    )
    async def confirm_two_factor(self, info: strawberry.Info, input: Confirmation) -> TwoFactorPayload:
        user = _me(info)
        if user is None:
            return TwoFactorPayload(viewer=None, recovery_codes=None, errors=[_NOT_LOGGED_IN])
        context = info.context
        try:
            codes = await two_factor.confirm(
                user=user,
                code=input.code,
                secret=context.secret,
                now=context.now(),
                limits=context.login_limits,
                address=context.client_address,
            )
        except DomainError as error:
            return _refused(error)
        return TwoFactorPayload(viewer=User.from_row(user), recovery_codes=codes, errors=[])

    @strawberry.mutation(
        description="Turn two-factor sign-in off (password and a code); the recovery codes go too."
    )
    async def disable_two_factor(self, info: strawberry.Info, input: Check) -> TwoFactorPayload:
        user = info.context.actor
        if user is None:
            return TwoFactorPayload(viewer=None, recovery_codes=None, errors=[_NOT_LOGGED_IN])
        context = info.context
        try:
            await two_factor.disable(
                user=user,
                password=input.password,
                code=input.code,
                secret=context.secret,
                now=context.now(),
                limits=context.login_limits,
                address=context.client_address,
            )
        except DomainError as error:
            return _refused(error)
        return TwoFactorPayload(viewer=User.from_row(user), recovery_codes=None, errors=[])

    @strawberry.mutation(description="Ten new recovery codes in place of the old ones (password and a code).")
    async def regenerate_recovery_codes(self, info: strawberry.Info, input: Check) -> TwoFactorPayload:
        user = info.context.actor
        if user is None:
            return TwoFactorPayload(viewer=None, recovery_codes=None, errors=[_NOT_LOGGED_IN])
        context = info.context
        try:
            codes = await two_factor.regenerate_recovery_codes(
                user=user,
                password=input.password,
                code=input.code,
                secret=context.secret,
                now=context.now(),
                limits=context.login_limits,
                address=context.client_address,
            )
        except DomainError as error:
            return _refused(error)
        return TwoFactorPayload(viewer=User.from_row(user), recovery_codes=codes, errors=[])
