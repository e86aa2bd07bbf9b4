"""Descriptions of the enums grants/ defines, written onto the built schema.

grants/ keeps plain StrEnums (it never imports strawberry), and Strawberry 0.341 describes an enum
value only through `strawberry.enum_value(...)` in the enum's own class body. So the texts live here,
one entry per GraphQL enum, and `describe_enums` writes them onto the graphql-core schema that
build_schema made: introspection, `Schema.as_str()` and `kipnet schema` all read them from there.
The texts are not passed to `strawberry.enum(...)` either: a grants enum used in an input before its
registration ran is registered by Strawberry on the fly, and two registrations that differ in their
description collide. tests/schema/test_descriptions.py fails for a value without a text.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass

from graphql import GraphQLEnumType, GraphQLSchema


@dataclass(frozen=True, slots=True)
class EnumTexts:
    """The description of an enum and of each of its values (by GraphQL value name)."""

    description: str
    values: Mapping[str, str]


GRANTS_ENUMS: Mapping[str, EnumTexts] = {
    "ApplicationOrderField": EnumTexts(
        "What applications can be sorted by; ties keep the order of creation.",
        {
            "CREATED_AT": "When the draft was started.",
            "SUBMITTED_AT": "The latest submission; applications never submitted come last either way.",
            "DEADLINE": "The closing time (`closesAt`) of the application's call.",
            "STATUS": "The status, alphabetically by its name.",
        },
    ),
    "ApplicationStatus": EnumTexts(
        "Where an application stands in the workflow; only the workflow's steps change it.",
        {
            "DRAFT": "Being written by the applicant; only its organisation sees it. It may be edited, "
            "submitted or withdrawn.",
            "SUBMITTED": "Sent to the programme office, waiting to be taken into review; the applicant can "
            "no longer edit it.",
            "IN_REVIEW": "Taken into review: reviewers score it, then an approver decides.",
            "CHANGES_REQUESTED": "Sent back to the applicant with a message: editable again, and it may be "
            "resubmitted even after the call's deadline.",
            "APPROVED": "Approved with an award: the project runs, reports are due and tranches are paid.",
            "REJECTED": "Rejected by an approver, with a message to the applicant. Final.",
            "WITHDRAWN": "Withdrawn by the applicant from DRAFT or CHANGES_REQUESTED. Final.",
            "CLOSED": "A funded project completed: its final report was accepted and staff closed it. Final.",
        },
    ),
    "BudgetCategory": EnumTexts(
        "What a budget line pays for.",
        {
            "PERSONNEL": "Wages and fees of the people who carry out the project.",
            "MATERIAL": "Teaching material, equipment and consumables.",
            "PREMISES": "Rent and running costs of the rooms the project uses.",
            "COMMUNICATION": "Making the project known: print, website, announcements.",
            "INTERPRETING": "Intercultural interpreting and mediation.",
            "OTHER": "Anything else; the line's description says what.",
        },
    ),
    "CallStatus": EnumTexts(
        "Where a call stands by the clock, now.",
        {
            "UPCOMING": "Not open yet: `opensAt` is in the future.",
            "OPEN": "Between `opensAt` and `closesAt`: applications may be submitted.",
            "CLOSED": "Past `closesAt` (or closed early): no first submissions any more; applications sent "
            "back for changes may still be resubmitted.",
        },
    ),
    "Decision": EnumTexts(
        "What an approver decides.",
        {
            "APPROVE": "Fund the project with `amount`, taken from the call's remaining budget.",
            "REJECT": "Do not fund it; `message` tells the applicant why.",
        },
    ),
    "ErrorCode": EnumTexts(
        "Why an input or action was refused, for programs to act on; `message` says it for people.",
        {
            "INVALID": "A value is malformed or breaks a rule; `field` names it.",
            "NOT_FOUND": "What the input names does not exist, or you may not see it.",
            "FORBIDDEN": "Your role may not do this here (also: an approver deciding on an application they "
            "reviewed).",
            "UNAUTHENTICATED": "Log in first; or, at login, the e-mail address or password is wrong.",
            "CONFLICT": "It clashes with the current state (a stale `version`, a slug taken, a record still "
            "referred to, a change made meanwhile): reload and decide again.",
            "INVALID_TRANSITION": "The workflow does not allow this step from the current status.",
            "DEADLINE_PASSED": "The call closed before this first submission.",
            "BUDGET_EXCEEDED": "The call's remaining budget is too small for the award, or a new budget "
            "would be below what is already committed.",
            "RATE_LIMITED": "Too many attempts: wait `retryAfterSeconds` before trying again.",
            "TWO_FACTOR_REQUIRED": "login: the account needs its second factor; send `code` (a TOTP code "
            "or an unused recovery code).",
            "TWO_FACTOR_SETUP_REQUIRED": "Approvers and administrators in production must set up "
            "two-factor sign-in (beginTwoFactorSetup, confirmTwoFactor) before anything else.",
        },
    ),
    "Milestone": EnumTexts(
        "When a payment tranche falls due.",
        {
            "PROJECT_START": "At the project's start date; payable once the award is made.",
            "FINAL_REPORT": "At the project's end; paid only after its final report is accepted.",
        },
    ),
    "OrganisationKind": EnumTexts(
        "What kind of actor an organisation is in the integration network.",
        {
            "FEDERAL_OFFICE": "An office of the Confederation, e.g. the State Secretariat for Migration "
            "(SEM).",
            "CANTONAL_OFFICE": "An office of the canton, e.g. the Integration Office (FIBL), BMH, KSA or "
            "AFMB.",
            "MUNICIPALITY": "One of the canton's municipalities (Gemeinden), with official figures in "
            "`municipality`.",
            "NGO": "A non-governmental organisation; NGOs are the usual applicants for project funding.",
            "ASSOCIATION": "An association (Verein), e.g. the Ausländerdienst Baselland or a migrant "
            "community's club.",
            "FOUNDATION": "A foundation (Stiftung).",
            "OTHER": "Any actor that fits none of the other kinds.",
        },
    ),
    "Pillar": EnumTexts(
        "One of the three pillars of the cantonal integration programmes; each funding area belongs to one.",
        {
            "INFORMATION_AND_COUNSELLING": "Information and counselling: first information, counselling, "
            "protection against discrimination.",
            "EDUCATION_AND_WORK": "Education and work: language, early childhood, employability.",
            "UNDERSTANDING_AND_SOCIAL_INTEGRATION": "Understanding and social integration: interpreting, "
            "living together.",
        },
    ),
    "ReachOrder": EnumTexts(
        "How `municipalReach` sorts the municipalities: largest first, ties alphabetically.",
        {
            "FOREIGN_SHARE": "By the share of foreign nationals in the resident population.",
            "MONEY_PER_INHABITANT": "By awarded money per inhabitant (the default).",
            "PROJECTS": "By the number of funded projects taking place there.",
        },
    ),
    "Recommendation": EnumTexts(
        "A reviewer's advice to the approver.",
        {
            "APPROVE": "Fund the project.",
            "REJECT": "Do not fund the project.",
            "CHANGES": "Send it back to the applicant for changes before deciding.",
        },
    ),
    "RelationshipKind": EnumTexts(
        'The type of a directed relationship source —kind→ target; read it as "source KIND target", e.g. '
        '"SEM FUNDS FIBL".',
        {
            "COORDINATES": "The source coordinates the target's integration work (e.g. SEM coordinates the "
            "canton's programme at FIBL).",
            "FUNDS": "The source pays the target (e.g. SEM funds the canton's programme; FIBL funds an NGO's "
            "project).",
            "OPERATIONAL_PARTNER": "The target carries out work for the source as its operational partner "
            "(e.g. FIBL —OPERATIONAL_PARTNER→ ald: the ald works for FIBL).",
            "REPORTS_TO": "The source reports to the target (e.g. FIBL reports to SEM on the programme).",
            "COOPERATES_WITH": "The source works together with the target as its peer (e.g. KSA with FIBL); "
            "mutual in substance, so look at both directions.",
            "MEMBER_OF": "The source is a member of the target, a network or umbrella body (e.g. a German "
            "conversation café in a foundation's network).",
        },
    ),
    "DocumentKind": EnumTexts(
        "What a document is for.",
        {
            "PROJECT_DESCRIPTION": "The project's description (concept).",
            "BUDGET": "The detailed budget.",
            "STATUTES": "The organisation's statutes.",
            "ANNUAL_REPORT": "The organisation's last annual report.",
            "REPORT_ATTACHMENT": "A file of a project report: receipts, lists of participants, material.",
            "DECISION_LETTER": "The decision letter (Verfügung) kipnet writes when an approver decides.",
            "OTHER": "Anything else the applicant wants the programme office to see.",
        },
    ),
    "ReportKind": EnumTexts(
        "Which report on a funded project.",
        {
            "INTERIM": "A report while the project runs, with totals so far.",
            "FINAL": "The report at the end; once accepted it releases the last tranche and lets staff close "
            "the project.",
        },
    ),
    "ReportStatus": EnumTexts(
        "Where a project report stands.",
        {
            "SUBMITTED": "Waiting for an approver or admin to accept it or send it back.",
            "ACCEPTED": "Accepted; the latest accepted report (the final one, once there is one) supplies "
            "the project's actuals to the programme's figures.",
            "RETURNED": "Sent back with a message saying what is missing; the applicant submits a new "
            "report.",
        },
    ),
    "Role": EnumTexts(
        "What a user may do.",
        {
            "APPLICANT": "Acts for one organisation: drafts, submits and withdraws its applications, answers "
            "change requests and reports on funded projects; sees only its organisation's applications.",
            "REVIEWER": "Programme staff: takes applications into review, requests changes, scores them and "
            "keeps internal notes; sees every application submitted at least once.",
            "APPROVER": "Programme staff: everything a reviewer does, plus deciding applications it has not "
            "reviewed, accepting reports, recording payments and closing projects.",
            "ADMIN": "Edits the directory and the funding calls and manages accounts; sees submitted "
            "applications with their reviews and notes, accepts reports, records payments and closes "
            "projects, but neither reviews nor decides.",
        },
    ),
}


def describe_enums(schema: GraphQLSchema) -> None:
    """Write GRANTS_ENUMS onto the schema's enum types and values (texts for names it lacks are skipped)."""
    for name, texts in GRANTS_ENUMS.items():
        enum = schema.type_map.get(name)
        if not isinstance(enum, GraphQLEnumType):
            continue
        enum.description = texts.description
        for value_name, text in texts.values.items():
            if value_name in enum.values:
                enum.values[value_name].description = text
