"""The operators block emits no domain event: the audit log is its record, and a revoked token
reaches other nodes through their short token cache and subscription check, not the bus."""
