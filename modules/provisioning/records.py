"""The provisioning block's data as plain frozen dataclasses: what the store takes and returns,
what the queries hand to GraphQL. No ORM object leaves the store."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime
from typing import Any

from modules.kernel.records import ComponentVariable, record_of

DEFAULT_ATTRIBUTE_TYPE = "Actual"


@dataclass(frozen=True, slots=True)
class StationRecord:
    """A charging station as registered and as it last described itself."""

    id: str
    online: bool = False
    registration_status: str | None = None
    vendor_name: str | None = None
    model: str | None = None
    serial_number: str | None = None
    firmware_version: str | None = None
    modem_iccid: str | None = None
    modem_imsi: str | None = None
    security_profile: int = 1
    last_seen_at: datetime | None = None
    last_boot_at: datetime | None = None
    last_boot_reason: str | None = None


@dataclass(frozen=True, slots=True)
class StationFilter:
    """Which stations a listing returns: every filter given must hold; ordered by id, at most
    `first`, after id `after`; `search` is a case-insensitive part of the id, taken literally."""

    first: int
    online: bool | None = None
    registration_status: str | None = None
    vendor_name: str | None = None
    model: str | None = None
    search: str | None = None
    after: str | None = None

    def equal(self) -> dict[str, Any]:
        """The filters a station's field of the same name must equal (None: any value)."""
        return {name: getattr(self, name) for name in _EQUAL_FILTERS}


_EQUAL_FILTERS = ("online", "registration_status", "vendor_name", "model")


@dataclass(frozen=True, slots=True)
class ConnectorRecord:
    """The last reported status of one connector of one EVSE (G01)."""

    station_id: str
    evse_id: int
    connector_id: int
    status: str
    reported_at: datetime | None


@dataclass(frozen=True, slots=True)
class Boot:
    """One answered BootNotification (B01-B03): what the station said and what it was told."""

    station_id: str
    at: datetime
    reason: str
    vendor_name: str
    model: str
    status: str
    interval: int
    serial_number: str | None = None
    firmware_version: str | None = None
    modem_iccid: str | None = None
    modem_imsi: str | None = None

    def station_columns(self) -> dict[str, Any]:
        """What the boot sets on the station's row (its columns, in the order written): what
        the station described, the answer's status, the boot, and that it was seen."""
        described = {name: getattr(self, name) for name in _DESCRIPTION_FIELDS}
        return described | {
            "registration_status": self.status,
            "last_boot_at": self.at,
            "last_boot_reason": self.reason,
            "last_seen_at": self.at,
        }

    def history_entry(self) -> BootRecordView:
        """The boot as its station's boot history lists it."""
        return record_of(BootRecordView, self, booted_at=self.at)


_DESCRIPTION_FIELDS = (
    "vendor_name",
    "model",
    "serial_number",
    "firmware_version",
    "modem_iccid",
    "modem_imsi",
)
"""What a booting station describes of itself (ChargingStationType), as the station's fields."""


@dataclass(frozen=True, slots=True)
class BootInputs:
    """What decides a boot's answer besides the fleet defaults: the station's own policy (if
    any), whether a boot configuration exists and was applied, the heartbeat interval the CSMS
    set for the station (the device model's, B05) and the station's stored
    OCPPCommCtrlr.HeartbeatInterval Actual value."""

    has_policy: bool = False
    policy_status: str | None = None
    policy_interval: int | None = None
    has_configuration: bool = False
    configuration_applied: bool = False
    heartbeat_interval: int | None = None
    reported_heartbeat_interval: str | None = None


@dataclass(frozen=True, slots=True)
class BootPolicyRecord:
    """A station's own boot policy: a status (None: the fleet default) and a retry interval
    override (None: the fleet retry interval)."""

    station_id: str
    status: str | None
    interval: int | None
    updated_at: datetime


@dataclass(frozen=True, slots=True, kw_only=True)
class BootVariable(ComponentVariable):
    """One component-variable attribute a boot configuration sets, and its value."""

    value: str
    attribute_type: str = DEFAULT_ATTRIBUTE_TYPE

    def to_json(self) -> dict[str, Any]:
        """The stored (camelCase) form."""
        return {key: getattr(self, name) for name, key in _JSON_KEYS.items()}

    @classmethod
    def from_json(cls, item: dict[str, Any]) -> BootVariable:
        """From the stored form (a missing attribute type is Actual)."""
        stored: dict[str, Any] = {name: item.get(key) for name, key in _JSON_KEYS.items()}
        stored["attribute_type"] = stored["attribute_type"] or DEFAULT_ATTRIBUTE_TYPE
        return cls(**stored | {"value": str(item["value"])})


_JSON_KEYS = {
    "component": "component",
    "component_instance": "componentInstance",
    "evse_id": "evseId",
    "connector_id": "connectorId",
    "variable": "variable",
    "variable_instance": "variableInstance",
    "attribute_type": "attributeType",
    "value": "value",
}
"""BootVariable's fields -> their keys in the stored form, in its order."""


@dataclass(frozen=True, slots=True)
class BootConfigurationSettings:
    """What the CSMS sets and fetches while a station is Pending (B02)."""

    station_id: str
    variables: tuple[BootVariable, ...]
    fetch_report: bool
    report_base: str


@dataclass(frozen=True, slots=True)
class BootConfigurationRecord(BootConfigurationSettings):
    """A station's boot configuration and where it stands: `applied_at` once everything
    succeeded, `last_error` of the last attempt."""

    applied_at: datetime | None = None
    last_attempt_at: datetime | None = None
    last_error: str | None = None


@dataclass(frozen=True, slots=True)
class BootRecordView:
    """One BootNotification as received, with the status and interval it was answered."""

    station_id: str
    booted_at: datetime
    reason: str
    vendor_name: str
    model: str
    firmware_version: str | None
    status: str
    interval: int


@dataclass(frozen=True, slots=True)
class NetworkProfileRecord:
    """A network connection profile a station accepted in one configuration slot (B09);
    `connection_data` is its camelCase JSON as sent."""

    station_id: str
    configuration_slot: int
    connection_data: dict[str, Any]
    status: str
    updated_at: datetime
