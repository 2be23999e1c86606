"""GraphQL of the data-transfer block (P): the dataTransfer mutation and the dataTransfers
feed."""
