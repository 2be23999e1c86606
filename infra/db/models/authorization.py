"""Tortoise models of block C: id tokens."""

from __future__ import annotations

from tortoise import fields
from tortoise.models import Model


class IdToken(Model):
    """An identifier the CSMS knows (block C): what Authorize answers for it.

    `value` is matched case-sensitively and `type` exactly (IdTokenEnumType); `status` is the
    stored AuthorizationStatusEnumType; `allowed_evse_ids` null means every EVSE;
    `personal_message` is a MessageContentType ({format, language, content}); `master_pass`
    marks a Master Pass token (C16), whose group id token is the station's MasterPassGroupId.
    """

    id = fields.BigIntField(primary_key=True)
    value = fields.CharField(max_length=36)
    type = fields.CharField(max_length=20)
    status = fields.CharField(max_length=20)
    group_id_token = fields.CharField(max_length=36, null=True)
    group_id_token_type = fields.CharField(max_length=20, null=True)
    cache_expiry_date_time = fields.DatetimeField(null=True)
    language1 = fields.CharField(max_length=8, null=True)
    allowed_evse_ids: fields.JSONField[list[int] | None] = fields.JSONField(null=True)
    personal_message: fields.JSONField[dict[str, str] | None] = fields.JSONField(null=True)
    master_pass = fields.BooleanField(default=False)
    updated_at = fields.DatetimeField(auto_now=True)

    class Meta:
        table = "id_token"
        unique_together = (("value", "type"),)
