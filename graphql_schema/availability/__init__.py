"""GraphQL of the availability block (G): the changeAvailability mutation."""
