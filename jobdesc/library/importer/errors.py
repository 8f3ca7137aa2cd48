"""The one error the importer raises: its message is the line shown to the person importing."""


class ImporterError(Exception):
    """The input cannot be imported; the message says why in one line."""
