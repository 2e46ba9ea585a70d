"""Company use cases: browse, edit, manage the team, follow."""
