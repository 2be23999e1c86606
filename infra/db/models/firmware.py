"""Tortoise models of block L: the firmware catalogue and the files the CSMS serves, firmware
updates and publications with their status timelines, and firmware campaigns."""

from __future__ import annotations

from typing import TYPE_CHECKING

from tortoise import fields
from tortoise.models import Model

from infra.db.models.provisioning import station_key

if TYPE_CHECKING:
    from infra.db.models.provisioning import Station


class Firmware(Model):
    """A catalogue entry: a firmware version at an external `location`, or a file the CSMS
    serves under the unguessable `served_token` (its bytes in `firmware_chunk`, the upload
    `upload_id` names once complete), with the signature and signing certificate of signed
    firmware (L01)."""

    id = fields.IntField(primary_key=True)
    version = fields.CharField(max_length=50)
    location = fields.CharField(max_length=512, null=True)
    served_token = fields.CharField(max_length=64, null=True, unique=True)
    checksum = fields.CharField(max_length=32, null=True)
    sha256 = fields.CharField(max_length=64, null=True)
    size_bytes = fields.BigIntField(null=True)
    signature = fields.CharField(max_length=800, null=True)
    signing_certificate = fields.TextField(null=True)
    description = fields.CharField(max_length=255, null=True)
    upload_id = fields.CharField(max_length=36, null=True)
    created_at = fields.DatetimeField()
    uploaded_at = fields.DatetimeField(null=True)

    class Meta:
        table = "firmware"


class FirmwareChunk(Model):
    """One piece of an uploaded firmware file, in order (`seq`) within its upload."""

    id = fields.BigIntField(primary_key=True)
    firmware: fields.ForeignKeyRelation[Firmware] = fields.ForeignKeyField(
        "csms.Firmware", related_name="chunks", on_delete=fields.CASCADE
    )
    upload_id = fields.CharField(max_length=36)
    seq = fields.IntField()
    data = fields.BinaryField()

    class Meta:
        table = "firmware_chunk"
        unique_together = (("firmware", "upload_id", "seq"),)


class FirmwareUpdate(Model):
    """An UpdateFirmware the CSMS sent (L01/L02) under a requestId it allocated, how the call
    ended, the station's answer, and its last FirmwareStatusNotification."""

    id = fields.BigIntField(primary_key=True)
    station: fields.ForeignKeyRelation[Station] = station_key("firmware_updates")
    request_id = fields.IntField()
    firmware_id = fields.IntField(null=True)
    campaign_id = fields.IntField(null=True)
    location = fields.CharField(max_length=512)
    retrieve_date_time = fields.DatetimeField()
    install_date_time = fields.DatetimeField(null=True)
    retries = fields.IntField(null=True)
    retry_interval = fields.IntField(null=True)
    signed = fields.BooleanField(default=False)
    requested_at = fields.DatetimeField()
    outcome = fields.CharField(max_length=16, null=True)
    status = fields.CharField(max_length=24, null=True)
    reason_code = fields.CharField(max_length=20, null=True)
    additional_info = fields.CharField(max_length=512, null=True)
    error_code = fields.CharField(max_length=40, null=True)
    answered_at = fields.DatetimeField(null=True)
    last_status = fields.CharField(max_length=32, null=True)
    last_status_at = fields.DatetimeField(null=True)
    superseded_by = fields.IntField(null=True)

    class Meta:
        table = "firmware_update"
        unique_together = (("station", "request_id"),)
        indexes = (("campaign_id", "station_id"),)


class FirmwareStatusRecord(Model):
    """One FirmwareStatusNotification as received (`request_id` null for an Idle without one)."""

    id = fields.BigIntField(primary_key=True)
    station: fields.ForeignKeyRelation[Station] = station_key("firmware_statuses")
    request_id = fields.IntField(null=True)
    status = fields.CharField(max_length=32)
    received_at = fields.DatetimeField()

    class Meta:
        table = "firmware_status"
        indexes = (("station_id", "request_id", "id"),)


class FirmwarePublication(Model):
    """A PublishFirmware the CSMS sent to a local controller (L03), its answer, its last
    PublishFirmwareStatusNotification with the URIs it published, and its unpublishing (L04)."""

    id = fields.BigIntField(primary_key=True)
    station: fields.ForeignKeyRelation[Station] = station_key("firmware_publications")
    request_id = fields.IntField()
    firmware_id = fields.IntField(null=True)
    location = fields.CharField(max_length=512)
    checksum = fields.CharField(max_length=32)
    retries = fields.IntField(null=True)
    retry_interval = fields.IntField(null=True)
    requested_at = fields.DatetimeField()
    outcome = fields.CharField(max_length=16, null=True)
    status = fields.CharField(max_length=16, null=True)
    reason_code = fields.CharField(max_length=20, null=True)
    additional_info = fields.CharField(max_length=512, null=True)
    error_code = fields.CharField(max_length=40, null=True)
    answered_at = fields.DatetimeField(null=True)
    last_status = fields.CharField(max_length=24, null=True)
    last_status_at = fields.DatetimeField(null=True)
    published_locations: fields.JSONField[list[str]] = fields.JSONField(default=list)
    unpublish_status = fields.CharField(max_length=24, null=True)
    unpublished_at = fields.DatetimeField(null=True)

    class Meta:
        table = "firmware_publication"
        unique_together = (("station", "request_id"),)


class PublishStatusRecord(Model):
    """One PublishFirmwareStatusNotification as received, with the URIs it carried."""

    id = fields.BigIntField(primary_key=True)
    station: fields.ForeignKeyRelation[Station] = station_key("publish_statuses")
    request_id = fields.IntField(null=True)
    status = fields.CharField(max_length=24)
    locations: fields.JSONField[list[str]] = fields.JSONField(default=list)
    received_at = fields.DatetimeField()

    class Meta:
        table = "publish_firmware_status"
        indexes = (("station_id", "request_id", "id"),)


class FirmwareCampaign(Model):
    """A rollout of one firmware to a set of stations in waves of at most `max_concurrent`,
    `wave_pause` seconds apart, halted once failures reach a threshold. The location and
    signature are copied from the catalogue when it is created. `active` stays true while the
    runner has something to do (running, or stations still updating after a halt). The node
    named in `lease_owner` runs it until `lease_until`."""

    id = fields.IntField(primary_key=True)
    name = fields.CharField(max_length=100)
    firmware_id = fields.IntField()
    version = fields.CharField(max_length=50)
    location = fields.CharField(max_length=512)
    signature = fields.CharField(max_length=800, null=True)
    signing_certificate = fields.TextField(null=True)
    retries = fields.IntField(null=True)
    retry_interval = fields.IntField(null=True)
    install_date_time = fields.DatetimeField(null=True)
    max_concurrent = fields.IntField()
    wave_pause = fields.FloatField()
    max_failures = fields.IntField(null=True)
    max_failure_fraction = fields.FloatField(null=True)
    station_timeout = fields.FloatField()
    status = fields.CharField(max_length=16)
    active = fields.BooleanField(default=True)
    halted_reason = fields.CharField(max_length=255, null=True)
    wave = fields.IntField(default=0)
    next_wave_at = fields.DatetimeField(null=True)
    created_at = fields.DatetimeField()
    finished_at = fields.DatetimeField(null=True)
    lease_owner = fields.CharField(max_length=64, null=True)
    lease_until = fields.DatetimeField(null=True)

    class Meta:
        table = "firmware_campaign"
        indexes = (("active", "id"),)


class FirmwareCampaignStation(Model):
    """One station of a campaign: Pending, Updating (its UpdateFirmware is the campaign's
    latest `firmware_update` row for it), Succeeded or Failed (`failure_reason`)."""

    id = fields.BigIntField(primary_key=True)
    campaign: fields.ForeignKeyRelation[FirmwareCampaign] = fields.ForeignKeyField(
        "csms.FirmwareCampaign", related_name="stations", on_delete=fields.CASCADE
    )
    station: fields.ForeignKeyRelation[Station] = station_key("firmware_campaigns")
    state = fields.CharField(max_length=16)
    wave = fields.IntField(null=True)
    started_at = fields.DatetimeField(null=True)
    finished_at = fields.DatetimeField(null=True)
    failure_reason = fields.CharField(max_length=64, null=True)

    class Meta:
        table = "firmware_campaign_station"
        unique_together = (("campaign", "station"),)
