"""Payment providers (Stripe, AfribaPay, local sandbox) — arrive with the billing module."""
