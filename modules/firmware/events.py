"""Events of the firmware block (camelCase payload keys on the events topic)."""

from __future__ import annotations

from modules.kernel.events import Event, event
from modules.kernel.ocpp_parts import Answered


@event("FIRMWARE_UPDATE_ANSWERED")
class FirmwareUpdateAnswered(Answered):
    """L01/L02: the station answered an UpdateFirmware (Accepted, Rejected, AcceptedCanceled,
    InvalidCertificate, RevokedCertificate)."""

    request_id: int
    location: str
    signed: bool


@event("FIRMWARE_STATUS")
class FirmwareStatusReported(Event):
    """L01.FR.01/L02.FR.01: a FirmwareStatusNotification was stored (`request_id` null for an
    Idle status without one)."""

    status: str
    request_id: int | None = None


@event("FIRMWARE_PUBLISH_ANSWERED")
class FirmwarePublishAnswered(Answered):
    """L03.FR.05: the local controller answered a PublishFirmware."""

    request_id: int
    location: str
    checksum: str


@event("PUBLISH_FIRMWARE_STATUS")
class PublishFirmwareStatusReported(Event):
    """L03.FR.01: a PublishFirmwareStatusNotification was stored (with the URIs of Published)."""

    status: str
    request_id: int | None = None
    locations: tuple[str, ...] = ()


@event("FIRMWARE_UNPUBLISH_ANSWERED")
class FirmwareUnpublishAnswered(Event):
    """L04: the local controller answered an UnpublishFirmware (Unpublished, NoFirmware,
    DownloadOngoing)."""

    checksum: str
    status: str


@event("FIRMWARE_CAMPAIGN_PROGRESS")
class FirmwareCampaignProgress(Event):
    """A station of a firmware campaign started updating or ended (Succeeded / Failed), with
    the campaign's status and totals after it."""

    campaign_id: int
    campaign_status: str
    state: str
    failure_reason: str | None = None
    pending: int = 0
    updating: int = 0
    succeeded: int = 0
    failed: int = 0
