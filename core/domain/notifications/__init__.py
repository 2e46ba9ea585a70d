"""In-app notifications and who gets which by e-mail."""
