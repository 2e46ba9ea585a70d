"""Candidate and recruiter profile use cases."""
