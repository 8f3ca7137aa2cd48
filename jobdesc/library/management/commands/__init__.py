"""Management commands of the clause library: importing instructions, exporting and seeding clauses."""
