"""Authorization commands: ClearCache (C11), SendLocalList (D01) and GetLocalListVersion
(D02), typed mutations over the call sender. The module's result handlers have stored what
the answers mean by the time these return."""

from __future__ import annotations

from typing import Any

import strawberry
from ocpp.v201 import call_result
from strawberry.types import Info

from graphql_schema.authorization_list_types import (
    ClearCacheResult,
    ClearCacheStatusEnum,
    GetLocalListVersionResult,
    SendLocalListResult,
    UpdateTypeEnum,
)
from graphql_schema.authorization_services import publisher
from graphql_schema.common.commands import CallOutcomeEnum
from graphql_schema.context import Context
from modules.authorization.convert import enum_text
from modules.authorization.local_lists import LocalListError
from modules.kernel import codec
from modules.kernel.envelope import Outcome

MAX_TIMEOUT_SECONDS = 300.0


def _check_timeout(timeout_seconds: float | None) -> None:
    if timeout_seconds is not None and not 0 < timeout_seconds <= MAX_TIMEOUT_SECONDS:
        raise LocalListError(f"timeoutSeconds: must be > 0 and <= {MAX_TIMEOUT_SECONDS}")


async def clear_cache(
    info: Info[Context, Any], station_id: strawberry.ID, timeout_seconds: float | None = None
) -> ClearCacheResult:
    """C11: ask the station to clear its authorization cache."""
    _check_timeout(timeout_seconds)
    outcome = await info.context.services.sender.send(
        str(station_id), "ClearCache", {}, timeout_seconds
    )
    status = None
    if outcome.outcome is Outcome.RESULT:
        answer = codec.decode(call_result.ClearCache, outcome.response or {})
        status = ClearCacheStatusEnum(enum_text(answer.status))
    return ClearCacheResult(
        outcome=CallOutcomeEnum(outcome.outcome.value),
        status=status,
        error_code=outcome.error_code,
        error_description=outcome.error_description,
    )


async def send_local_list(
    info: Info[Context, Any],
    station_id: strawberry.ID,
    update_type: UpdateTypeEnum,
    timeout_seconds: float | None = None,
) -> SendLocalListResult:
    """D01: send the station its list now, Full or Differential."""
    _check_timeout(timeout_seconds)
    delivery = await publisher(info).send(str(station_id), update_type.value, timeout_seconds)
    return SendLocalListResult(
        outcome=CallOutcomeEnum(delivery.outcome.value) if delivery.outcome else None,
        status=delivery.status,
        update_type=UpdateTypeEnum(delivery.update_type) if delivery.update_type else None,
        version_number=delivery.version,
        messages=delivery.messages,
        entries=delivery.items,
        error_code=delivery.error_code,
        error_description=delivery.error_description,
    )


async def get_local_list_version(
    info: Info[Context, Any], station_id: strawberry.ID, timeout_seconds: float | None = None
) -> GetLocalListVersionResult:
    """D02: ask the station which list version it holds (stored when it uses a list)."""
    _check_timeout(timeout_seconds)
    outcome = await info.context.services.sender.send(
        str(station_id), "GetLocalListVersion", {}, timeout_seconds
    )
    version = None
    if outcome.outcome is Outcome.RESULT:
        version = codec.decode(
            call_result.GetLocalListVersion, outcome.response or {}
        ).version_number
    return GetLocalListVersionResult(
        outcome=CallOutcomeEnum(outcome.outcome.value),
        version_number=version,
        error_code=outcome.error_code,
        error_description=outcome.error_description,
    )


@strawberry.type
class AuthorizationCommandMutation:
    """Authorization commands (blocks C and D)."""

    clear_cache: ClearCacheResult = strawberry.mutation(
        resolver=clear_cache,
        description="C11: clear the station's authorization cache (Accepted or Rejected).",
    )
    send_local_list: SendLocalListResult = strawberry.mutation(
        resolver=send_local_list,
        description="D01: send the station its assigned list now: Full (the whole list) or "
        "Differential (the changes since the version it acknowledged). Split into several "
        "messages when the station's ItemsPerMessage (default 100) or BytesPerMessage "
        "requires; Accepted stores the acknowledged version.",
    )
    get_local_list_version: GetLocalListVersionResult = strawberry.mutation(
        resolver=get_local_list_version,
        description="D02: ask the station for its list version; stored as its acknowledged "
        "version when it uses a list (a station behind its list is then sent it).",
    )
