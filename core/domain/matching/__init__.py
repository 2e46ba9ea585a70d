"""Matching: how well a candidate fits a job, explainably."""
