"""Management commands of the clause library."""
