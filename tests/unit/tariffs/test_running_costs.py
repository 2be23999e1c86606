"""Energy readings taken from a METER_VALUES event's samples for CostUpdated (I02)."""

from __future__ import annotations

from datetime import UTC, datetime
from decimal import Decimal

from modules.tariffs.running_costs import readings_of
from modules.transactions import SampledValue

AT = "2026-03-02T10:00:00.000Z"
REGISTER = "Energy.Active.Import.Register"


def test_only_outlet_totals_of_the_import_register_count_in_wh() -> None:
    samples = [
        SampledValue(timestamp=AT, measurand=REGISTER, value=1500.5),
        SampledValue(timestamp=AT, measurand=REGISTER, unit="kWh", multiplier=-1, value=25.0),
        SampledValue(timestamp=AT, measurand=REGISTER, phase="L1", value=9.0),
        SampledValue(timestamp=AT, measurand=REGISTER, location="EV", value=9.0),
        SampledValue(timestamp=AT, measurand=REGISTER, unit="varh", value=9.0),
        SampledValue(timestamp=AT, measurand="Power.Active.Import", value=9.0),
    ]
    moment = datetime(2026, 3, 2, 10, tzinfo=UTC)
    assert readings_of(samples) == [(moment, Decimal("1500.5")), (moment, Decimal("2500.0"))]
