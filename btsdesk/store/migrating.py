"""sqlite-utils' migrations, declared at import and built when first applied.

Importing sqlite-utils loads click, dateutil and pluggy (about 50 ms, a sixth of the
launch): a file opened to be read, as at launch, does not need it; a file created, upgraded
or written to does, and loads it then (``FileStore.db``)."""

from __future__ import annotations

from collections.abc import Callable
from typing import TYPE_CHECKING, Any, TypeVar

if TYPE_CHECKING:
    from sqlite_utils import Database
    from sqlite_utils.migrations import Migrations as SqliteUtilsMigrations

Step = Callable[["Database"], None]
S = TypeVar("S", bound=Step)


class Migrations:
    """The same declarations as ``sqlite_utils.migrations.Migrations``
    (``@migrations(name="001_initial")``), handed to it on the first ``apply``."""

    def __init__(self, name: str) -> None:
        self.name = name
        self._steps: list[tuple[str, Step]] = []
        self._built: SqliteUtilsMigrations | None = None

    def __call__(self, *, name: str) -> Callable[[S], S]:
        def declare(step: S) -> S:
            self._steps.append((name, step))
            return step

        return declare

    def apply(self, db: Database, **options: Any) -> None:
        """sqlite-utils' ``apply``: each pending migration in its transaction."""
        self.built().apply(db, **options)

    def built(self) -> SqliteUtilsMigrations:
        if self._built is None:
            from sqlite_utils.migrations import Migrations as SqliteUtilsMigrations

            built = SqliteUtilsMigrations(self.name)
            for name, step in self._steps:
                built(name=name)(step)
            self._built = built
        return self._built
