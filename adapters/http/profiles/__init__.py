"""HTTP routes of candidate and recruiter profiles."""
