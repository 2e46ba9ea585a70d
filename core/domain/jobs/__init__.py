"""Job postings and their reference data."""
