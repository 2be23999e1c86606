"""Between the registry row, the policy's values and the OCPP dataclasses."""

from __future__ import annotations

from typing import Any

from ocpp.v201 import datatypes, enums

from infra.db.models import IdToken
from modules.authorization import policy
from modules.kernel.timefmt import ocpp_datetime


def enum_text(value: Any) -> str:
    """An enum member's value (or the text itself)."""
    return str(getattr(value, "value", value))


def known_token(row: IdToken) -> policy.KnownToken:
    """The policy's view of a stored row."""
    group = None
    if row.group_id_token is not None and row.group_id_token_type is not None:
        group = policy.GroupIdToken(row.group_id_token, row.group_id_token_type)
    message = None
    if row.personal_message:
        message = policy.PersonalMessage(
            format=row.personal_message["format"],
            content=row.personal_message["content"],
            language=row.personal_message.get("language"),
        )
    return policy.KnownToken(
        status=row.status,
        cache_expiry=row.cache_expiry_date_time,
        group=group,
        language1=row.language1,
        allowed_evse_ids=tuple(row.allowed_evse_ids) if row.allowed_evse_ids else None,
        personal_message=message,
        master_pass=row.master_pass,
    )


def id_token_info(decision: policy.Decision) -> datatypes.IdTokenInfoType:
    """The OCPP idTokenInfo for a decision."""
    return datatypes.IdTokenInfoType(
        status=enums.AuthorizationStatusEnumType(decision.status),
        cache_expiry_date_time=(
            ocpp_datetime(decision.cache_expiry) if decision.cache_expiry is not None else None
        ),
        language_1=decision.language1,
        evse_id=list(decision.evse_ids) if decision.evse_ids else None,
        group_id_token=(
            datatypes.IdTokenType(
                id_token=decision.group.id_token,
                type=enums.IdTokenEnumType(decision.group.type),
            )
            if decision.group is not None
            else None
        ),
        personal_message=(
            datatypes.MessageContentType(
                format=enums.MessageFormatEnumType(decision.personal_message.format),
                content=decision.personal_message.content,
                language=decision.personal_message.language,
            )
            if decision.personal_message is not None
            else None
        ),
    )
