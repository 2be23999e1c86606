"""SetVariableMonitoring (N04) and ClearVariableMonitoring (N06) within the station's message
limits: more items than its `MonitoringCtrlr.ItemsPerMessage` (or bytes than its
`BytesPerMessage`) of the action, as stored in its device model, go as several requests, one
after the other (N04.FR.09, N06.FR.04), and their answers are merged in request order. Each
answer is stored by the block's result handler as it arrives."""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import dataclass
from typing import Any, Generic, TypeVar

from ocpp.v201 import call, call_result, datatypes

from modules.kernel import codec, schemas
from modules.kernel.commands import send
from modules.kernel.envelope import Outcome
from modules.kernel.message_limits import MessageLimits, batches, positive
from modules.kernel.ports import CommandSender
from modules.kernel.records import ComponentVariable
from modules.monitoring import payloads
from modules.monitoring.commands import (
    MonitorSetting,
    clear_variable_monitoring,
    set_variable_monitoring,
)
from modules.monitoring.policy import variable_key
from modules.monitoring.store import MonitoringStore

CONTROLLER = "MonitoringCtrlr"
R = TypeVar("R")
A = TypeVar("A", call_result.SetVariableMonitoring, payloads.ClearVariableMonitoring)


@dataclass(frozen=True, slots=True)
class MonitorsOutcome(Generic[R]):
    """How the requests went: RESULT when every one was answered, else the first outcome
    that was not (later parts are then not sent); the results answered so far, in request
    order; how many requests were sent."""

    outcome: Outcome
    results: tuple[R, ...]
    messages: int
    error_code: str | None = None
    error_description: str | None = None


def limit_keys(action: str) -> tuple[str, str]:
    """The device-model keys of the station's ItemsPerMessage and BytesPerMessage of
    `action`."""
    return (
        variable_key(
            ComponentVariable(
                component=CONTROLLER, variable="ItemsPerMessage", variable_instance=action
            )
        ),
        variable_key(
            ComponentVariable(
                component=CONTROLLER, variable="BytesPerMessage", variable_instance=action
            )
        ),
    )


class MonitorRequests:
    """SetVariableMonitoring and ClearVariableMonitoring split by the station's limits."""

    def __init__(self, store: MonitoringStore, sender: CommandSender) -> None:
        self._store = store
        self._sender = sender

    async def set_variable_monitoring(
        self, station_id: str, settings: Sequence[MonitorSetting], timeout: float | None = None
    ) -> MonitorsOutcome[datatypes.SetMonitoringResultType]:
        """N04: set monitors; InvalidCommand or the schema's OcppError before anything is
        sent when the items cannot form requests."""
        data = set_variable_monitoring(settings).set_monitoring_data
        return await self._send(
            station_id,
            "SetVariableMonitoring",
            "setMonitoringData",
            data,
            lambda part: call.SetVariableMonitoring(set_monitoring_data=list(part)),
            call_result.SetVariableMonitoring,
            lambda answer: answer.set_monitoring_result,
            timeout,
        )

    async def clear_variable_monitoring(
        self, station_id: str, ids: Sequence[int], timeout: float | None = None
    ) -> MonitorsOutcome[datatypes.ClearMonitoringResultType]:
        """N06: clear monitors by id; the schema's OcppError before anything is sent when
        the ids cannot form requests."""
        return await self._send(
            station_id,
            "ClearVariableMonitoring",
            "id",
            clear_variable_monitoring(ids).id,
            lambda part: clear_variable_monitoring(part),
            payloads.ClearVariableMonitoring,
            lambda answer: answer.clear_monitoring_result,
            timeout,
        )

    async def _send(
        self,
        station_id: str,
        action: str,
        list_key: str,
        items: Sequence[Any],
        request_of: Callable[[Sequence[Any]], Any],
        answer_type: type[A],
        results_of: Callable[[A], list[R]],
        timeout: float | None,
    ) -> MonitorsOutcome[R]:
        payload = codec.encode(request_of(items))
        schemas.validate(action, "Request", payload)
        items_key, bytes_key = limit_keys(action)
        values = await self._store.limit_values(station_id, (items_key, bytes_key))
        limits = MessageLimits(positive(values.get(items_key)), positive(values.get(bytes_key)))
        results: list[R] = []
        ranges = batches(action, list_key, payload[list_key], limits)
        for sent, part in enumerate(ranges, start=1):
            request = request_of(items[part.start : part.stop])
            answer = await send(self._sender, station_id, request, answer_type, timeout)
            if not answer.answered or answer.response is None:
                return MonitorsOutcome(
                    answer.outcome,
                    tuple(results),
                    sent,
                    answer.error_code,
                    answer.error_description,
                )
            results.extend(results_of(answer.response))
        return MonitorsOutcome(Outcome.RESULT, tuple(results), len(ranges))
