"""GraphQL types of the firmware block (L): the catalogue, updates and publications with their
status timelines, campaigns, and the command results."""

from __future__ import annotations

from datetime import datetime
from enum import Enum
from typing import Any

import strawberry
from ocpp.v201 import enums
from strawberry.types import Info

from graphql_schema.common.commands import CallOutcomeEnum, StatusInfoType
from graphql_schema.common.enums import ocpp_enum
from graphql_schema.common.paging import encode_id_cursor
from graphql_schema.common.records import from_record
from graphql_schema.context import Context
from modules.firmware import (
    SERVED_PATH,
    UPLOAD_PATH,
    CampaignStationView,
    CampaignView,
    Catalogue,
    FirmwareUpdateView,
    FirmwareView,
    PublicationView,
    StationState,
    StatusReport,
)

FIRMWARES_CURSOR = "firmwares"
UPDATES_CURSOR = "firmwareUpdates"
STATUSES_CURSOR = "firmwareStatusNotifications"
PUBLICATIONS_CURSOR = "firmwarePublications"
CAMPAIGNS_CURSOR = "firmwareCampaigns"

FirmwareStatus = ocpp_enum(
    enums.FirmwareStatusEnumType,
    "FirmwareStatus",
    "FirmwareStatusEnumType: a step of a firmware update a station reported (L01/L02).",
)
UpdateFirmwareStatus = ocpp_enum(
    enums.UpdateFirmwareStatusEnumType,
    "UpdateFirmwareStatus",
    "The station's answer to UpdateFirmware.",
)
PublishFirmwareStatus = ocpp_enum(
    enums.PublishFirmwareStatusEnumType,
    "PublishFirmwareStatus",
    "PublishFirmwareStatusEnumType: a step of publishing a firmware file (L03).",
)
UnpublishFirmwareStatus = ocpp_enum(
    enums.UnpublishFirmwareStatusEnumType,
    "UnpublishFirmwareStatus",
    "The local controller's answer to UnpublishFirmware (L04).",
)
GenericStatus = ocpp_enum(
    enums.GenericStatusEnumType, "GenericStatus", "GenericStatusEnumType: Accepted or Rejected."
)


@strawberry.enum(description="Where a firmware campaign stands.")
class FirmwareCampaignStatus(Enum):
    """Running: waves go on; Halted: failures reached the threshold; Completed: every
    station ended; Canceled: by the operator."""

    Running = "Running"
    Halted = "Halted"
    Completed = "Completed"
    Canceled = "Canceled"


@strawberry.enum(description="Where one station of a firmware campaign stands.")
class CampaignStationState(Enum):
    """Pending: not sent yet; Updating: its UpdateFirmware was sent; Succeeded: Installed;
    Failed: a failure status, a refused or unanswered UpdateFirmware, or its timeout."""

    Pending = StationState.PENDING
    Updating = StationState.UPDATING
    Succeeded = StationState.SUCCEEDED
    Failed = StationState.FAILED


def origin_of(info: Info[Context, Any]) -> str:
    """The address the caller reached this node at (scheme://host:port)."""
    return str(info.context.request.url.origin())


@strawberry.type(name="Firmware", description="A firmware in the catalogue (block L).")
class FirmwareType:
    """An external location, or a file the CSMS serves once uploaded."""

    cursor: str = strawberry.field(description="Pass as `after` to read older entries.")
    id: int
    version: str
    served: bool = strawberry.field(description="True when the CSMS serves the file itself.")
    served_token: strawberry.Private[str | None]
    external_location: strawberry.Private[str | None]
    checksum: str | None = strawberry.field(
        description="MD5 of the file (32 hex): computed on upload, or as given for an "
        "external location; PublishFirmware sends it."
    )
    sha256: str | None
    size_bytes: int | None
    signature: str | None
    signing_certificate: str | None
    signed: bool = strawberry.field(description="It has a signature and a signing certificate.")
    description: str | None
    created_at: datetime
    uploaded_at: datetime | None

    @classmethod
    def of(cls, record: FirmwareView) -> FirmwareType:
        """Build from the catalogue entry."""
        return from_record(
            cls,
            record,
            cursor=encode_id_cursor(FIRMWARES_CURSOR, record.id),
            served=record.served,
            signed=record.signed,
            external_location=record.location,
        )

    @strawberry.field(
        description="Where stations fetch it: the external URL, or this CSMS's file URL "
        "(CSMS_FIRMWARE_BASE_URL, else the address this request reached)."
    )
    def location(self, info: Info[Context, Any]) -> str:
        """The URL an UpdateFirmware for it carries."""
        if self.external_location is not None:
            return self.external_location
        catalogue = info.context.services.block(Catalogue)
        return f"{catalogue.base(origin_of(info))}{SERVED_PATH}{self.served_token}"

    @strawberry.field(
        description="For a served entry without its file: the path to PUT the file to "
        "(with the admin bearer token); null otherwise."
    )
    def upload_path(self) -> str | None:
        """Where the operator uploads the file."""
        if not self.served or self.uploaded_at is not None:
            return None
        return f"{UPLOAD_PATH}{self.id}"


@strawberry.input(description="A firmware to add to the catalogue.")
class AddFirmwareInput:
    """Without `location` the CSMS serves the file: upload it to the entry's uploadPath."""

    version: str
    location: str | None = None
    checksum: str | None = None
    signature: str | None = None
    signing_certificate: str | None = None
    description: str | None = None


@strawberry.type(
    name="FirmwareStatusReport",
    description="A FirmwareStatusNotification or PublishFirmwareStatusNotification as received.",
)
class FirmwareStatusReportType:
    """One status on a timeline, in arrival order."""

    cursor: str = strawberry.field(description="Pass as `after` to read older statuses.")
    station_id: strawberry.ID
    request_id: int | None = strawberry.field(description="Null for Idle without a request.")
    status: str
    locations: list[str] = strawberry.field(description="Publishing only: the URIs published.")
    received_at: datetime

    @classmethod
    def of(cls, record: StatusReport) -> FirmwareStatusReportType:
        """Build from the block's record."""
        return from_record(
            cls,
            record,
            cursor=encode_id_cursor(STATUSES_CURSOR, record.id),
            locations=list(record.locations),
        )


@strawberry.type(name="FirmwareUpdate", description="An UpdateFirmware the CSMS sent (L01/L02).")
class FirmwareUpdateType:
    """The request, how the call ended, the station's answer and its status timeline."""

    cursor: str = strawberry.field(description="Pass as `after` to read older updates.")
    station_id: strawberry.ID
    request_id: int
    firmware_id: int | None
    campaign_id: int | None
    location: str
    retrieve_date_time: datetime
    install_date_time: datetime | None
    retries: int | None
    retry_interval: int | None
    signed: bool
    requested_at: datetime
    outcome: CallOutcomeEnum | None = strawberry.field(
        description="How the call ended; null while it is under way."
    )
    status: enums.UpdateFirmwareStatusEnumType | None
    reason_code: str | None
    additional_info: str | None
    error_code: str | None
    answered_at: datetime | None
    last_status: enums.FirmwareStatusEnumType | None
    last_status_at: datetime | None
    superseded_by: int | None = strawberry.field(
        description="The requestId of the update that canceled it (AcceptedCanceled, L01.FR.24)."
    )
    statuses: list[FirmwareStatusReportType] = strawberry.field(
        description="Every FirmwareStatusNotification of this request, in arrival order."
    )
    firmware_version_after: str | None = strawberry.field(
        description="The firmwareVersion of the station's first BootNotification after it "
        "reported InstallRebooting or Installed for this request."
    )
    booted_after_at: datetime | None

    @classmethod
    def of(cls, view: FirmwareUpdateView) -> FirmwareUpdateType:
        """Build from the block's view."""
        return from_record(
            cls,
            view,
            cursor=encode_id_cursor(UPDATES_CURSOR, view.row_id),
            statuses=[FirmwareStatusReportType.of(s) for s in view.statuses],
        )


@strawberry.type(description="How an UpdateFirmware call ended.")
class UpdateFirmwareResult:
    """Outcome; the requestId allocated (null when the station is unknown); with RESULT the
    station's status; the update as stored."""

    outcome: CallOutcomeEnum
    request_id: int | None
    status: enums.UpdateFirmwareStatusEnumType | None
    status_info: StatusInfoType | None
    error_code: str | None
    error_description: str | None
    update: FirmwareUpdateType | None


@strawberry.type(
    name="FirmwarePublication", description="A PublishFirmware the CSMS sent (L03, L04)."
)
class FirmwarePublicationType:
    """The request, the answer, the URIs published at, unpublishing, the status timeline."""

    cursor: str = strawberry.field(description="Pass as `after` to read older publications.")
    station_id: strawberry.ID
    request_id: int
    firmware_id: int | None
    location: str
    checksum: str
    retries: int | None
    retry_interval: int | None
    requested_at: datetime
    outcome: CallOutcomeEnum | None
    status: enums.GenericStatusEnumType | None
    reason_code: str | None
    additional_info: str | None
    error_code: str | None
    answered_at: datetime | None
    last_status: enums.PublishFirmwareStatusEnumType | None
    last_status_at: datetime | None
    published_locations: list[str]
    unpublish_status: enums.UnpublishFirmwareStatusEnumType | None
    unpublished_at: datetime | None
    statuses: list[FirmwareStatusReportType]

    @classmethod
    def of(cls, view: PublicationView) -> FirmwarePublicationType:
        """Build from the block's view."""
        return from_record(
            cls,
            view,
            cursor=encode_id_cursor(PUBLICATIONS_CURSOR, view.row_id),
            published_locations=list(view.published_locations),
            statuses=[FirmwareStatusReportType.of(s) for s in view.statuses],
        )


@strawberry.type(description="How a PublishFirmware call ended.")
class PublishFirmwareResult:
    """Outcome; the requestId allocated; with RESULT the controller's status."""

    outcome: CallOutcomeEnum
    request_id: int | None
    status: enums.GenericStatusEnumType | None
    status_info: StatusInfoType | None
    error_code: str | None
    error_description: str | None
    publication: FirmwarePublicationType | None


@strawberry.type(description="How an UnpublishFirmware call ended.")
class UnpublishFirmwareResult:
    """Outcome; with RESULT the controller's status."""

    outcome: CallOutcomeEnum
    status: enums.UnpublishFirmwareStatusEnumType | None
    error_code: str | None
    error_description: str | None


@strawberry.type(name="FirmwareCampaignStation", description="One station of a campaign.")
class FirmwareCampaignStationType:
    """Its state and, once sent, its latest UpdateFirmware of the campaign."""

    station_id: strawberry.ID
    state: CampaignStationState
    wave: int | None
    started_at: datetime | None
    finished_at: datetime | None
    failure_reason: str | None = strawberry.field(
        description="A failure status, the refusing answer, OFFLINE / TIMEOUT / CALL_ERROR, "
        "Timeout (stationTimeoutSeconds passed) or Superseded."
    )
    request_id: int | None
    outcome: CallOutcomeEnum | None
    status: enums.UpdateFirmwareStatusEnumType | None
    last_status: enums.FirmwareStatusEnumType | None
    last_status_at: datetime | None

    @classmethod
    def of(cls, view: CampaignStationView) -> FirmwareCampaignStationType:
        """Build from the block's view."""
        return from_record(cls, view)


@strawberry.type(name="FirmwareCampaign", description="A firmware rolled out in waves.")
class FirmwareCampaignType:
    """The campaign's settings, state, totals and stations."""

    cursor: str = strawberry.field(description="Pass as `after` to read older campaigns.")
    id: int
    name: str
    firmware_id: int
    version: str
    location: str
    signed: bool
    retries: int | None
    retry_interval: int | None
    install_date_time: datetime | None
    max_concurrent: int
    wave_pause_seconds: float
    max_failures: int | None
    max_failure_fraction: float | None
    station_timeout_seconds: float
    status: FirmwareCampaignStatus
    active: bool = strawberry.field(description="The runner still follows it.")
    halted_reason: str | None
    wave: int = strawberry.field(description="The number of waves started.")
    next_wave_at: datetime | None
    created_at: datetime
    finished_at: datetime | None
    lease_owner: str | None = strawberry.field(description="The node running it now.")
    total: int
    pending: int
    updating: int
    succeeded: int
    failed: int
    stations: list[FirmwareCampaignStationType]

    @classmethod
    def of(cls, view: CampaignView) -> FirmwareCampaignType:
        """Build from the block's view."""
        return from_record(
            cls,
            view,
            cursor=encode_id_cursor(CAMPAIGNS_CURSOR, view.id),
            signed=view.signature is not None,
            wave_pause_seconds=view.wave_pause,
            station_timeout_seconds=view.station_timeout,
            total=len(view.stations),
            pending=view.count(StationState.PENDING),
            updating=view.count(StationState.UPDATING),
            succeeded=view.count(StationState.SUCCEEDED),
            failed=view.count(StationState.FAILED),
            stations=[FirmwareCampaignStationType.of(s) for s in view.stations],
        )


@strawberry.input(description="A firmware campaign to start.")
class CreateFirmwareCampaignInput:
    """The firmware, the stations (a list, or vendorName and/or model), the rollout rate and
    the failure threshold."""

    name: str
    firmware_id: int
    station_ids: list[strawberry.ID] | None = None
    vendor_name: str | None = None
    model: str | None = None
    max_concurrent: int = 1
    wave_pause_seconds: float = 0.0
    max_failures: int | None = None
    max_failure_fraction: float | None = None
    station_timeout_seconds: float = 3600.0
    retries: int | None = None
    retry_interval: int | None = None
    install_date_time: datetime | None = None
    signed: bool | None = None
