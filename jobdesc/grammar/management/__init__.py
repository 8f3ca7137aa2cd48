"""Management commands of the grammar app."""
