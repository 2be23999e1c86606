"""No handlers: block I owns no station call. The tariff text of an AuthorizeResponse and
the cost and text of a TransactionEventResponse are priced by `costs.TariffCosts`, which the
authorization and transactions blocks' handlers call through their ports, in their own unit
of work."""
