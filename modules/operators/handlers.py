"""The operators block handles no station message: API tokens and the audit log concern the
operators' GraphQL API only."""
