"""GraphQL of the local-lists block (D): lists, their entries, station assignments, and the
sendLocalList / getLocalListVersion commands."""
