"""Tortoise models of block I (tariffs and cost): tariffs with their time-of-day bands, where
each applies, and each transaction's cost with its breakdown. Money is NUMERIC (exact)."""

from __future__ import annotations

from decimal import Decimal
from typing import Any

from tortoise import fields
from tortoise.models import Model


def money() -> fields.DecimalField[Decimal]:
    """An exact amount (up to 12 digits before the point, 6 after)."""
    return fields.DecimalField(max_digits=18, decimal_places=6)


def money_or_none() -> fields.DecimalField[Decimal | None]:
    """An exact amount, or none."""
    return fields.DecimalField(max_digits=18, decimal_places=6, null=True)


class Tariff(Model):
    """A tariff: per-kWh, per-hour charging and per-hour idle prices, session fee, minimum
    and maximum price, tax rate, currency, time zone, its bands (JSON: weekdays, minutes of
    the day, prices as decimal strings) and the driver-facing text; `revision` grows at each
    update."""

    id = fields.BigIntField(primary_key=True)
    name = fields.CharField(max_length=100)
    currency = fields.CharField(max_length=3)
    energy_per_kwh = money_or_none()
    time_per_hour = money_or_none()
    idle_per_hour = money_or_none()
    session_fee = money()
    min_price = money_or_none()
    max_price = money_or_none()
    tax_rate_percent = money()
    time_zone = fields.CharField(max_length=64)
    bands: fields.JSONField[list[dict[str, Any]]] = fields.JSONField()
    text = fields.CharField(max_length=512, null=True)
    language = fields.CharField(max_length=8, null=True)
    revision = fields.IntField()
    updated_at = fields.DatetimeField()

    class Meta:
        table = "tariff"


class TariffAssignment(Model):
    """Where a tariff applies (`place_key`, one tariff per place): an id token (or group id
    token) value, a station's EVSE, a station, or "default"."""

    id = fields.BigIntField(primary_key=True)
    tariff: fields.ForeignKeyRelation[Tariff] = fields.ForeignKeyField(
        "csms.Tariff", related_name="assignments", on_delete=fields.CASCADE
    )
    place_key = fields.CharField(max_length=100, unique=True)
    station_id = fields.CharField(max_length=48, null=True)
    evse_id = fields.IntField(null=True)
    id_token = fields.CharField(max_length=36, null=True)

    class Meta:
        table = "tariff_assignment"


class TransactionCost(Model):
    """A transaction's cost: its EVSE, the tariff (and revision) it was priced with, the
    revision whose text the station was sent, the meter points (JSON) it was priced from, the
    breakdown; `final` once the transaction ended."""

    id = fields.BigIntField(primary_key=True)
    station_id = fields.CharField(max_length=48)
    transaction_id = fields.CharField(max_length=36)
    evse_id = fields.IntField(null=True)
    tariff_id = fields.BigIntField()
    tariff_revision = fields.IntField()
    told = fields.CharField(max_length=40, null=True)
    started_at = fields.DatetimeField(null=True)
    ended_at = fields.DatetimeField(null=True)
    points: fields.JSONField[list[list[Any]]] = fields.JSONField()
    currency = fields.CharField(max_length=3)
    energy_wh = fields.DecimalField(max_digits=24, decimal_places=6)
    charging_seconds = fields.DecimalField(max_digits=24, decimal_places=6)
    idle_seconds = fields.DecimalField(max_digits=24, decimal_places=6)
    energy = money()
    time = money()
    idle = money()
    fixed = money()
    subtotal = money()
    minimum_applied = fields.BooleanField()
    maximum_applied = fields.BooleanField()
    net = money()
    tax = money()
    total = money()
    final = fields.BooleanField()
    updated_at = fields.DatetimeField()

    class Meta:
        table = "transaction_cost"
        unique_together = (("station_id", "transaction_id"),)
        indexes = (("station_id", "evse_id", "final"),)
