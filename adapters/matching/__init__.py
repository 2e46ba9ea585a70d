"""Batch scorers behind core.ports.matching.BatchScorer."""
