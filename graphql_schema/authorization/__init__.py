"""GraphQL of the authorization block (C): id tokens (idTokens, upsertIdToken, deleteIdToken,
importIdTokens) and the clearCache command."""
