"""The outbox's domain error: a refused action, with a message for the person who tried it."""


class OutboxError(Exception):
    pass
