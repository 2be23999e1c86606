"""GraphQL of the remote-control block (F): the four command mutations and the remote-start
queries."""
