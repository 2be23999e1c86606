"""Cache adapters (aiocache, in-memory or Redis) and the station directory built on them."""
