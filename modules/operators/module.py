"""The operators block has no routing table: it answers no station message and sends no
command (it is about who may use the GraphQL API, and what they did with it)."""
