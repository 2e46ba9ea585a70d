"""Background work: the outbox relay and dramatiq broker/actors."""
