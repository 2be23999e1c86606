"""Tortoise models of block N (N09/N10): customer-information requests, their parts, and the
audit of what the CSMS removed about customers."""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from tortoise import fields
from tortoise.models import Model

from infra.db.models.provisioning import station_key

if TYPE_CHECKING:
    from infra.db.models.provisioning import Station


class CustomerInformationRequest(Model):
    """A CustomerInformationRequest of a station by requestId (N09/N10) and the station's
    answer; `report` and `clear` are null for a request this CSMS has no record of asking
    (its parts came first)."""

    id = fields.BigIntField(primary_key=True)
    station: fields.ForeignKeyRelation[Station] = station_key("customer_information_requests")
    request_id = fields.IntField()
    report = fields.BooleanField(null=True)
    clear = fields.BooleanField(null=True)
    id_token = fields.CharField(max_length=36, null=True)
    id_token_type = fields.CharField(max_length=20, null=True)
    customer_identifier = fields.CharField(max_length=64, null=True)
    customer_certificate: fields.JSONField[dict[str, Any] | None] = fields.JSONField(null=True)
    clear_csms_data = fields.BooleanField(default=False)
    requested_at = fields.DatetimeField(null=True)
    outcome = fields.CharField(max_length=10, null=True)
    status = fields.CharField(max_length=10, null=True)
    reason_code = fields.CharField(max_length=20, null=True)
    additional_info = fields.CharField(max_length=512, null=True)
    error_code = fields.CharField(max_length=40, null=True)
    answered_at = fields.DatetimeField(null=True)
    final_seq_no = fields.IntField(null=True)
    last_part_at = fields.DatetimeField(null=True)
    completed_at = fields.DatetimeField(null=True)

    class Meta:
        table = "customer_information_request"
        unique_together = (("station", "request_id"),)


class CustomerInformationPart(Model):
    """One NotifyCustomerInformation part as received (a repeated seqNo is stored once)."""

    id = fields.BigIntField(primary_key=True)
    request: fields.ForeignKeyRelation[CustomerInformationRequest] = fields.ForeignKeyField(
        "csms.CustomerInformationRequest", related_name="parts", on_delete=fields.CASCADE
    )
    seq_no = fields.IntField()
    tbc = fields.BooleanField()
    data = fields.TextField()
    generated_at = fields.DatetimeField()
    received_at = fields.DatetimeField()

    class Meta:
        table = "customer_information_part"
        unique_together = (("request", "seq_no"),)


class CustomerDataRemoval(Model):
    """Audit: what the CSMS removed about a customer, for whom, when and at whose request
    (kept when the station goes: no foreign key)."""

    id = fields.BigIntField(primary_key=True)
    station_id = fields.CharField(max_length=48)
    request_id = fields.IntField()
    id_token = fields.CharField(max_length=36, null=True)
    id_token_type = fields.CharField(max_length=20, null=True)
    customer_identifier = fields.CharField(max_length=64, null=True)
    customer_certificate: fields.JSONField[dict[str, Any] | None] = fields.JSONField(null=True)
    removed: fields.JSONField[list[str]] = fields.JSONField()
    actor = fields.CharField(max_length=64)
    client_address = fields.CharField(max_length=64, null=True)
    requested_by = fields.CharField(max_length=255, null=True)
    removed_at = fields.DatetimeField()

    class Meta:
        table = "customer_data_removal"
