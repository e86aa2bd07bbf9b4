"""kipnet's GraphQL schema: one folder per domain, assembled here with the safety extensions."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Annotated, Any

import strawberry
from graphql import GraphQLError
from strawberry.extensions import (
    AddValidationRules,
    DisableIntrospection,
    MaxAliasesLimiter,
    MaxTokensLimiter,
    ParserCache,
    QueryDepthLimiter,
    SchemaExtension,
    ValidationCache,
)
from strawberry.schema.config import StrawberryConfig
from strawberry.types import ExecutionContext

from grants.pagination import MAX_PAGE_SIZE
from schema.accounts.admin import UserAdminMutation, UserAdminQuery
from schema.accounts.gate import gate_pending_staff
from schema.accounts.links import AccountLinkMutation
from schema.accounts.mutations import AccountMutation
from schema.accounts.queries import AccountQuery
from schema.accounts.two_factor import TwoFactorMutation
from schema.accounts.types import User
from schema.applications.aftercare import AftercareMutation
from schema.applications.mutations import ApplicationMutation
from schema.applications.outcome_types import ProjectReport, Review
from schema.applications.payments import PaymentMutation, PaymentQuery
from schema.applications.queries import ApplicationQuery
from schema.applications.types import Application
from schema.base.cost import cost_limiter
from schema.base.descriptions import describe_enums
from schema.base.errors import ClientErrors, MaskServerFaults
from schema.base.input_gate import gate_root_fields
from schema.base.naming import CachedNameConverter
from schema.base.node import Node
from schema.base.nul import NulCharacterGuard
from schema.base.public_cache import PublicResults, public_result_cache
from schema.base.redaction import RedactSchemaNames
from schema.base.scalars import SCALARS
from schema.calls.mutations import CallMutation
from schema.calls.queries import CallQuery
from schema.calls.types import FundingCall
from schema.directory.banking import BankAccountMutation
from schema.directory.mutations import DirectoryMutation
from schema.directory.queries import DirectoryQuery
from schema.directory.types import Organisation, Relationship, Service
from schema.documents.mutations import DocumentMutation
from schema.documents.types import Document
from schema.nodes import resolve_node
from schema.programme.queries import ProgrammeQuery
from schema.programme.reach import ReachQuery
from schema.programme.types import FundingArea, Programme


@strawberry.type(
    description="Reading kipnet: the partner directory, programme phases and figures, funding calls, and the "
    "applications the caller may see. Texts follow `lang` or Accept-Language, falling back to German."
)
class Query(
    DirectoryQuery,
    ProgrammeQuery,
    ReachQuery,
    CallQuery,
    ApplicationQuery,
    PaymentQuery,
    AccountQuery,
    UserAdminQuery,
):
    @strawberry.field(description="Any object by its global ID; null if unknown or not visible to you.")
    async def node(
        self,
        info: strawberry.Info[Any, Any],
        id: Annotated[
            strawberry.ID, strawberry.argument(description="An object's `id`; a malformed one answers null.")
        ],
    ) -> Node | None:
        return await resolve_node(info, id)


@strawberry.type(
    description="Changing kipnet. Each mutation answers a payload whose `errors` say why it was refused, "
    "with field paths; a refused mutation changes nothing."
)
class Mutation(
    AccountMutation,
    DirectoryMutation,
    CallMutation,
    ApplicationMutation,
    AftercareMutation,
    PaymentMutation,
    BankAccountMutation,
    TwoFactorMutation,
    UserAdminMutation,
    AccountLinkMutation,
    DocumentMutation,
):
    pass


class KipnetSchema(strawberry.Schema):
    """Strawberry's schema minus its error log: ClientErrors logs server faults; client mistakes are none."""

    def process_errors(
        self, errors: list[GraphQLError], execution_context: ExecutionContext | None = None
    ) -> None:
        """Log nothing here (see ClientErrors)."""


@dataclass(frozen=True, slots=True)
class SchemaOptions:
    """How strict the schema is: limits, and whether it may describe itself (not in production)."""

    production: bool = False
    max_depth: int = 10
    max_aliases: int = 15
    max_tokens: int = 2000
    max_cost: int = 25_000
    #: Where public answers are kept (schema/base/public_cache.py); None: every query runs.
    public_results: PublicResults | None = None


def build_schema(options: SchemaOptions | None = None) -> strawberry.Schema:
    """The executable schema with kipnet's limits, error masking and caches."""
    opts = options or SchemaOptions()
    # The limiters' rules are classes made when a limiter is made. Made once here, they are the same
    # classes on every request, so the validation cache (keyed by the rules) hits; made per request,
    # it never did.
    limit_rules = [
        *QueryDepthLimiter(max_depth=opts.max_depth).validation_rules,
        *MaxAliasesLimiter(max_alias_count=opts.max_aliases).validation_rules,
    ]
    extensions: list[type[SchemaExtension] | Any] = [
        MaskServerFaults,
        ClientErrors,
        lambda: AddValidationRules(limit_rules),
        lambda: MaxTokensLimiter(max_token_count=opts.max_tokens),
        lambda: ParserCache(maxsize=256),
        lambda: ValidationCache(maxsize=256),
        # Pre-execution checks after ValidationCache (see schema/base/prechecks.py).
        cost_limiter(opts.max_cost),
        NulCharacterGuard,
    ]
    if opts.production:
        extensions.append(DisableIntrospection)
        # First, so that it sees every error last: no message names what the request did not.
        extensions.insert(0, RedactSchemaNames)
    if opts.public_results is not None:
        # Last, so innermost: every check above has passed before a kept answer is given.
        extensions.append(public_result_cache(opts.public_results))
    schema = KipnetSchema(
        query=Query,
        mutation=Mutation,
        types=[
            Organisation,
            Service,
            Relationship,
            FundingArea,
            Programme,
            User,
            FundingCall,
            Application,
            Review,
            ProjectReport,
            Document,
        ],
        extensions=extensions,
        config=StrawberryConfig(
            relay_max_results=MAX_PAGE_SIZE,
            disable_field_suggestions=opts.production,
            auto_camel_case=True,
            name_converter=CachedNameConverter(),
            scalar_map=SCALARS,
        ),
    )
    describe_enums(schema._schema)
    gate_root_fields(schema)
    gate_pending_staff(schema)
    return schema
