"""Query expressions the ORM does not write as the database plans them best."""

from django.db.models.lookups import In


class AmongKeys(In):
    """`lhs IN (subquery)`, written on PostgreSQL as `lhs = ANY(ARRAY(subquery))`.

    For a subquery whose rows are few and nearly all rows of `lhs` match, such as the versions in force
    for the requests of a dashboard: PostgreSQL runs the subquery once and, the keys being an array,
    estimates the rows that match as a fair share of the table. A join or an `IN` instead is estimated as
    if the keys matched like any of the table's rows (one request in a hundred for a version in force of
    a journal with 5 000 versions), and for a few rows the planner looks each one's employee up by index
    rather than hashing the employees once: twice as slow as it planned for a thousand requests.
    """

    def as_postgresql(self, compiler, connection):
        lhs, lhs_params = self.process_lhs(compiler, connection)
        rhs, rhs_params = self.process_rhs(compiler, connection)
        return f"{lhs} = ANY(ARRAY{rhs})", (*lhs_params, *rhs_params)
