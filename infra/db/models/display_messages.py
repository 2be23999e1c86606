"""Tortoise models of block O (display messages): the CSMS's record of each station's
messages, the station's catalogue as it last reported it, the GetDisplayMessages requests,
and the fleet-wide messages with their per-station outcomes."""

from __future__ import annotations

from typing import TYPE_CHECKING

from tortoise import fields
from tortoise.models import Model

from infra.db.models.provisioning import station_key

if TYPE_CHECKING:
    from infra.db.models.provisioning import Station


class MessageInfoColumns(Model):
    """A MessageInfoType as columns: its id, priority, state, times, transaction, content
    (format, language, text) and the display component it is shown on (absent parts null)."""

    message_id = fields.IntField()
    priority = fields.CharField(max_length=12)
    state = fields.CharField(max_length=12, null=True)
    start_date_time = fields.DatetimeField(null=True)
    end_date_time = fields.DatetimeField(null=True)
    transaction_id = fields.CharField(max_length=36, null=True)
    format = fields.CharField(max_length=5)
    language = fields.CharField(max_length=8, null=True)
    content = fields.CharField(max_length=512)
    display_component = fields.CharField(max_length=50, null=True)
    display_instance = fields.CharField(max_length=50, null=True)
    display_evse_id = fields.IntField(null=True)
    display_connector_id = fields.IntField(null=True)

    class Meta:
        abstract = True


class DisplayMessage(MessageInfoColumns):
    """One message id of a station as the CSMS knows it (O01/O02/O06): the message it set (or
    the station reported), where it stands (`presence`), and the station's answer to the last
    SetDisplayMessage for the id."""

    id = fields.BigIntField(primary_key=True)
    station: fields.ForeignKeyRelation[Station] = station_key("display_messages")
    presence = fields.CharField(max_length=20)
    status = fields.CharField(max_length=28, null=True)
    status_reason = fields.CharField(max_length=20, null=True)
    outcome = fields.CharField(max_length=10, null=True)
    error_code = fields.CharField(max_length=40, null=True)
    requested_at = fields.DatetimeField(null=True)
    answered_at = fields.DatetimeField(null=True)
    believed_since = fields.DatetimeField(null=True)
    confirmed_at = fields.DatetimeField(null=True)
    removed_at = fields.DatetimeField(null=True)
    updated_at = fields.DatetimeField()

    class Meta:
        table = "display_message"
        unique_together = (("station", "message_id"),)


class ReportedDisplayMessage(MessageInfoColumns):
    """One message of a station's catalogue as the station last reported it in a
    NotifyDisplayMessages (O03/O04), with the requestId it came under."""

    id = fields.BigIntField(primary_key=True)
    station: fields.ForeignKeyRelation[Station] = station_key("reported_display_messages")
    request_id = fields.IntField()
    reported_at = fields.DatetimeField()

    class Meta:
        table = "reported_display_message"
        unique_together = (("station", "message_id"),)


class DisplayMessageRequest(Model):
    """A GetDisplayMessages request (O03/O04) by requestId: its filters, the station's answer,
    the NotifyDisplayMessages parts received and when the last one (tbc false) arrived."""

    id = fields.BigIntField(primary_key=True)
    station: fields.ForeignKeyRelation[Station] = station_key("display_message_requests")
    request_id = fields.IntField()
    ids: fields.JSONField[list[int]] = fields.JSONField(null=True)
    priority = fields.CharField(max_length=12, null=True)
    state = fields.CharField(max_length=12, null=True)
    requested_at = fields.DatetimeField(null=True)
    outcome = fields.CharField(max_length=10, null=True)
    status = fields.CharField(max_length=8, null=True)
    status_reason = fields.CharField(max_length=20, null=True)
    error_code = fields.CharField(max_length=40, null=True)
    parts = fields.IntField(default=0)
    messages = fields.IntField(default=0)
    last_part_at = fields.DatetimeField(null=True)
    completed_at = fields.DatetimeField(null=True)

    class Meta:
        table = "display_message_request"
        unique_together = (("station", "request_id"),)


class DisplayMessagePart(Model):
    """One NotifyDisplayMessages part received for a request (O03/O04). The message has no
    seqNo: `part_key` (a 64-bit digest of its message ids and tbc) tells it from the request's
    other parts, and the unique index refuses a resent part."""

    id = fields.BigIntField(primary_key=True)
    request: fields.ForeignKeyRelation[DisplayMessageRequest] = fields.ForeignKeyField(
        "csms.DisplayMessageRequest", related_name="received_parts", on_delete=fields.CASCADE
    )
    part_key = fields.BigIntField()
    received_at = fields.DatetimeField()

    class Meta:
        table = "display_message_part"
        unique_together = (("request", "part_key"),)


class DisplayMessageBroadcast(Model):
    """A message sent to a set of stations: the message (MessageInfoType JSON without its id),
    the id it was given (null: each station's own allocated id), who it went to, progress."""

    id = fields.BigIntField(primary_key=True)
    message: fields.JSONField[dict[str, object]] = fields.JSONField()
    message_id = fields.IntField(null=True)
    audience = fields.CharField(max_length=8)
    concurrency = fields.IntField()
    status = fields.CharField(max_length=12)
    total = fields.IntField()
    created_at = fields.DatetimeField()
    finished_at = fields.DatetimeField(null=True)

    class Meta:
        table = "display_message_broadcast"


class DisplayMessageBroadcastTarget(Model):
    """One station of a fleet-wide message and how its SetDisplayMessage went. `station_id`
    is not a key: a listed id the CSMS does not know is recorded as such."""

    id = fields.BigIntField(primary_key=True)
    broadcast: fields.ForeignKeyRelation[DisplayMessageBroadcast] = fields.ForeignKeyField(
        "csms.DisplayMessageBroadcast", related_name="targets", on_delete=fields.CASCADE
    )
    station_id = fields.CharField(max_length=48)
    outcome = fields.CharField(max_length=16)
    status = fields.CharField(max_length=28, null=True)
    message_id = fields.IntField(null=True)
    problem = fields.TextField(null=True)
    finished_at = fields.DatetimeField(null=True)

    class Meta:
        table = "display_message_broadcast_target"
        unique_together = (("broadcast", "station_id"),)
