"""HTTP routes of the accounts module (``/accounts/api/v1/``)."""
