"""Candidate and recruiter profiles: what a candidate offers and what matching will read."""
