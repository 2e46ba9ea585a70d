"""Entities, value objects, domain rules and domain errors — pure Python."""
