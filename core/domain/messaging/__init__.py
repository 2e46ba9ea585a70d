"""Messaging: conversations between two people (a recruiter and a candidate, or a site admin
and anyone) and their messages, read over REST and live over WebSocket."""
