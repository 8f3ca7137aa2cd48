"""Query expressions the ORM does not write as the database plans them best, and the parameters of SQL written out."""

from django.db.models.lookups import In


def placeholders(values) -> str:
    """`%s, %s, …`, one for each of `values`: the parameters of a hand-written `IN (…)`."""
    return ", ".join(["%s"] * len(values))


def by_kind(rows, kinds: int) -> tuple[list[tuple], ...]:
    """The rows of `SELECT 0, … UNION ALL SELECT 1, …` (a few short lists read in one query), one list per kind in
    the rows' order, each row without its kind."""
    lists = tuple([] for _kind in range(kinds))
    for kind, *columns in rows:
        lists[kind].append(tuple(columns))
    return lists


class AmongKeys(In):
    """`lhs IN (subquery)`, written on PostgreSQL as `lhs = ANY(ARRAY(subquery))`.

    For a subquery of few keys: PostgreSQL runs it once and looks the keys up as an array, where a join or
    an `IN` is planned from a guess at how many rows it matches. The requests of versions in force on the
    signatures dashboard: as a join, the planner expected one request in a hundred (as if they matched
    like any of the journal's 5 000 versions) and looked each request's employee up by index rather than
    hashing the employees once, twice as slow for a thousand requests. The latest version of each
    instruction on the home page: as `IN`, every version was read and hashed to keep fifty.
    """

    def as_postgresql(self, compiler, connection):
        lhs, lhs_params = self.process_lhs(compiler, connection)
        rhs, rhs_params = self.process_rhs(compiler, connection)
        return f"{lhs} = ANY(ARRAY{rhs})", (*lhs_params, *rhs_params)
