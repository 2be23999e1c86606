"""The in-memory twin of the provisioning store (dicts and lists), for unit tests of handlers,
commands, the boot configurator and the queries. The contract tests run the same cases on
it and on `SqlProvisioningStore`, so the two cannot drift."""

from __future__ import annotations

import dataclasses
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from datetime import UTC, datetime
from typing import Any

from modules.kernel import connection_ids
from modules.kernel.pages import matches
from modules.kernel.records import record_of
from modules.provisioning import records


def _wall_clock() -> datetime:
    """What the database's `auto_now` columns take: the time of the write."""
    return datetime.now(UTC)


@dataclass(slots=True)
class _Row:
    """A station row with what the records leave out."""

    station: records.StationRecord
    password_hash: str | None = None
    connected_node: str | None = None
    connection_id: str | None = None


class MemoryProvisioningStore:
    """Provisioning data in dicts; the same behaviour as the SQL store."""

    def __init__(self) -> None:
        self.rows: dict[str, _Row] = {}
        self.connector_statuses: dict[tuple[str, int, int], records.ConnectorRecord] = {}
        self.policies: dict[str, records.BootPolicyRecord] = {}
        self.configurations: dict[str, records.BootConfigurationRecord] = {}
        self.boots: list[records.BootRecordView] = []
        self.profiles: dict[tuple[str, int], records.NetworkProfileRecord] = {}
        self.heartbeat_intervals: dict[str, int] = {}
        """The device model's: the HeartbeatInterval the CSMS set per station."""
        self.reported_heartbeat_intervals: dict[str, str] = {}
        """The device model's: each station's stored HeartbeatInterval Actual value."""

    def _row(self, station_id: str) -> _Row:
        row = self.rows.get(station_id)
        if row is None:
            row = self.rows[station_id] = _Row(records.StationRecord(id=station_id))
        return row

    def _update(self, station_id: str, **values: Any) -> _Row:
        row = self._row(station_id)
        row.station = dataclasses.replace(row.station, **values)
        return row

    def _forget(self, station_id: str) -> None:
        """ON DELETE CASCADE: everything stored for the station goes with it."""
        self.connector_statuses = {
            key: value for key, value in self.connector_statuses.items() if key[0] != station_id
        }
        self.policies.pop(station_id, None)
        self.configurations.pop(station_id, None)
        self.boots = [boot for boot in self.boots if boot.station_id != station_id]
        self.profiles = {key: value for key, value in self.profiles.items() if key[0] != station_id}

    async def boot_inputs(self, station_id: str) -> records.BootInputs:
        """The station's boot policy, boot-configuration state and the device model's
        heartbeat interval facts (`heartbeat_intervals`, `reported_heartbeat_intervals`,
        which the test fills)."""
        policy = self.policies.get(station_id)
        configuration = self.configurations.get(station_id)
        return records.BootInputs(
            has_policy=policy is not None,
            policy_status=policy.status if policy else None,
            policy_interval=policy.interval if policy else None,
            has_configuration=configuration is not None,
            configuration_applied=bool(configuration and configuration.applied_at is not None),
            heartbeat_interval=self.heartbeat_intervals.get(station_id),
            reported_heartbeat_interval=self.reported_heartbeat_intervals.get(station_id),
        )

    async def record_boot(self, boot: records.Boot) -> None:
        """Update (or create) the station and append a boot record."""
        self._update(boot.station_id, **boot.station_columns())
        self.boots.append(boot.history_entry())

    async def store_connector_status(
        self, reported: records.ConnectorRecord, now: datetime
    ) -> str | None:
        """Replace the connector's status; the one it had before."""
        key = (reported.station_id, reported.evse_id, reported.connector_id)
        previous = self.connector_statuses.get(key)
        self.connector_statuses[key] = reported
        return previous.status if previous else None

    async def mark_connected(
        self, station_id: str, node_id: str, connection_id: str, now: datetime
    ) -> None:
        """Online on `node_id` over `connection_id`, unless a newer connection holds it."""
        known = self.rows.get(station_id)
        if (
            known is not None
            and known.connection_id
            and connection_ids.is_newer(known.connection_id, connection_id)
        ):
            return
        row = self._update(station_id, online=True, last_seen_at=now)
        row.connected_node, row.connection_id = node_id, connection_id

    async def mark_disconnected(
        self, station_id: str, connection_id: str | None, now: datetime
    ) -> bool:
        """Offline, if `connection_id` is still the station's connection."""
        row = self.rows.get(station_id)
        if row is None or connection_id is None or row.connection_id != connection_id:
            return False
        self._update(station_id, online=False, last_seen_at=now)
        row.connected_node = row.connection_id = None
        return True

    async def connections_by_node(self) -> dict[str, list[tuple[str, str]]]:
        """Node id -> its online stations' (station id, connection id)."""
        found: dict[str, list[tuple[str, str]]] = {}
        for station_id, row in self.rows.items():
            if row.station.online and row.connected_node and row.connection_id:
                found.setdefault(row.connected_node, []).append((station_id, row.connection_id))
        return found

    async def write_last_seen(self, seen: Mapping[str, datetime]) -> None:
        """Newer times of known stations replace older ones."""
        for station_id, at in seen.items():
            row = self.rows.get(station_id)
            if row is not None and (
                row.station.last_seen_at is None or row.station.last_seen_at < at
            ):
                self._update(station_id, last_seen_at=at)

    async def save_network_profile(self, profile: records.NetworkProfileRecord) -> None:
        """Store (or replace) the slot's profile."""
        self.profiles[(profile.station_id, profile.configuration_slot)] = profile

    async def station_exists(self, station_id: str) -> bool:
        """Whether the station is known."""
        return station_id in self.rows

    async def register_station(
        self, station_id: str, password_hash: str | None, security_profile: int | None
    ) -> records.StationRecord:
        """Create if needed; set what is given."""
        row = self._row(station_id)
        if password_hash is not None:
            row.password_hash = password_hash
        if security_profile is not None:
            row = self._update(station_id, security_profile=security_profile)
        return row.station

    async def delete_station(self, station_id: str) -> bool:
        """Forget the station and everything stored for it."""
        if self.rows.pop(station_id, None) is None:
            return False
        self._forget(station_id)
        return True

    async def set_boot_policy(
        self, station_id: str, status: str | None, interval: int | None
    ) -> records.BootPolicyRecord:
        """Replace the policy."""
        policy = records.BootPolicyRecord(station_id, status, interval, _wall_clock())
        self.policies[station_id] = policy
        return policy

    async def set_boot_configuration(
        self, settings: records.BootConfigurationSettings
    ) -> records.BootConfigurationRecord:
        """Replace the configuration, not applied; the last attempt's time is kept."""
        known = self.configurations.get(settings.station_id)
        configuration = record_of(
            records.BootConfigurationRecord,
            settings,
            applied_at=None,
            last_attempt_at=known.last_attempt_at if known else None,
            last_error=None,
        )
        self.configurations[settings.station_id] = configuration
        return configuration

    async def clear_boot_configuration(self, station_id: str) -> bool:
        """Forget the configuration."""
        return self.configurations.pop(station_id, None) is not None

    def _change_configuration(self, station_id: str, **values: Any) -> None:
        known = self.configurations.get(station_id)
        if known is not None:
            self.configurations[station_id] = dataclasses.replace(known, **values)

    async def note_configuration_attempt(self, station_id: str, at: datetime) -> None:
        """Set the last attempt's time."""
        self._change_configuration(station_id, last_attempt_at=at)

    async def mark_configuration_applied(self, station_id: str, at: datetime) -> None:
        """Applied; no error."""
        self._change_configuration(station_id, applied_at=at, last_error=None)

    async def record_configuration_error(self, station_id: str, error: str) -> None:
        """The last attempt's error."""
        self._change_configuration(station_id, last_error=error)

    async def station(self, station_id: str) -> records.StationRecord | None:
        """The station, None when unknown."""
        row = self.rows.get(station_id)
        return row.station if row else None

    async def stations(self, wanted: records.StationFilter) -> list[records.StationRecord]:
        """Filter, order by id, page."""
        found: list[records.StationRecord] = []
        for station_id in sorted(self.rows):
            station = self.rows[station_id].station
            if _matches(station, wanted):
                found.append(station)
                if len(found) == wanted.first:
                    break
        return found

    async def connectors(
        self, station_ids: Sequence[str]
    ) -> dict[str, list[records.ConnectorRecord]]:
        """Each station's connector statuses."""
        found: dict[str, list[records.ConnectorRecord]] = {
            station_id: [] for station_id in station_ids
        }
        for (station_id, _, _), record in self.connector_statuses.items():
            if station_id in found:
                found[station_id].append(record)
        return found

    async def boot_policy(self, station_id: str) -> records.BootPolicyRecord | None:
        """The station's policy."""
        return self.policies.get(station_id)

    async def boot_configuration(self, station_id: str) -> records.BootConfigurationRecord | None:
        """The station's configuration."""
        return self.configurations.get(station_id)

    async def boot_history(self, station_id: str, first: int) -> list[records.BootRecordView]:
        """Newest first."""
        mine = [boot for boot in reversed(self.boots) if boot.station_id == station_id]
        return mine[:first]

    async def network_profiles(self, station_id: str) -> list[records.NetworkProfileRecord]:
        """By slot."""
        return [self.profiles[key] for key in sorted(self.profiles) if key[0] == station_id]

    async def network_profile(
        self, station_id: str, configuration_slot: int
    ) -> records.NetworkProfileRecord | None:
        """One slot's profile."""
        return self.profiles.get((station_id, configuration_slot))


def _matches(station: records.StationRecord, wanted: records.StationFilter) -> bool:
    """Whether `station` passes every filter of `wanted`."""
    if not matches(station, **wanted.equal()):
        return False
    if wanted.search and wanted.search.lower() not in station.id.lower():
        return False
    return wanted.after is None or station.id > wanted.after
