"""The natural key of a stored sample: the digest the handlers compute and the one migration
0017 computed for rows stored before it must agree, or a resend of an old sample would be
stored again."""

from __future__ import annotations

import importlib
from typing import Any

import orjson
import pytest

from modules.transactions.meter_values import content_key

MIGRATION = importlib.import_module("infra.db.migrations.0024_natural_keys")
SIGNED = {"signedMeterData": "abc", "signingMethod": "", "encodingMethod": "OCMF"}


@pytest.mark.parametrize(
    "row",
    [
        {"measurand": "Voltage", "phase": None, "location": None, "context": None},
        {"measurand": "Voltage", "phase": "L1-N", "location": "Outlet", "context": "Other"},
        {"measurand": "SoC", "phase": None, "location": "EV", "context": "Sample.Periodic"},
    ],
)
@pytest.mark.parametrize("signed", [None, SIGNED])
@pytest.mark.parametrize("value", [0.0, 230.5, -1e-7, 1e300])
def test_the_migration_and_the_store_compute_the_same_key(
    row: dict[str, Any], signed: dict[str, str] | None, value: float
) -> None:
    content = dict(row, source="MeterValues", unit="V", multiplier=-1, value=value)
    stored = dict(content, signed_data=None if signed is None else orjson.dumps(signed).decode())

    assert MIGRATION._content_key(stored) == content_key(**content, signed_data=signed)


def test_anything_a_sample_says_changes_its_key() -> None:
    base: dict[str, Any] = {
        "source": "MeterValues",
        "measurand": "Voltage",
        "phase": None,
        "location": None,
        "context": None,
        "unit": "V",
        "multiplier": 0,
        "value": 230.0,
        "signed_data": None,
    }
    changes: dict[str, Any] = {
        "source": "TransactionEvent",
        "measurand": "Current.Import",
        "phase": "L1",
        "location": "Outlet",
        "context": "Sample.Clock",
        "unit": "kV",
        "multiplier": 3,
        "value": 230.1,
        "signed_data": SIGNED,
    }
    keys = {content_key(**dict(base, **{name: value})) for name, value in changes.items()}

    assert len(keys | {content_key(**base)}) == len(changes) + 1
