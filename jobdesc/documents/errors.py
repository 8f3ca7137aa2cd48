"""Errors of document rendering that callers turn into messages or a rolled-back approval."""


class RenderError(Exception):
    """The PDF could not be produced; the message says why."""
