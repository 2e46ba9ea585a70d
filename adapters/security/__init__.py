"""Password hashing (argon2id), session JWTs and signed action tokens."""
