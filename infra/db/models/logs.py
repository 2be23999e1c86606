"""Tortoise models of the logs block (N01): the GetLog requests the CSMS sent with the file a
station uploaded for each, the file's bytes in chunks, and every LogStatusNotification."""

from __future__ import annotations

from typing import TYPE_CHECKING

from tortoise import fields
from tortoise.models import Model

from infra.db.models.provisioning import station_key

if TYPE_CHECKING:
    from infra.db.models.provisioning import Station


class LogRequest(Model):
    """A GetLog the CSMS sent (N01) under a requestId it allocated: what it asked, how the call
    ended, the station's answer and last LogStatusNotification, and the file the station
    uploaded to the CSMS's own endpoint. `upload_token` is the SHA-256 of the upload URL's
    token (null for a GetLog sent to a location elsewhere, `remote_location`); the upload
    `upload_id` names once complete is the file; `purged_at` is when retention deleted it."""

    id = fields.BigIntField(primary_key=True)
    station: fields.ForeignKeyRelation[Station] = station_key("log_requests")
    request_id = fields.IntField()
    log_type = fields.CharField(max_length=16)
    oldest_timestamp = fields.DatetimeField(null=True)
    latest_timestamp = fields.DatetimeField(null=True)
    retries = fields.IntField(null=True)
    retry_interval = fields.IntField(null=True)
    remote_location = fields.CharField(max_length=512, null=True)
    upload_token = fields.CharField(max_length=64, null=True, unique=True)
    requested_at = fields.DatetimeField()
    outcome = fields.CharField(max_length=16, null=True)
    status = fields.CharField(max_length=20, null=True)
    reason_code = fields.CharField(max_length=20, null=True)
    additional_info = fields.CharField(max_length=512, null=True)
    error_code = fields.CharField(max_length=40, null=True)
    answered_at = fields.DatetimeField(null=True)
    filename = fields.CharField(max_length=255, null=True)
    last_status = fields.CharField(max_length=24, null=True)
    last_status_at = fields.DatetimeField(null=True)
    upload_id = fields.CharField(max_length=36, null=True)
    file_name = fields.CharField(max_length=255, null=True)
    size_bytes = fields.BigIntField(null=True)
    sha256 = fields.CharField(max_length=64, null=True)
    uploaded_at = fields.DatetimeField(null=True)
    purged_at = fields.DatetimeField(null=True)

    class Meta:
        table = "log_request"
        unique_together = (("station", "request_id"),)
        indexes = (("purged_at", "requested_at"),)


class LogChunk(Model):
    """One piece of an uploaded log file, in order (`seq`) within its upload."""

    id = fields.BigIntField(primary_key=True)
    log_request: fields.ForeignKeyRelation[LogRequest] = fields.ForeignKeyField(
        "csms.LogRequest", related_name="chunks", on_delete=fields.CASCADE
    )
    upload_id = fields.CharField(max_length=36)
    seq = fields.IntField()
    data = fields.BinaryField()

    class Meta:
        table = "log_chunk"
        unique_together = (("log_request", "upload_id", "seq"),)


class LogStatusRecord(Model):
    """One LogStatusNotification as received (`request_id` null for an Idle without one)."""

    id = fields.BigIntField(primary_key=True)
    station: fields.ForeignKeyRelation[Station] = station_key("log_statuses")
    request_id = fields.IntField(null=True)
    status = fields.CharField(max_length=24)
    received_at = fields.DatetimeField()

    class Meta:
        table = "log_status"
        indexes = (("station_id", "request_id", "id"),)
