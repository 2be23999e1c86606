"""GraphQL of API access: API tokens (`apiTokens`, `createApiToken`, `revokeApiToken`) and the
audit log (`auditLog`), all for admins."""
