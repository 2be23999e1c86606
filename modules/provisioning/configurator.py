"""The boot configurator (B02, as CitrineOS does it): while a station with a boot
configuration not yet applied is Pending, set its variables (B05) and fetch its base report
(B07); once both succeeded, its next BootNotification is answered Accepted.

It runs beside the api role: it follows BOOT events (published after the BootNotification was
answered, so the station's reply is never held up) on one subscription shared by every api
node (each boot is configured by one node), and sends the commands through the kernel's
`CommandSender`. Where the configuration stands is read and written through the store.
"""

from __future__ import annotations

import logging
from collections.abc import Callable
from datetime import datetime
from typing import Any

from ocpp.v201 import call, call_result

from modules.kernel.commands import CommandResult, send
from modules.kernel.events import Event
from modules.kernel.followers import EventsFollower
from modules.kernel.ports import Bus, CommandSender
from modules.provisioning import commands
from modules.provisioning.events import Booted
from modules.provisioning.ports import ReportOpener, VariableSetter
from modules.provisioning.records import BootConfigurationRecord
from modules.provisioning.store import ProvisioningStore

log = logging.getLogger(__name__)

SUBSCRIPTION = "boot-configurator"


def _failure(action: str, result: CommandResult[Any]) -> str:
    """Why a command got no answer to act on (OFFLINE, TIMEOUT, CALL_ERROR and its code)."""
    return f"{action}: {result.outcome.value} {result.error_code or ''}".strip()


class BootConfigurator(EventsFollower):
    """Applies boot configurations after Pending answers."""

    def __init__(
        self,
        bus: Bus,
        store: ProvisioningStore,
        sender: CommandSender,
        open_report: ReportOpener,
        now: Callable[[], datetime],
        timeout: float | None = None,
        set_variables: VariableSetter | None = None,
    ) -> None:
        super().__init__(bus, SUBSCRIPTION)
        self._store = store
        self._sender = sender
        self._open_report = open_report
        self._now = now
        self._timeout = timeout
        self._set_variables = set_variables or self._send_set_variables

    async def _send_set_variables(
        self, station_id: str, request: call.SetVariables, timeout: float | None
    ) -> CommandResult[call_result.SetVariables]:
        """SetVariables as one request (without the device-model block's splitting)."""
        return await send(self._sender, station_id, request, call_result.SetVariables, timeout)

    def follow(self, event: Event) -> None:
        """A BOOT event that asks for configuration starts it, unless it already runs (a
        configuration cut short by a stop is retried: the station boots again, gets Pending)."""
        if not isinstance(event, Booted) or not event.configure:
            return
        if not self.is_running(event.station_id):
            self.run_for(event.station_id, self.configure(event.station_id))

    async def configure(self, station_id: str) -> bool:
        """Apply the station's boot configuration; True once it is applied."""
        configuration = await self._store.boot_configuration(station_id)
        if configuration is None or configuration.applied_at is not None:
            return configuration is not None
        await self._store.note_configuration_attempt(station_id, self._now())
        try:
            problem = await self._apply(station_id, configuration)
        except Exception as error:  # a refused payload, a database error: record, retry later
            log.exception("boot configuration failed", extra={"station_id": station_id})
            problem = f"{type(error).__name__}: {error}"
        if problem is None:
            await self._store.mark_configuration_applied(station_id, self._now())
        else:
            await self._store.record_configuration_error(station_id, problem)
        return problem is None

    async def _apply(self, station_id: str, configuration: BootConfigurationRecord) -> str | None:
        if configuration.variables:
            set_result = await self._set_variables(
                station_id, commands.set_variables(configuration.variables), self._timeout
            )
            if set_result.response is None:
                return _failure("SetVariables", set_result)
            problems = commands.set_variables_problems(set_result.response)
            if problems:
                return "SetVariables: " + "; ".join(problems)
        if configuration.fetch_report:
            base = configuration.report_base
            request_id = await self._open_report(station_id, base, self._now())
            if request_id is None:
                return "GetBaseReport: unknown station"
            report_result = await send(
                self._sender,
                station_id,
                commands.get_base_report(request_id, base),
                call_result.GetBaseReport,
                self._timeout,
            )
            if report_result.response is None:
                return _failure("GetBaseReport", report_result)
            if not commands.report_fetched(report_result.response):
                return f"GetBaseReport: {report_result.response.status.value}"
        return None
