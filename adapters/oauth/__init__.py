"""Sign-in with external identity providers (LinkedIn OpenID Connect)."""
