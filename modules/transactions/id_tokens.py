"""The idTokenInfo a TransactionEventResponse carries (E01.FR.09/10, E05), from the registry.

Decided as Authorize decides (the authorization block's registry: the stored id token and
its group's status, C09), with two additions:
a NoAuthorization token (free vending, nothing to authorize) is Accepted, and a token the
registry does not know is Accepted when the CSMS itself asked for this transaction with it
(a RequestStartTransaction with the same remoteStartId and token, F01/F02).
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime

from ocpp.v201 import datatypes

from infra.db.models import IdToken, RemoteStart
from modules.authorization import policy, registry
from modules.authorization.convert import id_token_info

NO_AUTHORIZATION = "NoAuthorization"


@dataclass(frozen=True, slots=True)
class TokenAnswer:
    """The idTokenInfo to answer and the registry row it came from (if any)."""

    info: datatypes.IdTokenInfoType
    row: IdToken | None


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
    row = await registry.find_token(value, kind)
    if row is None and await _requested_remotely(station_id, remote_start_id, value, kind):
        return TokenAnswer(id_token_info(policy.Decision("Accepted")), None)
    decision = await registry.decide_row(row, decide_at, unknown_status)
    return TokenAnswer(id_token_info(decision), row)
