"""Local fakes of third-party HTTP APIs, served for real on loopback."""
