"""GraphQL types of the security block."""

from __future__ import annotations

from datetime import datetime

import strawberry

from graphql_schema.common.records import FeedRow

CURSOR_KIND = "securityEvents"


@strawberry.type(description="A SecurityEventNotification a station sent (A04).")
class SecurityEventType(FeedRow):
    """One stored security event."""

    cursor_kind = CURSOR_KIND

    cursor: str = strawberry.field(description="Pass as `after` to read older events.")
    station_id: strawberry.ID
    type: str = strawberry.field(description="The security event type (Appendix 1 of Part 2).")
    timestamp: datetime = strawberry.field(description="When the station says it happened.")
    tech_info: str | None
    received_at: datetime
