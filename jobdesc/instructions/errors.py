"""Domain errors of the instructions package; views turn them into messages."""

from django.core.exceptions import PermissionDenied


class FrozenVersionError(PermissionDenied):
    """Raised on any attempt to change a version that may no longer change."""


class WorkflowError(Exception):
    """A step that the rules do not allow now (wrong state, wrong role, missing data)."""
