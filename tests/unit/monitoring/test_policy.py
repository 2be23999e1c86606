"""The monitoring rules: the device-model key of a monitored variable, the checks of a
SetMonitoringData (N04.FR.14) and a SetMonitoringLevel (N05.FR.02), what an eventData item
does to its alert (N07.FR.02/16), when a monitoring report is complete (N02.FR.09) and where
it stands."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta

import pytest

from modules.kernel.commands import InvalidCommand
from modules.kernel.records import ComponentVariable
from modules.monitoring import MonitoringReportRecord
from modules.monitoring.policy import (
    AlertChange,
    alert_change,
    check_level,
    check_monitor,
    judge,
    report_complete,
    variable_key,
    whole_set,
)

NOW = datetime(2026, 12, 7, 10, 0, tzinfo=UTC)


def test_the_variable_key_is_the_device_models() -> None:
    where = ComponentVariable(
        component="EVSE", evse_id=1, connector_id=2, variable="Power", variable_instance="Max"
    )
    assert variable_key(where) == "evse\x1f\x1f1\x1f2\x1fpower\x1fmax"
    plain = ComponentVariable(component="ChargingStation", variable="Temperature")
    assert variable_key(plain) == "chargingstation\x1f\x1f\x1f\x1ftemperature\x1f"


@pytest.mark.parametrize(
    ("type_", "value", "severity", "field"),
    [
        ("UpperThreshold", 1.0, 10, "items[2].severity"),
        ("UpperThreshold", 1.0, -1, "items[2].severity"),
        ("Delta", -0.5, 3, "items[2].value"),
        ("Periodic", 0.0, 3, "items[2].value"),
        ("PeriodicClockAligned", -900.0, 3, "items[2].value"),
    ],
)
def test_a_monitor_that_cannot_be_meant_is_refused_n04_fr_14(
    type_: str, value: float, severity: int, field: str
) -> None:
    with pytest.raises(InvalidCommand) as refused:
        check_monitor(2, type_, value, severity)
    assert refused.value.field == field


def test_monitors_that_can_be_meant_pass() -> None:
    check_monitor(0, "LowerThreshold", -40.0, 0)
    check_monitor(0, "Delta", 0.0, 9)
    check_monitor(0, "Periodic", 900.0, 5)


def test_the_level_is_a_severity_n05_fr_02() -> None:
    check_level(0)
    check_level(9)
    with pytest.raises(InvalidCommand):
        check_level(10)


def test_alerting_raises_cleared_clears_values_do_nothing_n07() -> None:
    assert alert_change("Alerting", None) is AlertChange.RAISE
    assert alert_change("Alerting", False) is AlertChange.RAISE
    assert alert_change("Alerting", True) is AlertChange.CLEAR
    assert alert_change("Delta", True) is AlertChange.CLEAR
    assert alert_change("Delta", None) is None
    assert alert_change("Periodic", False) is None


def test_a_report_completes_with_every_part_up_to_the_last_n02_fr_09() -> None:
    assert not report_complete([2], 2, 0)
    assert not report_complete([2, 0], 2, 0)
    assert report_complete([2, 0, 1], 2, 0)
    assert not report_complete([0, 1], None, 0)
    assert report_complete([6, 5], 6, None)
    assert not report_complete([], 0, 0)


def test_where_a_report_stands() -> None:
    asked = MonitoringReportRecord("CS1", 1, requested_at=NOW)
    assert judge(asked, NOW, 300).state == "PENDING"
    late = judge(asked, NOW + timedelta(seconds=300), 300)
    assert late.state == "FAILED"
    assert "no NotifyMonitoringReport part within 300 s of the request" in str(late.failure_reason)
    refused = MonitoringReportRecord(
        "CS1", 1, requested_at=NOW, outcome="RESULT", status="EmptyResultSet"
    )
    assert judge(refused, NOW, 300).failure_reason == (
        "the station answered EmptyResultSet: no report follows"
    )
    silent = MonitoringReportRecord("CS1", 1, requested_at=NOW, outcome="TIMEOUT")
    assert judge(silent, NOW, 300).failure_reason == "the request got no answer: TIMEOUT"
    done = MonitoringReportRecord("CS1", 1, requested_at=NOW, completed_at=NOW)
    assert judge(done, NOW + timedelta(days=1), 300).state == "COMPLETED"


def test_only_a_report_asked_for_without_selection_lists_every_monitor_n02_fr_11() -> None:
    assert whole_set(MonitoringReportRecord("CS1", 1, requested_at=NOW))
    assert not whole_set(MonitoringReportRecord("CS1", 1, ["DeltaMonitoring"], requested_at=NOW))
    assert not whole_set(
        MonitoringReportRecord("CS1", 1, None, [{"component": {}}], requested_at=NOW)
    )
    assert not whole_set(MonitoringReportRecord("CS1", 1))
