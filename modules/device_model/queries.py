"""The device model's reads for GraphQL: attributes paged by (variable key, attribute
type), reports newest first, and whether a station still needs a reboot."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from datetime import UTC, datetime

from modules.device_model.policy import reboot_pending
from modules.device_model.records import AttributeRecord, VariableFilter
from modules.device_model.report_state import DEFAULT_REPORT_TIMEOUT_SECONDS, ReportView, judge
from modules.device_model.store import DeviceModelStore

MAX_VARIABLES_PAGE = 1000
MAX_REPORTS_PAGE = 500


@dataclass(frozen=True, slots=True)
class RebootState:
    """Whether a station still needs a reboot for a setting to take effect (B05)."""

    station_id: str
    reboot_required: bool
    reboot_required_since: datetime | None


class DeviceModelQueries:
    """Reads of the stored device model; page sizes are checked by the caller against
    MAX_VARIABLES_PAGE and MAX_REPORTS_PAGE. Reports are judged (`report_state`) at `now`
    with the report timeout."""

    def __init__(
        self,
        store: DeviceModelStore,
        now: Callable[[], datetime] = lambda: datetime.now(UTC),
        report_timeout: float = DEFAULT_REPORT_TIMEOUT_SECONDS,
    ) -> None:
        self._store = store
        self._now = now
        self._report_timeout = report_timeout

    async def variables(
        self,
        station_id: str,
        component: str | None = None,
        variable: str | None = None,
        first: int = 100,
        after: tuple[str, str] | None = None,
    ) -> list[AttributeRecord]:
        """One page of the station's attributes, ordered by component, variable and
        attribute type, after the (variable key, attribute type) `after`; `component` and
        `variable` match names ignoring case."""
        wanted = VariableFilter(first, component, variable, after)
        return await self._store.variables(station_id, wanted)

    async def reports(self, station_id: str, first: int = 50) -> list[ReportView]:
        """The station's reports, newest request id first, each with its state."""
        now = self._now()
        rows = await self._store.reports(station_id, first)
        return [judge(row, now, self._report_timeout) for row in rows]

    async def reboot_state(self, station_id: str) -> RebootState | None:
        """The reboot flag, cleared by a boot after the RebootRequired answer; None for an
        unknown station."""
        state = await self._store.device_state(station_id)
        if state is None:
            return None
        pending = reboot_pending(state.reboot_required_at, state.last_boot_at)
        return RebootState(
            station_id=state.station_id,
            reboot_required=pending,
            reboot_required_since=state.reboot_required_at if pending else None,
        )
