"""Document rendering (PDF CVs)."""
