"""Firmware management (OCPP 2.0.1 block L): L01-L04 and firmware campaigns.

Keeps a catalogue of firmware (external URLs, or files the CSMS serves itself over HTTP under
an unguessable path, with the signature and signing certificate of signed firmware). Sends
UpdateFirmware (L01 signed, L02 unsigned) under a requestId it allocates and records before
sending, stores the answer and every FirmwareStatusNotification as the update's timeline, and
reads the firmware version the station reports in its next BootNotification (stored by
provisioning). Sends PublishFirmware / UnpublishFirmware to local controllers (L03/L04) and
stores their PublishFirmwareStatusNotifications. Rolls a firmware out to many stations in
campaigns: waves of at most N stations, a pause between waves, halted at a failure threshold,
run by one api node at a time under a lease in the database, resumed after a restart.
"""

from modules.firmware.campaigns import CampaignRunner, Campaigns
from modules.firmware.catalogue import Catalogue, Target, UploadRefused
from modules.firmware.commands import (
    FirmwarePublications,
    FirmwareUpdates,
    PublishOutcome,
    UpdateOutcome,
    publish_firmware,
    unpublish_firmware,
    update_firmware,
)
from modules.firmware.events import (
    FirmwareCampaignProgress,
    FirmwarePublishAnswered,
    FirmwareStatusReported,
    FirmwareUnpublishAnswered,
    FirmwareUpdateAnswered,
    PublishFirmwareStatusReported,
)
from modules.firmware.module import build_module
from modules.firmware.queries import FirmwareQueries
from modules.firmware.records import (
    SERVED_PATH,
    UPLOAD_PATH,
    CampaignStationView,
    CampaignStatus,
    CampaignView,
    FirmwareUpdateView,
    FirmwareView,
    PublicationView,
    ServedFile,
    StationState,
    StatusReport,
)
from modules.firmware.store import FirmwareStore, SqlFirmwareStore

__all__ = [
    "SERVED_PATH",
    "UPLOAD_PATH",
    "CampaignRunner",
    "CampaignStationView",
    "CampaignStatus",
    "CampaignView",
    "Campaigns",
    "Catalogue",
    "FirmwareCampaignProgress",
    "FirmwarePublications",
    "FirmwarePublishAnswered",
    "FirmwareQueries",
    "FirmwareStatusReported",
    "FirmwareStore",
    "FirmwareUnpublishAnswered",
    "FirmwareUpdateAnswered",
    "FirmwareUpdateView",
    "FirmwareUpdates",
    "FirmwareView",
    "PublicationView",
    "PublishFirmwareStatusReported",
    "PublishOutcome",
    "ServedFile",
    "SqlFirmwareStore",
    "StationState",
    "StatusReport",
    "Target",
    "UpdateOutcome",
    "UploadRefused",
    "build_module",
    "publish_firmware",
    "unpublish_firmware",
    "update_firmware",
]
