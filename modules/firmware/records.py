"""Plain records of the firmware block, returned by its store and handed on by its queries."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime

SERVED_PATH = "/firmware/files/"
"""Where a node serves catalogue files: this path, then the entry's token."""

UPLOAD_PATH = "/firmware/"
"""Where an operator uploads a catalogue entry's file: this path, then the entry's id."""


@dataclass(frozen=True, slots=True, kw_only=True)
class NewFirmware:
    """A catalogue entry to add: an external `location`, or a `served_token` under which the
    CSMS will serve the file the operator uploads."""

    version: str
    location: str | None
    served_token: str | None
    checksum: str | None
    signature: str | None
    signing_certificate: str | None
    description: str | None
    created_at: datetime


@dataclass(frozen=True, slots=True, kw_only=True)
class FirmwareView(NewFirmware):
    """A catalogue entry as stored; a served one has its size and hashes once uploaded."""

    id: int
    sha256: str | None
    size_bytes: int | None
    uploaded_at: datetime | None

    @property
    def served(self) -> bool:
        """True when the CSMS serves the file itself."""
        return self.served_token is not None

    @property
    def ready(self) -> bool:
        """True when a station can fetch it: external, or served and uploaded."""
        return not self.served or self.uploaded_at is not None

    @property
    def signed(self) -> bool:
        """True when it carries a signature and a signing certificate (L01)."""
        return self.signature is not None and self.signing_certificate is not None

    def location_under(self, base_url: str) -> str:
        """Where a station fetches it: the external location, or this node's file URL."""
        if self.location is not None:
            return self.location
        return f"{base_url.rstrip('/')}{SERVED_PATH}{self.served_token}"


@dataclass(frozen=True, slots=True)
class ServedFile:
    """An uploaded catalogue file: which upload holds its chunks, and its size and hash."""

    firmware_id: int
    upload_id: str
    version: str
    size_bytes: int
    sha256: str


@dataclass(frozen=True, slots=True)
class UploadedFile:
    """What an upload measured: size, SHA-256 and MD5 (the OCPP checksum), hex."""

    size_bytes: int
    sha256: str
    checksum: str


@dataclass(frozen=True, slots=True, kw_only=True)
class StatusReport:
    """One FirmwareStatusNotification or PublishFirmwareStatusNotification, in arrival order
    (`id`); `locations` only for publishing."""

    id: int
    station_id: str
    request_id: int | None
    status: str
    received_at: datetime
    locations: tuple[str, ...] = ()


@dataclass(frozen=True, slots=True, kw_only=True)
class Answer:
    """How a CSMS call ended (`outcome`) and, when the station answered, its status."""

    outcome: str
    status: str | None = None
    reason_code: str | None = None
    additional_info: str | None = None
    error_code: str | None = None


@dataclass(frozen=True, slots=True, kw_only=True)
class UpdateRequest:
    """An UpdateFirmware as recorded before it is sent (L01/L02)."""

    location: str
    retrieve_date_time: datetime
    install_date_time: datetime | None
    retries: int | None
    retry_interval: int | None
    signed: bool
    firmware_id: int | None
    campaign_id: int | None
    requested_at: datetime


@dataclass(frozen=True, slots=True, kw_only=True)
class FirmwareUpdateView(UpdateRequest):
    """An UpdateFirmware, how it went, and its status timeline. `firmware_version_after` is
    the firmwareVersion of the station's first BootNotification after it reported
    InstallRebooting or Installed for it (null until then)."""

    row_id: int
    station_id: str
    request_id: int
    outcome: str | None
    status: str | None
    reason_code: str | None
    additional_info: str | None
    error_code: str | None
    answered_at: datetime | None
    last_status: str | None
    last_status_at: datetime | None
    superseded_by: int | None
    statuses: tuple[StatusReport, ...] = ()
    firmware_version_after: str | None = None
    booted_after_at: datetime | None = None


@dataclass(frozen=True, slots=True, kw_only=True)
class PublishRequest:
    """A PublishFirmware as recorded before it is sent (L03)."""

    location: str
    checksum: str
    retries: int | None
    retry_interval: int | None
    firmware_id: int | None
    requested_at: datetime


@dataclass(frozen=True, slots=True, kw_only=True)
class PublicationView(PublishRequest):
    """A PublishFirmware, how it went, the URIs the local controller published it at, its
    unpublishing (L04), and its status timeline."""

    row_id: int
    station_id: str
    request_id: int
    outcome: str | None
    status: str | None
    reason_code: str | None
    additional_info: str | None
    error_code: str | None
    answered_at: datetime | None
    last_status: str | None
    last_status_at: datetime | None
    published_locations: tuple[str, ...]
    unpublish_status: str | None
    unpublished_at: datetime | None
    statuses: tuple[StatusReport, ...] = ()


class CampaignStatus:
    """A campaign's status: Running (waves go on), Halted (failures reached the threshold),
    Completed (every station succeeded or failed), Canceled (by the operator)."""

    RUNNING = "Running"
    HALTED = "Halted"
    COMPLETED = "Completed"
    CANCELED = "Canceled"


class StationState:
    """A campaign station's state: Pending, Updating (its UpdateFirmware was sent or is being
    sent), Succeeded (Installed) or Failed."""

    PENDING = "Pending"
    UPDATING = "Updating"
    SUCCEEDED = "Succeeded"
    FAILED = "Failed"


@dataclass(frozen=True, slots=True, kw_only=True)
class CampaignPlan:
    """A campaign as created: the firmware (its location and signature copied from the
    catalogue), the UpdateFirmware arguments, the rollout rate and the failure threshold."""

    name: str
    firmware_id: int
    version: str
    location: str
    signature: str | None
    signing_certificate: str | None
    retries: int | None
    retry_interval: int | None
    install_date_time: datetime | None
    max_concurrent: int
    wave_pause: float
    max_failures: int | None
    max_failure_fraction: float | None
    station_timeout: float
    created_at: datetime


@dataclass(frozen=True, slots=True, kw_only=True)
class CampaignStationView:
    """One station of a campaign and, once sent, its latest UpdateFirmware of the campaign."""

    station_id: str
    state: str
    wave: int | None
    started_at: datetime | None
    finished_at: datetime | None
    failure_reason: str | None
    request_id: int | None = None
    requested_at: datetime | None = None
    outcome: str | None = None
    status: str | None = None
    last_status: str | None = None
    last_status_at: datetime | None = None
    superseded_by: int | None = None


@dataclass(frozen=True, slots=True, kw_only=True)
class CampaignView(CampaignPlan):
    """A campaign as stored, with its stations in the order they are rolled out."""

    id: int
    status: str
    active: bool
    halted_reason: str | None
    wave: int
    next_wave_at: datetime | None
    finished_at: datetime | None
    lease_owner: str | None
    lease_until: datetime | None
    stations: tuple[CampaignStationView, ...] = ()

    def count(self, state: str) -> int:
        """How many of its stations are in `state`."""
        return sum(1 for station in self.stations if station.state == state)
