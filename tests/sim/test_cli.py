"""The command line: arguments become a SimConfig; bad values are refused."""

from __future__ import annotations

import pytest

from bench.sim.cli import config_from, main, parser
from bench.sim.config import SimConfig


def test_arguments_become_the_config() -> None:
    args = parser().parse_args(
        [
            "--url", "ws://h:1/ocpp", "--stations", "12", "--scenario", "reconnect-storm",
            "--evses", "2", "--connectors-per-evse", "3", "--password", "pw",
            "--heartbeat-interval", "30", "--charging-fraction", "0.5", "--strict",
            "--progress", "--id-prefix", "X-", "--first-index", "990",
            "--measure-after", "75",
        ]
    )  # fmt: skip
    config = config_from(args)
    assert config.url == "ws://h:1/ocpp"
    assert (config.stations, config.scenario) == (12, "reconnect-storm")
    assert (config.evses, config.connectors_per_evse) == (2, 3)
    assert config.password == "pw" and config.strict and config.progress
    assert config.heartbeat_interval == 30.0 and config.charging_fraction == 0.5
    assert [config.station_id(i) for i in (0, 11)] == ["X-0990", "X-1001"]
    assert sum(config.charges(i) for i in range(12)) == 6
    assert config.measure_after == 75.0


def test_defaults() -> None:
    config = config_from(parser().parse_args(["--url", "ws://h/ocpp"]))
    assert config.scenario == "steady" and config.stations == 1
    assert config.heartbeat_interval is None and config.strict is False
    assert config.measure_after is None
    assert config.station_id(0) == "SIM-0001"


@pytest.mark.parametrize(
    "extra",
    [
        ["--scenario", "nope"],
        ["--stations", "0"],
        ["--charging-fraction", "2"],
        ["--measure-after", "-1"],
    ],
)
def test_bad_values_are_refused(extra: list[str]) -> None:
    with pytest.raises(SystemExit) as exited:
        main(["--url", "ws://h/ocpp", *extra])  # refused before anything connects
    assert exited.value.code == 2


def test_charging_fraction_picks_round_n_times_fraction() -> None:
    for stations, fraction, expected in [(200, 0.2, 40), (3, 0.2, 1), (2, 0.5, 1), (5, 0.0, 0)]:
        config = SimConfig(url="ws://h", stations=stations, charging_fraction=fraction)
        assert sum(config.charges(i) for i in range(stations)) == expected
    assert SimConfig(url="ws://h", stations=3, charging_fraction=1.0).charges(2)
