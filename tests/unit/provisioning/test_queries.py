"""Provisioning reads on the memory store: connector statuses batched in the order asked
(the station listing's DataLoader) and the bounded boot history."""

from __future__ import annotations

import pytest

from modules.kernel.commands import InvalidCommand
from modules.provisioning import ConnectorRecord, MemoryProvisioningStore, ProvisioningQueries
from tests.support.clock import NOW


async def test_connectors_come_back_in_the_order_of_the_station_ids() -> None:
    store = MemoryProvisioningStore()
    await store.store_connector_status(ConnectorRecord("CS1", 1, 1, "Available", NOW), NOW)
    await store.store_connector_status(ConnectorRecord("CS2", 1, 1, "Faulted", NOW), NOW)

    batches = await ProvisioningQueries(store).connectors(["CS2", "CS-NONE", "CS1"])

    assert [[c.status for c in batch] for batch in batches] == [["Faulted"], [], ["Available"]]


@pytest.mark.parametrize("first", [0, 501])
async def test_boot_history_refuses_a_size_outside_1_to_500(first: int) -> None:
    with pytest.raises(InvalidCommand) as refused:
        await ProvisioningQueries(MemoryProvisioningStore()).boot_history("CS1", first)

    assert str(refused.value) == "first: must be 1 to 500"
