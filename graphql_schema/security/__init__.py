"""GraphQL of the security block (A): the securityEvents feed."""
