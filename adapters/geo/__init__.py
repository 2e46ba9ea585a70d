"""Gazetteers: where places are."""
