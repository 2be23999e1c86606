"""Tariffs and cost (OCPP 2.0.1 block I, I01-I06).

Tariffs (energy per kWh, charging time per hour, idle time per hour after charging, session
fee, minimum and maximum price, tax rate, currency, time-of-day and weekday bands, the
driver-facing text) are assigned to an id token (or group id token), a station's EVSE, a
station, or as the default (`policy.choose`). `costs.TariffCosts` prices a transaction from
its energy readings and charging states (`pricing`) in the unit of work of each
TransactionEvent and stores the cost with its breakdown; the transactions block puts the
running (Updated) and final (Ended) `totalCost` and the tariff text in its response, the
authorization block the tariff text in the AuthorizeResponse. Energy a station reports in
MeterValues during a priced transaction is added to it and the running cost sent as
CostUpdated (`running_costs`); CostUpdated and the TariffCostCtrlr fallback texts are also
sent by operator command.
"""

from modules.tariffs.admin import TariffAdmin
from modules.tariffs.commands import cost_updated, fallback_messages
from modules.tariffs.costs import DriverText, Quote, TariffCosts
from modules.tariffs.module import build_module
from modules.tariffs.pricing import band_of, clock
from modules.tariffs.queries import AssignedTariff, TariffQueries
from modules.tariffs.records import (
    Assignment,
    Band,
    CostBreakdown,
    MeterPoint,
    Prices,
    SessionCost,
    TariffSpec,
    TariffView,
)
from modules.tariffs.running_costs import RunningCostFollower
from modules.tariffs.store import SqlTariffStore, TariffStore

__all__ = [
    "AssignedTariff",
    "Assignment",
    "Band",
    "CostBreakdown",
    "DriverText",
    "MeterPoint",
    "Prices",
    "Quote",
    "RunningCostFollower",
    "SessionCost",
    "SqlTariffStore",
    "TariffAdmin",
    "TariffCosts",
    "TariffQueries",
    "TariffSpec",
    "TariffStore",
    "TariffView",
    "band_of",
    "build_module",
    "clock",
    "cost_updated",
    "fallback_messages",
]
