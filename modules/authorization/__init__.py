"""Authorization (OCPP 2.0.1 block C): id tokens and the Authorize request (C01-C08, C16).

Answers Authorize from the `id_token` table: the token is looked up by its exact value
(case-sensitive) and type; `policy.decide` turns the stored row (or its absence) into the
`idTokenInfo` the station is told. Not here yet: ConcurrentTx and other rules that need the
transactions block, certificate (ISO 15118) authorization, local lists and cache commands.
"""

from modules.authorization.module import AuthorizationConfig, build_module

__all__ = ["AuthorizationConfig", "build_module"]
