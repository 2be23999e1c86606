"""Tortoise models of API access: API tokens and the audit log."""

from __future__ import annotations

from tortoise import fields
from tortoise.models import Model


class ApiTokenRecord(Model):
    """An operator's API token: its name, role and the SHA-256 digest of its secret (the secret
    itself is never stored); `revoked_at` set once it is revoked."""

    id = fields.BigIntField(primary_key=True)
    name = fields.CharField(max_length=100)
    role = fields.CharField(max_length=10)
    digest = fields.CharField(max_length=64, unique=True)
    created_at = fields.DatetimeField()
    created_by = fields.CharField(max_length=100)
    revoked_at = fields.DatetimeField(null=True)

    class Meta:
        table = "api_token"


class AuditRecord(Model):
    """One command or change an API caller made: the token (none for the bootstrap admin)
    and its name, the GraphQL field, the station it addressed, the outcome, when."""

    id = fields.BigIntField(primary_key=True)
    token_id = fields.BigIntField(null=True)
    actor = fields.CharField(max_length=100)
    action = fields.CharField(max_length=64)
    station_id = fields.CharField(max_length=255, null=True)
    outcome = fields.CharField(max_length=40)
    detail = fields.TextField(null=True)
    at = fields.DatetimeField()

    class Meta:
        table = "audit_log"
        indexes = (("station_id", "id"), ("actor", "id"))
