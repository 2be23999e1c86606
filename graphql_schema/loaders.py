"""DataLoaders: one query per batch, however many stations a response lists."""

from __future__ import annotations

from typing import Any

from strawberry.dataloader import DataLoader

from graphql_schema.context import Context
from modules.provisioning import ConnectorRecord, ProvisioningQueries


def connectors_loader(context: Context) -> DataLoader[str, list[ConnectorRecord]]:
    """The request's connector-status loader (provisioning's reads), created on first use."""
    loader: DataLoader[Any, Any] | None = context.loaders.get("connectors")
    if loader is None:
        loader = DataLoader(load_fn=context.services.block(ProvisioningQueries).connectors)
        context.loaders["connectors"] = loader
    return loader
