"""The idTokenInfo a TransactionEventResponse carries (E01.FR.09/10, E05).

Decided as Authorize decides (the `TokenAuthority` port: the stored id token and its group's
status, C09), with two additions: a NoAuthorization token (free vending, nothing to
authorize) is Accepted, and a token the registry does not know is Accepted when the CSMS
itself asked for this transaction with it (a RequestStartTransaction with the same
remoteStartId and token, F01/F02: the `RemoteStarts` port).
"""

from __future__ import annotations

from datetime import datetime

from ocpp.v201 import datatypes, enums

from modules.transactions.ports import DecidedToken, RemoteStarts, TokenAuthority, TokenDecision

NO_AUTHORIZATION = "NoAuthorization"


def accepted() -> TokenDecision:
    """Accepted without a registry entry (nothing else in the idTokenInfo)."""
    info = datatypes.IdTokenInfoType(status=enums.AuthorizationStatusEnumType.accepted)
    return TokenDecision(info=info, known=False)


async def answer_token(
    tokens: TokenAuthority,
    remote_starts: RemoteStarts,
    station_id: str,
    value: str,
    kind: str,
    remote_start_id: int | None,
    decide_at: datetime,
    unknown_status: str,
) -> DecidedToken:
    """The idTokenInfo for the token of a TransactionEvent."""
    if kind == NO_AUTHORIZATION:
        return accepted()
    decision = await tokens.decide(value, kind, decide_at, unknown_status)
    if (
        not decision.known
        and remote_start_id is not None
        and await remote_starts.was_requested(station_id, remote_start_id, value, kind)
    ):
        return accepted()
    return decision
