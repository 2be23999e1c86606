"""What every block's GraphQL shares: input errors, paging and cursors, command outcomes,
and enums wrapped from the `ocpp` package."""
