"""Bands and meter points as the JSON the store keeps (decimals as strings, so they stay
exact), and back."""

from __future__ import annotations

from collections.abc import Iterable
from datetime import datetime
from decimal import Decimal
from typing import Any

from modules.tariffs.records import Band, MeterPoint, Prices

PRICE_KEYS = ("energyPerKwh", "timePerHour", "idlePerHour")


def _text(value: Decimal | None) -> str | None:
    return str(value) if value is not None else None


def _decimal(value: Any) -> Decimal | None:
    return Decimal(value) if value is not None else None


def prices_json(prices: Prices) -> dict[str, str | None]:
    """Prices as JSON."""
    values = (prices.energy_per_kwh, prices.time_per_hour, prices.idle_per_hour)
    return {key: _text(value) for key, value in zip(PRICE_KEYS, values, strict=True)}


def prices_of(data: dict[str, Any]) -> Prices:
    """Prices from JSON."""
    return Prices(*(_decimal(data.get(key)) for key in PRICE_KEYS))


def bands_json(bands: Iterable[Band]) -> list[dict[str, Any]]:
    """Bands as JSON."""
    return [
        {
            "days": sorted(band.days),
            "start": band.start_minute,
            "end": band.end_minute,
            **prices_json(band.prices),
        }
        for band in bands
    ]


def bands_of(data: Iterable[dict[str, Any]]) -> tuple[Band, ...]:
    """Bands from JSON."""
    return tuple(
        Band(
            days=frozenset(item["days"]),
            start_minute=item["start"],
            end_minute=item["end"],
            prices=prices_of(item),
        )
        for item in data
    )


def points_json(points: Iterable[MeterPoint]) -> list[list[Any]]:
    """Meter points as JSON rows [ISO time, Wh or null, charging state or null]."""
    return [[p.at.isoformat(), _text(p.energy_wh), p.charging_state] for p in points]


def points_of(data: Iterable[list[Any]]) -> tuple[MeterPoint, ...]:
    """Meter points from JSON rows."""
    return tuple(
        MeterPoint(at=datetime.fromisoformat(at), energy_wh=_decimal(wh), charging_state=state)
        for at, wh, state in data
    )
