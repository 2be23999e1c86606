"""GraphQL of the transactions block (E, J): transactions and meter samples, GetTransactionStatus,
and the live transactionEvents and meterValues subscriptions."""
