"""Every OCPP 2.0.1 message a station may send is answered by a block of this CSMS: none gets
NotSupported (issues 21 and 22: "no station message of these blocks is answered NotSupported
any more"). Routing of an action no module owns is tested on the routing table itself."""

from __future__ import annotations

from app.bootstrap import Stores, all_modules
from app.settings import Environment, Settings
from modules.kernel.routing import build_routing_table
from modules.provisioning import LastSeenBuffer


def test_no_station_action_is_left_without_an_owner() -> None:
    stores = Stores()
    table = build_routing_table(
        all_modules(
            Settings(environment=Environment.DEV), LastSeenBuffer(stores.provisioning), stores
        )
    )

    assert table.unowned_station_actions() == frozenset()
