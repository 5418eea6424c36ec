"""Small SQL expressions of our own, where compiling the queryset they stand for cost a
page more CPU than the database spent on it (bench/README.md)."""

from django.db import models


class TableFunc(models.Func):
    """A `Func` whose template names tables and columns: `names()` returns them by
    placeholder (`{"table": "measures_measure"}`), and they are quoted for the
    connection."""

    def names(self):
        raise NotImplementedError

    def as_sql(self, compiler, connection, **extra_context):
        quote = connection.ops.quote_name
        quoted = {key: quote(name) for key, name in self.names().items()}
        return super().as_sql(compiler, connection, **quoted, **extra_context)
