"""File storage adapters (local data dir; S3-compatible later)."""
