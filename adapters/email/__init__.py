"""E-mail: templates, .eml files in the data dir, SMTP."""
