"""DataLoaders: one query per batch, however many stations a response lists."""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

from strawberry.dataloader import DataLoader

from graphql_schema.context import Context
from infra.db.models import ConnectorStatus


async def _load_connectors(station_ids: Sequence[str]) -> list[list[ConnectorStatus]]:
    rows = await ConnectorStatus.filter(station_id__in=list(station_ids))
    by_station: dict[str, list[ConnectorStatus]] = {sid: [] for sid in station_ids}
    for row in rows:
        by_station[str(row.station_id)].append(row)  # type: ignore[attr-defined]
    return [by_station[sid] for sid in station_ids]


def connectors_loader(context: Context) -> DataLoader[str, list[ConnectorStatus]]:
    """The request's connector-status loader, created on first use."""
    loader: DataLoader[Any, Any] | None = context.loaders.get("connectors")
    if loader is None:
        loader = DataLoader(load_fn=_load_connectors)
        context.loaders["connectors"] = loader
    return loader
