"""The customer-information routing table."""

from __future__ import annotations

from ocpp.v201 import call

from modules.customer_information.commands import CustomerInformationResults
from modules.customer_information.handlers import CustomerInformationHandlers
from modules.customer_information.store import CustomerInformationStore
from modules.kernel.routing import Module, StationCallRoute, command


def build_module(store: CustomerInformationStore) -> Module:
    """The customer-information module (block N: N09, N10) on `store`."""
    handlers = CustomerInformationHandlers(store)
    results = CustomerInformationResults(store)
    return Module(
        name="customer_information",
        station_calls={
            "NotifyCustomerInformation": StationCallRoute(
                call.NotifyCustomerInformation, handlers.notify_customer_information
            ),
        },
        commands={
            "CustomerInformation": command(
                "CustomerInformation", results.customer_information_result
            )
        },
    )
