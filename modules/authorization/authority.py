"""Deciding a presented id token from the registry (its group's status applied, C09), for
Authorize here and for other blocks: `TokenAuthority` answers TransactionEvent idTokenInfo
with the same rules, `TokenInfos` gives the idTokenInfo local lists carry."""

from __future__ import annotations

from collections.abc import Collection
from dataclasses import dataclass
from datetime import datetime
from typing import Any

from ocpp.v201 import datatypes, enums

from modules.authorization import policy
from modules.authorization.store import AuthorizationStore, IdTokenRecord
from modules.kernel import codec
from modules.kernel.services import OnStore
from modules.kernel.timefmt import ocpp_datetime


def id_token_info(decision: policy.Decision) -> datatypes.IdTokenInfoType:
    """The OCPP idTokenInfo for a decision."""
    message = decision.personal_message
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
                format=enums.MessageFormatEnumType(message.format),
                content=message.content,
                language=message.language,
            )
            if message is not None
            else None
        ),
    )


@dataclass(frozen=True, slots=True)
class TokenDecision:
    """What the registry says about a presented token: the idTokenInfo to answer (C09 group
    status applied), whether the registry has the token, and the token's group id token."""

    info: datatypes.IdTokenInfoType
    known: bool
    group_id_token: str | None
    group_id_token_type: str | None


class TokenAuthority(OnStore[AuthorizationStore]):
    """Decides presented id tokens from the registry."""

    async def decision(
        self, value: str, kind: str, now: datetime, unknown_status: str
    ) -> tuple[policy.Decision, IdTokenRecord | None]:
        """The policy's decision for the token and the registry record it came from: one
        lookup, and one more for the group's own entry when the token has a group (C09)."""
        record = await self._store.find_token(value, kind)
        if record is None:
            return policy.decide(None, now, unknown_status), None
        key = policy.group_key(record.value, record.type, record.token)
        group = await self._store.find_token(*key) if key is not None else None
        decision = policy.decide(
            record.token, now, unknown_status, group=group.token if group is not None else None
        )
        return decision, record

    async def decide(
        self, value: str, kind: str, now: datetime, unknown_status: str
    ) -> TokenDecision:
        """The idTokenInfo for the token (value, kind) at `now`, as Authorize decides it
        (without ConcurrentTx, which only Authorize answers)."""
        decision, record = await self.decision(value, kind, now, unknown_status)
        group = record.token.group if record is not None else None
        return TokenDecision(
            info=id_token_info(decision),
            known=record is not None,
            group_id_token=group.id_token if group is not None else None,
            group_id_token_type=group.type if group is not None else None,
        )


@dataclass(frozen=True, slots=True)
class TokenInfo:
    """A registry token's (value, type) and the idTokenInfo it is given now (OCPP JSON)."""

    value: str
    type: str
    info: dict[str, Any]


class TokenInfos(OnStore[AuthorizationStore]):
    """The idTokenInfo of many registry tokens at once (what a local list carries)."""

    async def of_ids(self, ids: Collection[int], now: datetime) -> dict[int, TokenInfo]:
        """Each stored token's idTokenInfo at `now`, its group's status applied (C09); two
        queries whatever the number of tokens."""
        records = await self._store.tokens_by_ids(ids)
        keys = {
            record.id: policy.group_key(record.value, record.type, record.token)
            for record in records
        }
        wanted = {key for key in keys.values() if key is not None}
        groups = await self._store.tokens_by_keys(wanted) if wanted else {}
        infos: dict[int, TokenInfo] = {}
        for record in records:
            key = keys[record.id]
            group = groups.get(key) if key is not None else None
            decision = policy.decide(
                record.token, now, group=group.token if group is not None else None
            )
            encoded: dict[str, Any] = codec.encode(id_token_info(decision))
            infos[record.id] = TokenInfo(record.value, record.type, encoded)
        return infos
