"""Accounts use cases: sign-up, e-mail verification, sessions, password reset, LinkedIn."""
