"""Provisioning queries: boot policy and configuration, boot history, network profiles."""

from __future__ import annotations

import strawberry

from graphql_schema.provisioning_types import (
    BootConfigurationType,
    BootPolicyType,
    BootRecordType,
    NetworkProfileType,
    ProvisioningInputError,
)
from infra.db.models import BootConfiguration, BootRecord, NetworkProfile, StationBootPolicy

MAX_FIRST = 500


@strawberry.type
class ProvisioningQuery:
    """Block B: what a station is told at boot and what it said."""

    @strawberry.field(
        description="A station's own boot policy; null when the fleet default applies.",
    )
    async def boot_policy(self, station_id: strawberry.ID) -> BootPolicyType | None:
        """The station's boot policy row."""
        row = await StationBootPolicy.get_or_none(station_id=str(station_id))
        return BootPolicyType.from_model(row) if row else None

    @strawberry.field(
        description="A station's boot configuration; null when it has none.",
    )
    async def boot_configuration(self, station_id: strawberry.ID) -> BootConfigurationType | None:
        """The station's boot configuration row."""
        row = await BootConfiguration.get_or_none(station_id=str(station_id))
        return BootConfigurationType.from_model(row) if row else None

    @strawberry.field(
        description="A station's BootNotifications, newest first.",
    )
    async def boot_history(
        self, station_id: strawberry.ID, first: int = 20
    ) -> list[BootRecordType]:
        """The station's boot records."""
        if not 1 <= first <= MAX_FIRST:
            raise ProvisioningInputError(f"first: must be 1 to {MAX_FIRST}")
        rows = await BootRecord.filter(station_id=str(station_id)).order_by("-id").limit(first)
        return [BootRecordType.from_model(row) for row in rows]

    @strawberry.field(
        description="The network profiles a station accepted (B09), by configuration slot.",
    )
    async def network_profiles(self, station_id: strawberry.ID) -> list[NetworkProfileType]:
        """The station's accepted network profiles."""
        rows = await NetworkProfile.filter(station_id=str(station_id)).order_by(
            "configuration_slot"
        )
        return [NetworkProfileType.from_model(row) for row in rows]
