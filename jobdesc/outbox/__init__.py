"""Outgoing e-mail through a queued outbox, and the background tasks that send it (see README.md here)."""
