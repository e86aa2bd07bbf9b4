"""Logging in and out: bearer tokens for the Authorization header."""

from __future__ import annotations

import strawberry

from grants import accounts
from grants.errors import DomainError
from schema.accounts.types import User
from schema.base.errors import UserError, user_errors


@strawberry.input
class LoginInput:
    email: str
    password: str


@strawberry.type
class LoginPayload:
    token: str | None = strawberry.field(
        description="Bearer token for the Authorization header; null when refused."
    )
    viewer: User | None
    errors: list[UserError]


@strawberry.type
class LogoutPayload:
    revoked: bool = strawberry.field(description="True if the token was valid until now.")
    errors: list[UserError]


@strawberry.type
class AccountMutation:
    @strawberry.mutation(description="Exchange e-mail and password for a bearer token.")
    async def login(self, info: strawberry.Info, input: LoginInput) -> LoginPayload:
        try:
            token, user = await accounts.login(
                email=input.email,
                password=input.password,
                secret=info.context.secret,
                lifetime=info.context.token_lifetime,
            )
        except DomainError as error:
            return LoginPayload(token=None, viewer=None, errors=user_errors(error))
        return LoginPayload(token=token, viewer=User.from_row(user), errors=[])

    @strawberry.mutation(description="Revoke the bearer token this request was sent with.")
    async def logout(self, info: strawberry.Info) -> LogoutPayload:
        token = info.context.bearer_token
        revoked = await accounts.logout(token, secret=info.context.secret) if token else False
        return LogoutPayload(revoked=revoked, errors=[])
