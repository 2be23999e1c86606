"""The provisioning store: the only part of the block that touches the database.

`ProvisioningStore` names what handlers, commands, the boot configurator, the last-seen buffer
and the queries need, in the block's own terms (records in, records out). `SqlProvisioningStore`
runs it on the database: the hot paths (connect, disconnect, boot, status, last-seen flush)
through the hand-written statements of `store_sql.py`, on the surrounding transaction's
connection (a group-commit batch's, when there is one); the operator's reads and writes
through the ORM.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from datetime import datetime
from typing import Protocol

from infra.db import models
from infra.db.pages import newest_first, oldest_first, where_given
from modules.kernel.records import record_of
from modules.provisioning import records, store_sql


class ProvisioningStore(Protocol):
    """Stations, connector statuses, boot policy, configuration and history, network profiles."""

    async def boot_inputs(self, station_id: str) -> records.BootInputs:
        """The station's boot policy and boot-configuration state (one round trip)."""
        ...

    async def record_boot(self, boot: records.Boot) -> None:
        """Store what a booting station said and was told (its row, created if needed, and
        one boot record); the station counts as seen at `boot.at`."""
        ...

    async def store_connector_status(
        self, reported: records.ConnectorRecord, now: datetime
    ) -> str | None:
        """Store a connector's status; the status it had before (None: first report)."""
        ...

    async def mark_connected(
        self, station_id: str, node_id: str, connection_id: str, now: datetime
    ) -> None:
        """The station is online on `node_id` over `connection_id` (its row created if needed),
        unless the row already holds a newer connection (`modules/kernel/connection_ids.py`):
        a late CONNECTED of an older connection changes nothing."""
        ...

    async def mark_disconnected(
        self, station_id: str, connection_id: str | None, now: datetime
    ) -> bool:
        """Mark it offline if `connection_id` is still its connection; whether it was."""
        ...

    async def connections_by_node(self) -> dict[str, list[tuple[str, str]]]:
        """Node id -> the (station id, connection id) of every station online on it."""
        ...

    async def write_last_seen(self, seen: Mapping[str, datetime]) -> None:
        """Write each station's last-seen time, never moving a newer stored time backwards."""
        ...

    async def save_network_profile(self, profile: records.NetworkProfileRecord) -> None:
        """Store (or replace) the profile of one configuration slot."""
        ...

    async def station_exists(self, station_id: str) -> bool:
        """Whether the station is registered."""
        ...

    async def register_station(
        self, station_id: str, password_hash: str | None, security_profile: int | None
    ) -> records.StationRecord:
        """Create the station if needed; set what is given (None: keep)."""
        ...

    async def delete_station(self, station_id: str) -> bool:
        """Delete the station and everything stored for it; whether it existed."""
        ...

    async def set_boot_policy(
        self, station_id: str, status: str | None, interval: int | None
    ) -> records.BootPolicyRecord:
        """Create or replace the station's boot policy."""
        ...

    async def set_boot_configuration(
        self, settings: records.BootConfigurationSettings
    ) -> records.BootConfigurationRecord:
        """Create or replace the station's boot configuration, as not yet applied."""
        ...

    async def clear_boot_configuration(self, station_id: str) -> bool:
        """Delete the station's boot configuration; whether it had one."""
        ...

    async def note_configuration_attempt(self, station_id: str, at: datetime) -> None:
        """The boot configurator starts applying the configuration at `at`."""
        ...

    async def mark_configuration_applied(self, station_id: str, at: datetime) -> None:
        """Everything was applied at `at` (the last error is cleared)."""
        ...

    async def record_configuration_error(self, station_id: str, error: str) -> None:
        """An attempt failed with `error`; the configuration stays not applied."""
        ...

    async def station(self, station_id: str) -> records.StationRecord | None:
        """One station, None when unknown."""
        ...

    async def stations(self, wanted: records.StationFilter) -> list[records.StationRecord]:
        """One page of stations matching `wanted`, ordered by id."""
        ...

    async def connectors(
        self, station_ids: Sequence[str]
    ) -> dict[str, list[records.ConnectorRecord]]:
        """The connector statuses of each station (every id a key), in one round trip."""
        ...

    async def boot_policy(self, station_id: str) -> records.BootPolicyRecord | None:
        """The station's own boot policy, None when the fleet default applies."""
        ...

    async def boot_configuration(self, station_id: str) -> records.BootConfigurationRecord | None:
        """The station's boot configuration, None when it has none."""
        ...

    async def boot_history(self, station_id: str, first: int) -> list[records.BootRecordView]:
        """The station's `first` newest boots, newest first."""
        ...

    async def network_profiles(self, station_id: str) -> list[records.NetworkProfileRecord]:
        """The station's accepted network profiles by configuration slot."""
        ...

    async def network_profile(
        self, station_id: str, configuration_slot: int
    ) -> records.NetworkProfileRecord | None:
        """The profile the station accepted in one slot, None when there is none."""
        ...


def _station(row: models.Station) -> records.StationRecord:
    return record_of(records.StationRecord, row)


def _policy(row: models.StationBootPolicy) -> records.BootPolicyRecord:
    return record_of(records.BootPolicyRecord, row)


def _configuration(row: models.BootConfiguration) -> records.BootConfigurationRecord:
    variables = tuple(records.BootVariable.from_json(dict(item)) for item in row.variables or [])
    return record_of(records.BootConfigurationRecord, row, variables=variables)


def _boot_record(row: models.BootRecord) -> records.BootRecordView:
    return record_of(records.BootRecordView, row)


def _profile(row: models.NetworkProfile) -> records.NetworkProfileRecord:
    return record_of(records.NetworkProfileRecord, row, connection_data=dict(row.connection_data))


class SqlProvisioningStore:
    """The provisioning store on the database (SQLite or PostgreSQL)."""

    async def boot_inputs(self, station_id: str) -> records.BootInputs:
        """The station's boot policy and boot-configuration state (one round trip)."""
        return await store_sql.boot_inputs(station_id)

    async def record_boot(self, boot: records.Boot) -> None:
        """Upsert the station's row and insert one boot record (two statements)."""
        await store_sql.upsert_station(boot.station_id, boot.at, boot.station_columns())
        await store_sql.record_boot(boot.history_entry())

    async def store_connector_status(
        self, reported: records.ConnectorRecord, now: datetime
    ) -> str | None:
        """Read the previous status and upsert the new one (two statements)."""
        return await store_sql.store_connector_status(reported, now)

    async def mark_connected(
        self, station_id: str, node_id: str, connection_id: str, now: datetime
    ) -> None:
        """Upsert the station's row as online on `node_id` (one statement), unless it already
        holds a newer connection."""
        await store_sql.upsert_station(
            station_id,
            now,
            {
                "online": True,
                "connected_node": node_id,
                "connection_id": connection_id,
                "last_seen_at": now,
            },
            store_sql.NEWER_CONNECTION,
        )

    async def mark_disconnected(
        self, station_id: str, connection_id: str | None, now: datetime
    ) -> bool:
        """One conditional UPDATE on the connection id."""
        return await store_sql.mark_disconnected(station_id, connection_id, now)

    async def connections_by_node(self) -> dict[str, list[tuple[str, str]]]:
        """One SELECT of the online stations."""
        rows = await models.Station.filter(online=True, connected_node__isnull=False).values_list(
            "connected_node", "id", "connection_id"
        )
        found: dict[str, list[tuple[str, str]]] = {}
        for node_id, station_id, connection_id in rows:
            if connection_id is not None:
                found.setdefault(node_id, []).append((station_id, connection_id))
        return found

    async def write_last_seen(self, seen: Mapping[str, datetime]) -> None:
        """One executemany statement for every station."""
        await store_sql.write_last_seen(seen)

    async def save_network_profile(self, profile: records.NetworkProfileRecord) -> None:
        """Update or create the slot's row."""
        await models.NetworkProfile.update_or_create(
            defaults={
                "connection_data": profile.connection_data,
                "status": profile.status,
                "updated_at": profile.updated_at,
            },
            station_id=profile.station_id,
            configuration_slot=profile.configuration_slot,
        )

    async def station_exists(self, station_id: str) -> bool:
        """Whether the station row exists."""
        return bool(await models.Station.exists(id=station_id))

    async def register_station(
        self, station_id: str, password_hash: str | None, security_profile: int | None
    ) -> records.StationRecord:
        """Get or create the row, then save what is given."""
        station, _ = await models.Station.get_or_create(id=station_id)
        if password_hash is not None:
            station.password_hash = password_hash
        if security_profile is not None:
            station.security_profile = security_profile
        await station.save()
        return _station(station)

    async def delete_station(self, station_id: str) -> bool:
        """Delete the row; its dependent rows go with it (ON DELETE CASCADE)."""
        deleted: int = await models.Station.filter(id=station_id).delete()
        return deleted > 0

    async def set_boot_policy(
        self, station_id: str, status: str | None, interval: int | None
    ) -> records.BootPolicyRecord:
        """Update or create the policy row."""
        row, _ = await models.StationBootPolicy.update_or_create(
            defaults={"status": status, "interval": interval}, station_id=station_id
        )
        return _policy(row)

    async def set_boot_configuration(
        self, settings: records.BootConfigurationSettings
    ) -> records.BootConfigurationRecord:
        """Update or create the configuration row, clearing what an earlier one achieved."""
        row, _ = await models.BootConfiguration.update_or_create(
            defaults={
                "variables": [variable.to_json() for variable in settings.variables],
                "fetch_report": settings.fetch_report,
                "report_base": settings.report_base,
                "applied_at": None,
                "last_error": None,
            },
            station_id=settings.station_id,
        )
        return _configuration(row)

    async def clear_boot_configuration(self, station_id: str) -> bool:
        """Delete the configuration row."""
        return bool(await models.BootConfiguration.filter(station_id=station_id).delete())

    async def note_configuration_attempt(self, station_id: str, at: datetime) -> None:
        """Set `last_attempt_at` (and `updated_at`)."""
        row = await models.BootConfiguration.get_or_none(station_id=station_id)
        if row is not None:
            row.last_attempt_at = at
            await row.save(update_fields=["last_attempt_at", "updated_at"])

    async def mark_configuration_applied(self, station_id: str, at: datetime) -> None:
        """Set `applied_at`, clear `last_error`."""
        await models.BootConfiguration.filter(station_id=station_id).update(
            applied_at=at, last_error=None
        )

    async def record_configuration_error(self, station_id: str, error: str) -> None:
        """Set `last_error`."""
        await models.BootConfiguration.filter(station_id=station_id).update(last_error=error)

    async def station(self, station_id: str) -> records.StationRecord | None:
        """The station row."""
        row = await models.Station.get_or_none(id=station_id)
        return _station(row) if row else None

    async def stations(self, wanted: records.StationFilter) -> list[records.StationRecord]:
        """One SELECT with every filter given (`icontains` escapes LIKE wildcards)."""
        query = where_given(models.Station.all(), **wanted.equal())
        if wanted.search:
            query = query.filter(id__icontains=wanted.search)
        return [_station(row) for row in await oldest_first(query, wanted.after, wanted.first)]

    async def connectors(
        self, station_ids: Sequence[str]
    ) -> dict[str, list[records.ConnectorRecord]]:
        """One SELECT over every station asked for."""
        found: dict[str, list[records.ConnectorRecord]] = {
            station_id: [] for station_id in station_ids
        }
        for row in await models.ConnectorStatus.filter(station_id__in=list(station_ids)):
            station_id = str(row.station_id)  # type: ignore[attr-defined]
            found[station_id].append(record_of(records.ConnectorRecord, row, station_id=station_id))
        return found

    async def boot_policy(self, station_id: str) -> records.BootPolicyRecord | None:
        """The policy row."""
        row = await models.StationBootPolicy.get_or_none(station_id=station_id)
        return _policy(row) if row else None

    async def boot_configuration(self, station_id: str) -> records.BootConfigurationRecord | None:
        """The configuration row."""
        row = await models.BootConfiguration.get_or_none(station_id=station_id)
        return _configuration(row) if row else None

    async def boot_history(self, station_id: str, first: int) -> list[records.BootRecordView]:
        """The newest boot records by id."""
        rows = await newest_first(models.BootRecord.filter(station_id=station_id), first, None)
        return [_boot_record(row) for row in rows]

    async def network_profiles(self, station_id: str) -> list[records.NetworkProfileRecord]:
        """The profile rows by slot."""
        rows = await models.NetworkProfile.filter(station_id=station_id).order_by(
            "configuration_slot"
        )
        return [_profile(row) for row in rows]

    async def network_profile(
        self, station_id: str, configuration_slot: int
    ) -> records.NetworkProfileRecord | None:
        """One profile row."""
        row = await models.NetworkProfile.get_or_none(
            station_id=station_id, configuration_slot=configuration_slot
        )
        return _profile(row) if row else None
