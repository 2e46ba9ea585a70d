"""Accounts: users, their credentials and the rules that guard them."""
