"""The composite schedule the CSMS expects a station to report (K08), computed from the
profiles it believes INSTALLED there and the transactions running on it, so an operator can
compare it with what the station answers to GetCompositeSchedule.

Stored profiles are mapped to the calculator's `Profile` (`composite_schedule.py`); a Relative
TxProfile or TxDefaultProfile counts from its transaction's start. For evseId 0 the EVSEs
summed are those the CSMS knows of: the ones profiles are installed on and transactions run
on."""

from __future__ import annotations

from collections.abc import Callable, Iterable
from datetime import datetime

from ocpp.v201.enums import ChargingProfileKindEnumType as Kind
from ocpp.v201.enums import ChargingProfilePurposeEnumType as Purpose
from ocpp.v201.enums import ChargingRateUnitEnumType as Unit
from ocpp.v201.enums import RecurrencyKindEnumType as Recurrency

from modules.kernel.commands import InvalidCommand
from modules.smart_charging import recurrence
from modules.smart_charging.composite_schedule import (
    CompositeRequest,
    CompositeSchedule,
    EvseTransaction,
    ScheduleTooLong,
    composite_schedule,
)
from modules.smart_charging.conversions import moment
from modules.smart_charging.records import (
    CompositeView,
    JsonObject,
    Presence,
    ProfileView,
    TransactionStart,
)
from modules.smart_charging.store import SmartChargingStore

DEFAULT_VOLTAGE = 230.0
"""Line voltage for A/W conversions unless configured (CSMS_SMART_CHARGING_VOLTAGE)."""
DEFAULT_PHASES = 3
"""Phases a limit applies on when its period does not say (K01.FR.49)."""
MAX_DURATION = 31 * 86_400
"""The longest interval an expected schedule may cover, in seconds."""


def schedule_of(data: JsonObject) -> recurrence.Schedule:
    """The calculator's schedule of a stored ChargingScheduleType JSON."""
    start = data.get("startSchedule")
    return recurrence.Schedule(
        unit=Unit(data["chargingRateUnit"]),
        periods=tuple(
            recurrence.Period(
                int(period["startPeriod"]),
                float(period["limit"]),
                period.get("numberPhases"),
                period.get("phaseToUse"),
            )
            for period in data["chargingSchedulePeriod"]
        ),
        start_schedule=moment(start, "startSchedule") if isinstance(start, str) else None,
        duration=data.get("duration"),
        min_charging_rate=data.get("minChargingRate"),
        id=int(data.get("id", 1)),
    )


def profile_of(view: ProfileView) -> recurrence.Profile:
    """The calculator's profile of a stored one."""
    return recurrence.Profile(
        id=view.profile_id,
        stack_level=view.stack_level,
        purpose=Purpose(view.purpose),
        kind=Kind(view.kind),
        schedules=tuple(schedule_of(schedule) for schedule in view.schedules),
        evse_id=view.evse_id,
        recurrency_kind=Recurrency(view.recurrency_kind) if view.recurrency_kind else None,
        valid_from=view.valid_from,
        valid_to=view.valid_to,
        transaction_id=view.transaction_id,
    )


def transactions_of(
    running: Iterable[TransactionStart], start: datetime
) -> tuple[EvseTransaction, ...]:
    """The running transactions on EVSEs, one per EVSE (the first listed); a start not
    known is taken as the start of the asked interval."""
    found: dict[int, EvseTransaction] = {}
    for tx in running:
        if tx.evse_id is not None and tx.evse_id not in found:
            found[tx.evse_id] = EvseTransaction(
                tx.evse_id, tx.transaction_id, tx.started_at or start
            )
    return tuple(found.values())


class ExpectedSchedules:
    """Computes the composite schedule a station should report from what the CSMS stored."""

    def __init__(
        self,
        store: SmartChargingStore,
        now: Callable[[], datetime],
        voltage: float = DEFAULT_VOLTAGE,
        default_phases: int = DEFAULT_PHASES,
    ) -> None:
        self._store = store
        self._now = now
        self.voltage = voltage
        self.default_phases = default_phases

    async def composites(self, station_id: str) -> list[CompositeView]:
        """The station's last composite schedule answers, by EVSE."""
        return await self._store.composites(station_id)

    async def expected(
        self,
        station_id: str,
        evse_id: int,
        duration: int,
        unit: Unit | None = None,
        start: datetime | None = None,
    ) -> CompositeSchedule:
        """The expected composite schedule of `evse_id` (0: the station) from `start` (now
        when None) for `duration` seconds; InvalidCommand for arguments it cannot take."""
        if evse_id < 0:
            raise InvalidCommand("evseId", "must be >= 0")
        if not 0 < duration <= MAX_DURATION:
            raise InvalidCommand("duration", f"must be between 1 and {MAX_DURATION} seconds")
        begin = (start or self._now()).replace(microsecond=0)
        views = await self._store.profiles(station_id, None, [Presence.INSTALLED])
        profiles = [profile_of(view) for view in views if view.schedules]
        transactions = transactions_of(await self._store.running_transactions(station_id), begin)
        evses = {p.evse_id for p in profiles} | {tx.evse_id for tx in transactions}
        request = CompositeRequest(
            evse_id=evse_id,
            start=begin,
            duration=duration,
            unit=unit,
            transactions=transactions,
            evse_ids=tuple(sorted(evse for evse in evses if evse > 0)),
            voltage=self.voltage,
            default_phases=self.default_phases,
        )
        try:
            return composite_schedule(profiles, request)
        except ScheduleTooLong as error:
            raise InvalidCommand("duration", str(error)) from None
