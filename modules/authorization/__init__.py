"""Authorization (OCPP 2.0.1 block C): id tokens, Authorize, ClearCache (C01-C09, C11, C16).

Authorize is answered from the id-token registry (exact value and type); `policy.decide`
turns the stored token, and its group's own entry (C09), into the `idTokenInfo`, and
ConcurrentTx is answered for a token or group charging at another station. `TokenAuthority`
decides tokens the same way for other blocks (TransactionEvent idTokenInfo), `TokenInfos`
gives the idTokenInfo of many tokens (local lists, block D, which follows registry changes as
a `RegistryListener`). An ISO 15118 contract certificate presented with Authorize (C07) is
checked through the `ContractCertificateCheck` port the composition root fills.
"""

from modules.authorization.authority import (
    TokenAuthority,
    TokenDecision,
    TokenInfo,
    TokenInfos,
    id_token_info,
)
from modules.authorization.commands import (
    AfterCommit,
    IdTokenRegistry,
    ImportResult,
    RegistryListener,
    clear_cache,
)
from modules.authorization.events import CacheCleared
from modules.authorization.memory_store import MemoryAuthorizationStore
from modules.authorization.module import AuthorizationConfig, build_module
from modules.authorization.policy import (
    MAX_IMPORT,
    STORABLE_STATUSES,
    GroupIdToken,
    IdTokenEntry,
    KnownToken,
    PersonalMessage,
    TokenIdentity,
    TokenKey,
)
from modules.authorization.ports import ContractCertificateCheck, TariffText, TariffTexts
from modules.authorization.queries import IdTokenQueries
from modules.authorization.store import (
    AuthorizationStore,
    IdTokenRecord,
    SqlAuthorizationStore,
)

__all__ = [
    "MAX_IMPORT",
    "STORABLE_STATUSES",
    "AfterCommit",
    "AuthorizationConfig",
    "AuthorizationStore",
    "CacheCleared",
    "ContractCertificateCheck",
    "GroupIdToken",
    "IdTokenEntry",
    "IdTokenQueries",
    "IdTokenRecord",
    "IdTokenRegistry",
    "ImportResult",
    "KnownToken",
    "MemoryAuthorizationStore",
    "PersonalMessage",
    "RegistryListener",
    "SqlAuthorizationStore",
    "TariffText",
    "TariffTexts",
    "TokenAuthority",
    "TokenDecision",
    "TokenIdentity",
    "TokenInfo",
    "TokenInfos",
    "TokenKey",
    "build_module",
    "clear_cache",
    "id_token_info",
]
