"""GraphQL of block I: tariffs, their assignments, transaction costs, CostUpdated and the
TariffCostCtrlr fallback texts."""
