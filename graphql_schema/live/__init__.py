"""Live GraphQL subscriptions: the generic `stationEvents` field, the execution context that
keeps long subscriptions from growing with every event, and the shared feeds that run each
identical live subscription once for all its subscribers (graphql-transport-ws)."""
