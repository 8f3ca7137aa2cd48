"""Errors of documents that callers turn into messages or a rolled-back approval."""


class RenderError(Exception):
    """The PDF could not be produced; the message says why."""


class EvidenceError(Exception):
    """A signature, a seal or a package cannot be stored or made as asked; the message says why."""


class OriginalModeError(Exception):
    """The original's mode cannot be set as asked (the version is approved); the message says why."""
