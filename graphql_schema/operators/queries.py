"""The apiTokens and auditLog queries (admin only, `graphql_schema/roles.py`), and `me`
(any token: whose it is and what it may do)."""

from __future__ import annotations

import strawberry

from graphql_schema.common.fields import feed
from graphql_schema.common.paging import IdPage
from graphql_schema.context import Context
from graphql_schema.operators.types import (
    AUDIT_CURSOR,
    TOKEN_CURSOR,
    ApiTokenType,
    AuditEntryType,
    MeType,
    token_of,
)
from modules.operators import OperatorQueries


@strawberry.type
class OperatorsQuery:
    """API tokens and the audit log."""

    @strawberry.field(
        description="The token this request carries: its name and role (a dashboard hides "
        "what the role may not do)."
    )
    def me(self, info: strawberry.Info[Context, None]) -> MeType:
        """The caller, known once the request is authenticated."""
        caller = info.context.caller
        assert caller is not None  # every operation is authenticated before it runs
        return MeType(name=caller.name, role=caller.role)

    @feed(TOKEN_CURSOR, "The API tokens, revoked ones too, newest first (admin only).")
    async def api_tokens(self, operators: OperatorQueries, page: IdPage) -> list[ApiTokenType]:
        """Stored tokens, newest first."""
        return [token_of(token) for token in await operators.tokens(page.limit, page.after_id)]

    @feed(
        AUDIT_CURSOR,
        "Every command sent to a station and every change made through the API, newest "
        "first; filter by `stationId` and `actor` (a token name); admin only.",
    )
    async def audit_log(
        self,
        operators: OperatorQueries,
        page: IdPage,
        station_id: strawberry.ID | None = None,
        actor: str | None = None,
    ) -> list[AuditEntryType]:
        """Stored audit entries, newest first."""
        station = None if station_id is None else str(station_id)
        views = await operators.audit_log(page.limit, page.after_id, station, actor)
        return [AuditEntryType.of(view) for view in views]
