"""The boot configurator (B02, as CitrineOS does it): while a station with a boot
configuration not yet applied is Pending, set its variables and fetch its base report; once
both succeeded, its next BootNotification is answered Accepted.

It runs beside the api role: it follows BOOT events (published after the BootNotification was
answered, so the station's reply is never held up) on one subscription shared by every api
node (each boot is configured by one node), and sends the commands through the `CommandPort`.
"""

from __future__ import annotations

import asyncio
import logging
from collections.abc import Callable
from datetime import datetime
from typing import Any

from infra.db.models import BootConfiguration
from modules.kernel import topics
from modules.kernel.envelope import Outcome
from modules.kernel.events import from_bytes
from modules.kernel.ports import Bus
from modules.provisioning.events import Booted
from modules.provisioning.ports import CommandPort, ReportOpener

log = logging.getLogger(__name__)

SUBSCRIPTION = "boot-configurator"
SET_OK = frozenset({"Accepted", "RebootRequired"})
REPORT_OK = frozenset({"Accepted", "EmptyResultSet"})


def set_variable_data(variables: list[dict[str, Any]]) -> list[dict[str, Any]]:
    """The SetVariables request items for stored boot-configuration variables."""
    items: list[dict[str, Any]] = []
    for item in variables:
        component: dict[str, Any] = {"name": item["component"]}
        if item.get("componentInstance"):
            component["instance"] = item["componentInstance"]
        if item.get("evseId") is not None:
            evse: dict[str, Any] = {"id": item["evseId"]}
            if item.get("connectorId") is not None:
                evse["connectorId"] = item["connectorId"]
            component["evse"] = evse
        variable: dict[str, Any] = {"name": item["variable"]}
        if item.get("variableInstance"):
            variable["instance"] = item["variableInstance"]
        items.append(
            {
                "attributeType": item.get("attributeType") or "Actual",
                "attributeValue": str(item["value"]),
                "component": component,
                "variable": variable,
            }
        )
    return items


def set_variables_problems(response: dict[str, Any]) -> list[str]:
    """What went wrong in a SetVariables answer (empty: every item was set)."""
    problems: list[str] = []
    for result in response.get("setVariableResult", []):
        if result.get("attributeStatus") not in SET_OK:
            name = f"{result['component']['name']}.{result['variable']['name']}"
            problems.append(f"{name}: {result.get('attributeStatus')}")
    return problems


class BootConfigurator:
    """Applies boot configurations after Pending answers."""

    def __init__(
        self,
        bus: Bus,
        commands: CommandPort,
        open_report: ReportOpener,
        now: Callable[[], datetime],
        timeout: float | None = None,
    ) -> None:
        self._bus = bus
        self._commands = commands
        self._open_report = open_report
        self._now = now
        self._timeout = timeout
        self._running: dict[str, asyncio.Task[bool]] = {}

    async def start(self) -> None:
        """Follow BOOT events (shared subscription: one node configures each boot)."""
        await self._bus.subscribe(topics.EVENTS, SUBSCRIPTION, self.consume)

    async def stop(self) -> None:
        """Cancel configurations under way (the station boots again and gets Pending)."""
        tasks = list(self._running.values())
        for task in tasks:
            task.cancel()
        await asyncio.gather(*tasks, return_exceptions=True)

    async def consume(self, data: bytes) -> None:
        """A BOOT event that asks for configuration starts it, unless it already runs."""
        event = from_bytes(data)
        if not isinstance(event, Booted) or not event.configure:
            return
        if event.station_id in self._running:
            return
        task = asyncio.create_task(self.configure(event.station_id))
        self._running[event.station_id] = task
        task.add_done_callback(lambda _: self._running.pop(event.station_id, None))

    async def configure(self, station_id: str) -> bool:
        """Apply the station's boot configuration; True once it is applied."""
        configuration = await BootConfiguration.get_or_none(station_id=station_id)
        if configuration is None or configuration.applied_at is not None:
            return configuration is not None
        configuration.last_attempt_at = self._now()
        await configuration.save(update_fields=["last_attempt_at", "updated_at"])
        try:
            problem = await self._apply(station_id, configuration)
        except Exception as error:  # a refused payload, a database error: record, retry later
            log.exception("boot configuration failed", extra={"station_id": station_id})
            problem = f"{type(error).__name__}: {error}"
        rows = BootConfiguration.filter(id=configuration.id)
        if problem is None:
            await rows.update(applied_at=self._now(), last_error=None)
        else:
            await rows.update(last_error=problem)
        return problem is None

    async def _apply(self, station_id: str, configuration: BootConfiguration) -> str | None:
        variables: list[dict[str, Any]] = list(configuration.variables or [])
        if variables:
            answer = await self._commands.send(
                station_id,
                "SetVariables",
                {"setVariableData": set_variable_data(variables)},
                self._timeout,
            )
            if answer.outcome is not Outcome.RESULT:
                return f"SetVariables: {answer.outcome.value} {answer.error_code or ''}".strip()
            problems = set_variables_problems(answer.response or {})
            if problems:
                return "SetVariables: " + "; ".join(problems)
        if configuration.fetch_report:
            base = configuration.report_base
            request_id = await self._open_report(station_id, base, self._now())
            if request_id is None:
                return "GetBaseReport: unknown station"
            answer = await self._commands.send(
                station_id,
                "GetBaseReport",
                {"requestId": request_id, "reportBase": base},
                self._timeout,
            )
            if answer.outcome is not Outcome.RESULT:
                return f"GetBaseReport: {answer.outcome.value} {answer.error_code or ''}".strip()
            status = (answer.response or {}).get("status")
            if status not in REPORT_OK:
                return f"GetBaseReport: {status}"
        return None
