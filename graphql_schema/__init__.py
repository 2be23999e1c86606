"""The GraphQL API: schema, auth, context and the aiohttp view (queries, mutations,
subscriptions over graphql-transport-ws)."""
