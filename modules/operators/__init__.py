"""API access (not an OCPP functional block): operators' API tokens with roles, and the audit
log of what API callers did.

A token is a random secret shown once at creation and stored as its SHA-256 digest; its role
is `viewer`, `operator` or `admin` (`Role`, `allows`). `CSMS_ADMIN_TOKEN` remains the bootstrap
admin. `ApiTokens` creates, revokes and recognises tokens; `AuditLog` writes one entry per
command and change an API caller made; `OperatorQueries` reads both back.
"""

from modules.operators.commands import ApiTokens, AuditLog
from modules.operators.policy import BOOTSTRAP_ADMIN, allows, digest
from modules.operators.queries import OperatorQueries
from modules.operators.records import ApiToken, AuditEntry, AuditView, Caller, NewApiToken, Role
from modules.operators.store import OperatorStore, SqlOperatorStore

__all__ = [
    "BOOTSTRAP_ADMIN",
    "ApiToken",
    "ApiTokens",
    "AuditEntry",
    "AuditLog",
    "AuditView",
    "Caller",
    "NewApiToken",
    "OperatorQueries",
    "OperatorStore",
    "Role",
    "SqlOperatorStore",
    "allows",
    "digest",
]
