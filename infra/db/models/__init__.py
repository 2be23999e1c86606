"""Tortoise models, one file per block; Tortoise discovers them here (app label `models`)."""

from infra.db.models.authorization import IdToken
from infra.db.models.certificates import CertificateSigningRecord, InstalledCertificateRecord
from infra.db.models.columns import COMPONENT_VARIABLE_COLUMNS, COMPONENT_VARIABLE_RENAMES
from infra.db.models.customer_information import (
    CustomerDataRemoval,
    CustomerInformationPart,
    CustomerInformationRequest,
)
from infra.db.models.data_transfer import DataTransferRecord
from infra.db.models.device_model import (
    DeviceAttribute,
    DeviceModelReport,
    DeviceModelReportPart,
    DeviceVariable,
    StationDeviceState,
)
from infra.db.models.display_messages import (
    DisplayMessage,
    DisplayMessageBroadcast,
    DisplayMessageBroadcastTarget,
    DisplayMessagePart,
    DisplayMessageRequest,
    ReportedDisplayMessage,
)
from infra.db.models.firmware import (
    Firmware,
    FirmwareCampaign,
    FirmwareCampaignStation,
    FirmwareChunk,
    FirmwarePublication,
    FirmwareStatusRecord,
    FirmwareUpdate,
    PublishStatusRecord,
)
from infra.db.models.local_auth_lists import (
    LocalAuthList,
    LocalAuthListEntry,
    LocalAuthListRemoval,
    StationLocalList,
)
from infra.db.models.logs import LogChunk, LogRequest, LogStatusRecord
from infra.db.models.message_log import OcppMessage
from infra.db.models.monitoring import (
    MonitoringReportItem,
    MonitoringReportPart,
    MonitoringReportRequest,
    StationAlertState,
    StationEventData,
    StationMonitor,
    StationMonitoringState,
)
from infra.db.models.operators import ApiTokenRecord, AuditRecord
from infra.db.models.provisioning import (
    BootConfiguration,
    BootRecord,
    ConnectorStatus,
    NetworkProfile,
    Station,
    StationBootPolicy,
)
from infra.db.models.remote_control import RemoteStart
from infra.db.models.reservations import Reservation
from infra.db.models.security import SecurityEvent
from infra.db.models.smart_charging import (
    ChargingLimit,
    ChargingProfile,
    ChargingProfileReportPart,
    ChargingProfileRequest,
    CompositeSchedule,
    EvChargingNeeds,
    EvChargingSchedule,
    Site,
    SitePlanEntry,
    SiteStation,
)
from infra.db.models.tariffs import Tariff, TariffAssignment, TransactionCost
from infra.db.models.transactions import (
    TRANSACTION_RECORD_COLUMNS,
    MeterSample,
    Transaction,
    TransactionEventRecord,
)

__all__ = [
    "COMPONENT_VARIABLE_COLUMNS",
    "COMPONENT_VARIABLE_RENAMES",
    "TRANSACTION_RECORD_COLUMNS",
    "ApiTokenRecord",
    "AuditRecord",
    "BootConfiguration",
    "BootRecord",
    "CertificateSigningRecord",
    "ChargingLimit",
    "ChargingProfile",
    "ChargingProfileReportPart",
    "ChargingProfileRequest",
    "CompositeSchedule",
    "ConnectorStatus",
    "CustomerDataRemoval",
    "CustomerInformationPart",
    "CustomerInformationRequest",
    "DataTransferRecord",
    "DeviceAttribute",
    "DeviceModelReport",
    "DeviceModelReportPart",
    "DeviceVariable",
    "DisplayMessage",
    "DisplayMessageBroadcast",
    "DisplayMessageBroadcastTarget",
    "DisplayMessagePart",
    "DisplayMessageRequest",
    "EvChargingNeeds",
    "EvChargingSchedule",
    "Firmware",
    "FirmwareCampaign",
    "FirmwareCampaignStation",
    "FirmwareChunk",
    "FirmwarePublication",
    "FirmwareStatusRecord",
    "FirmwareUpdate",
    "IdToken",
    "InstalledCertificateRecord",
    "LocalAuthList",
    "LocalAuthListEntry",
    "LocalAuthListRemoval",
    "LogChunk",
    "LogRequest",
    "LogStatusRecord",
    "MeterSample",
    "MonitoringReportItem",
    "MonitoringReportPart",
    "MonitoringReportRequest",
    "NetworkProfile",
    "OcppMessage",
    "PublishStatusRecord",
    "RemoteStart",
    "ReportedDisplayMessage",
    "Reservation",
    "SecurityEvent",
    "Site",
    "SitePlanEntry",
    "SiteStation",
    "Station",
    "StationAlertState",
    "StationBootPolicy",
    "StationDeviceState",
    "StationEventData",
    "StationLocalList",
    "StationMonitor",
    "StationMonitoringState",
    "Tariff",
    "TariffAssignment",
    "Transaction",
    "TransactionCost",
    "TransactionEventRecord",
]
