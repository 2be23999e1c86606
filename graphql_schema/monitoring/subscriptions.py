"""The live alertChanged subscription: alert states raised and cleared as they are stored.
Identical subscriptions share one feed, which recognises the field by name
(`graphql_schema/live/plan.py`)."""

from __future__ import annotations

import strawberry

from graphql_schema.live.subscriptions import live_field
from graphql_schema.monitoring.types import AlertChange
from modules.monitoring import AlertChanged


@strawberry.type
class MonitoringSubscription:
    """Live alerts."""

    alert_changed = live_field(
        "Alert states raised and cleared (ALERT_CHANGED), of one station or of the whole "
        "fleet when stationId is omitted.",
        (AlertChanged.TYPE,),
        AlertChange,
    )
