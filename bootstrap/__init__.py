"""Composition root: settings, dishka providers, the app factory, the worker and the CLI."""
