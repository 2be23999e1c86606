"""Authorization (OCPP 2.0.1 blocks C and D): id tokens, Authorize, ClearCache and local
authorization lists (C01-C09, C11, C16, D01, D02).

Authorize is answered from the `id_token` table (exact value and type, `registry`);
`policy.decide` turns the row, and its group's own row (C09), into the `idTokenInfo`;
`concurrency` adds ConcurrentTx for a token or group charging at another station. Local
lists (`local_lists`, versioned) are planned into SendLocalList messages by `list_plan` and
delivered by the `list_publisher` on api nodes; `list_results` stores what stations answer.
Not here: certificate (ISO 15118) authorization.
"""

from modules.authorization.module import AuthorizationConfig, build_module

__all__ = ["AuthorizationConfig", "build_module"]
