"""No events: a tariff or cost change is read back through GraphQL (`tariffs`,
`transactionCost`), and a transaction's cost changes only with the TransactionEvent whose
TRANSACTION_UPDATED / TRANSACTION_ENDED event the transactions block already publishes."""
