"""GetVariables (B06) and SetVariables (B05) within the station's message limits: a request
of more items than the station's ItemsPerMessage (or more bytes than its BytesPerMessage),
as stored in its device model, goes as several requests, one after the other, and their
answers are merged in request order (B06.FR.05, B05.FR.11). Each answer is written into the
device model by the block's result handler as it arrives."""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import dataclass
from typing import Any, Generic, TypeVar

from ocpp.v201 import call, call_result, datatypes

from modules.device_model.batches import batches, limit_refs, limits_of
from modules.device_model.commands import VariableRead, VariableWrite, get_variables, set_variables
from modules.device_model.store import DeviceModelStore
from modules.kernel import codec, schemas
from modules.kernel.commands import CommandResult, typed
from modules.kernel.envelope import Outcome
from modules.kernel.ports import CommandSender

R = TypeVar("R")
A = TypeVar("A", call_result.GetVariables, call_result.SetVariables)


@dataclass(frozen=True, slots=True)
class VariablesOutcome(Generic[R]):
    """How the requests went: RESULT when every one was answered, else the first outcome
    that was not (later parts are then not sent); the results answered so far, in request
    order; how many requests were sent."""

    outcome: Outcome
    results: tuple[R, ...]
    messages: int
    error_code: str | None = None
    error_description: str | None = None


class VariableRequests:
    """GetVariables and SetVariables split by the station's limits."""

    def __init__(self, store: DeviceModelStore, sender: CommandSender) -> None:
        self._store = store
        self._sender = sender

    async def get_variables(
        self, station_id: str, items: Sequence[VariableRead], timeout: float | None = None
    ) -> VariablesOutcome[datatypes.GetVariableResultType]:
        """B06: read attributes; InvalidCommand or the schema's OcppError before anything is
        sent when the items cannot form requests."""
        payload = codec.encode(get_variables(items))
        return await self._send(
            station_id,
            "GetVariables",
            "getVariableData",
            payload,
            call_result.GetVariables,
            lambda answer: answer.get_variable_result,
            timeout,
        )

    async def set_variables(
        self, station_id: str, items: Sequence[VariableWrite], timeout: float | None = None
    ) -> VariablesOutcome[datatypes.SetVariableResultType]:
        """B05: write attributes; InvalidCommand or the schema's OcppError before anything is
        sent when the items cannot form requests."""
        payload = codec.encode(set_variables(items))
        return await self._send(
            station_id,
            "SetVariables",
            "setVariableData",
            payload,
            call_result.SetVariables,
            lambda answer: answer.set_variable_result,
            timeout,
        )

    async def send_set_variables(
        self, station_id: str, request: call.SetVariables, timeout: float | None = None
    ) -> CommandResult[call_result.SetVariables]:
        """B05 for another block (the boot configurator): `request` split by the station's
        limits, the answers merged into one response (none unless every part was answered)."""
        done = await self._send(
            station_id,
            "SetVariables",
            "setVariableData",
            codec.encode(request),
            call_result.SetVariables,
            lambda answer: answer.set_variable_result,
            timeout,
        )
        merged = call_result.SetVariables(set_variable_result=list(done.results))
        return CommandResult(
            done.outcome,
            merged if done.outcome is Outcome.RESULT else None,
            done.error_code,
            done.error_description,
        )

    async def _send(
        self,
        station_id: str,
        action: str,
        list_key: str,
        payload: dict[str, Any],
        answer_type: type[A],
        results_of: Callable[[A], list[R]],
        timeout: float | None,
    ) -> VariablesOutcome[R]:
        schemas.validate(action, "Request", payload)
        items: list[dict[str, Any]] = payload[list_key]
        refs = limit_refs(action)
        values = await self._store.actual_values(station_id, [ref.key for ref in refs])
        results: list[R] = []
        ranges = batches(action, list_key, items, limits_of(action, values))
        for sent, part in enumerate(ranges, start=1):
            part_payload = {list_key: items[part.start : part.stop]}
            answer = typed(
                await self._sender.send(station_id, action, part_payload, timeout), answer_type
            )
            if not answer.answered or answer.response is None:
                return VariablesOutcome(
                    answer.outcome,
                    tuple(results),
                    sent,
                    answer.error_code,
                    answer.error_description,
                )
            results.extend(results_of(answer.response))
        return VariablesOutcome(Outcome.RESULT, tuple(results), len(ranges))
