"""GraphQL of the customer-information block (N09/N10): the customerInformation mutation, the
requests with their assembled data, and the audit of removals."""
