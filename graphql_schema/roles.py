"""Which API role each root field needs, declared in this one place.

Queries and subscriptions need `viewer`, except the admin reads below. A mutation needs
`operator` (commands to stations) unless it is listed as an admin mutation: changes to
stations and their boot settings and passwords, id tokens, local lists, the firmware
catalogue, tariffs and sites, the certificates stations trust, API tokens, and `sendCall`,
which can send a station anything. A test fails when a mutation is listed in
neither set, so each new mutation is classified when it is added; until then it needs
`operator`, never less.
"""

from __future__ import annotations

from graphql import OperationType

from modules.operators import Role

ADMIN_QUERIES = frozenset({"apiTokens", "auditLog"})
"""Query fields only an admin reads."""

ADMIN_MUTATIONS = frozenset(
    {
        "addFirmware",
        "assignLocalAuthList",
        "assignTariff",
        "certificateSigned",
        "clearBootConfiguration",
        "createApiToken",
        "createLocalAuthList",
        "createTariff",
        "deleteCertificate",
        "deleteIdToken",
        "deleteLocalAuthList",
        "deleteSite",
        "deleteStation",
        "deleteTariff",
        "importIdTokens",
        "installCertificate",
        "removeFirmware",
        "revokeApiToken",
        "rotateStationPassword",
        "sendCall",
        "setBootConfiguration",
        "setBootPolicy",
        "setSiteStations",
        "setTariffFallbackMessages",
        "unassignLocalAuthList",
        "unassignTariff",
        "updateLocalAuthList",
        "updateTariff",
        "upsertIdToken",
        "upsertSite",
        "upsertStation",
    }
)
"""Mutations that change what the CSMS holds about the fleet or who may use the API."""

OPERATOR_MUTATIONS = frozenset(
    {
        "broadcastDisplayMessage",
        "cancelFirmwareCampaign",
        "cancelReservation",
        "changeAvailability",
        "clearCache",
        "clearChargingProfile",
        "clearDisplayMessage",
        "clearVariableMonitoring",
        "costUpdated",
        "createFirmwareCampaign",
        "customerInformation",
        "dataTransfer",
        "getBaseReport",
        "getChargingProfiles",
        "getCompositeSchedule",
        "getDisplayMessages",
        "getInstalledCertificateIds",
        "getLocalListVersion",
        "getLog",
        "getMonitoringReport",
        "getReport",
        "getTransactionStatus",
        "getVariables",
        "publishFirmware",
        "requestStartTransaction",
        "requestStopTransaction",
        "reserveNow",
        "reset",
        "sendLocalList",
        "setChargingProfile",
        "setDisplayMessage",
        "setMonitoringBase",
        "setMonitoringLevel",
        "setNetworkProfile",
        "setVariableMonitoring",
        "setVariables",
        "triggerMessage",
        "unlockConnector",
        "unpublishFirmware",
        "updateFirmware",
    }
)
"""Mutations that send commands to stations."""


def needed_role(operation: OperationType, field: str) -> Role:
    """The least role that may select `field` at the root of an `operation`."""
    if operation is OperationType.MUTATION:
        return Role.ADMIN if field in ADMIN_MUTATIONS else Role.OPERATOR
    if field in ADMIN_QUERIES:
        return Role.ADMIN
    return Role.VIEWER
