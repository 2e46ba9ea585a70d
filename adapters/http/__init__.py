"""Litestar HTTP adapter: controllers, request/response Structs, the error table, auth."""
