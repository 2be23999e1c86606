"""The idTokenInfo a TransactionEventResponse carries (E01.FR.09/10, E05), from the registry.

Decided by the authorization block's policy from the stored id token, with two additions:
a NoAuthorization token (free vending, nothing to authorize) is Accepted, and a token the
registry does not know is Accepted when the CSMS itself asked for this transaction with it
(a RequestStartTransaction with the same remoteStartId and token, F01/F02).
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime

from ocpp.v201 import datatypes

from infra.db.models import IdToken, RemoteStart
from modules.authorization import policy
from modules.authorization.handlers import id_token_info, known_token

NO_AUTHORIZATION = "NoAuthorization"


@dataclass(frozen=True, slots=True)
class TokenAnswer:
    """The idTokenInfo to answer and the registry row it came from (if any)."""

    info: datatypes.IdTokenInfoType
    row: IdToken | None


async def registry_row(value: str, kind: str) -> IdToken | None:
    """The stored id token, matched case-sensitively on value and exactly on type."""
    row = await IdToken.get_or_none(value=value, type=kind)
    return row if row is not None and row.value == value else None


async def _requested_remotely(
    station_id: str, remote_start_id: int | None, value: str, kind: str
) -> bool:
    if remote_start_id is None:
        return False
    return await RemoteStart.filter(
        station_id=station_id, remote_start_id=remote_start_id, id_token=value, id_token_type=kind
    ).exists()


async def answer_token(
    station_id: str,
    value: str,
    kind: str,
    remote_start_id: int | None,
    decide_at: datetime,
    unknown_status: str,
) -> TokenAnswer:
    """The idTokenInfo for the token of a TransactionEvent."""
    if kind == NO_AUTHORIZATION:
        return TokenAnswer(id_token_info(policy.Decision("Accepted")), None)
    row = await registry_row(value, kind)
    if row is None and await _requested_remotely(station_id, remote_start_id, value, kind):
        return TokenAnswer(id_token_info(policy.Decision("Accepted")), None)
    token = known_token(row) if row is not None else None
    return TokenAnswer(id_token_info(policy.decide(token, decide_at, unknown_status)), row)
