"""The data-transfer routing table."""

from __future__ import annotations

from ocpp.v201 import call

from modules.data_transfer.commands import DataTransferResults
from modules.data_transfer.handlers import DataTransferHandlers
from modules.data_transfer.store import DataTransferStore
from modules.data_transfer.vendors import VendorRegistry
from modules.kernel.routing import Module, StationCallRoute, command


def build_module(store: DataTransferStore, vendors: VendorRegistry) -> Module:
    """The data-transfer module (block P: P01, P02) on `store`, answering stations' transfers
    with the handlers in `vendors`."""
    handlers = DataTransferHandlers(store, vendors)
    results = DataTransferResults(store)
    return Module(
        name="data_transfer",
        station_calls={
            "DataTransfer": StationCallRoute(call.DataTransfer, handlers.data_transfer),
        },
        commands={"DataTransfer": command("DataTransfer", results.data_transfer_result)},
    )
