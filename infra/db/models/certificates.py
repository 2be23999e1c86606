"""Tortoise models of the certificates block (A02/A03, M03-M05): the certificates each
station holds and the certificate signings (CSRs and the certificates issued for them)."""

from __future__ import annotations

from typing import TYPE_CHECKING

from tortoise import fields
from tortoise.models import Model

from infra.db.models.provisioning import station_key

if TYPE_CHECKING:
    from infra.db.models.provisioning import Station


class InstalledCertificateRecord(Model):
    """A certificate a station holds, keyed by its OCPP hash data, with subject and expiry when
    the CSMS saw the certificate itself."""

    id = fields.BigIntField(primary_key=True)
    station: fields.ForeignKeyRelation[Station] = station_key("installed_certificates")
    certificate_type = fields.CharField(max_length=32)
    hash_algorithm = fields.CharField(max_length=8)
    issuer_name_hash = fields.CharField(max_length=128)
    issuer_key_hash = fields.CharField(max_length=128)
    serial_number = fields.CharField(max_length=40)
    subject = fields.TextField(null=True)
    expires_at = fields.DatetimeField(null=True)
    source = fields.CharField(max_length=10)
    updated_at = fields.DatetimeField()

    class Meta:
        table = "installed_certificate"
        unique_together = (
            (
                "station_id",
                "hash_algorithm",
                "issuer_name_hash",
                "issuer_key_hash",
                "serial_number",
            ),
        )
        indexes = (("expires_at",),)


class CertificateSigningRecord(Model):
    """One certificate signing: the CSR (none for an operator's CertificateSigned), where it
    stands, and the certificate issued."""

    id = fields.BigIntField(primary_key=True)
    station: fields.ForeignKeyRelation[Station] = station_key("certificate_signings")
    certificate_type = fields.CharField(max_length=32)
    csr = fields.TextField(null=True)
    status = fields.CharField(max_length=12)
    problem = fields.TextField(null=True)
    serial_number = fields.CharField(max_length=40, null=True)
    certificate_chain = fields.TextField(null=True)
    expires_at = fields.DatetimeField(null=True)
    error_code = fields.CharField(max_length=40, null=True)
    requested_at = fields.DatetimeField()
    updated_at = fields.DatetimeField()

    class Meta:
        table = "certificate_signing"
        indexes = (("station_id", "id"),)
