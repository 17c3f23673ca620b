"""The one error the core raises for bad input: a French message for people."""


class InvalidInput(ValueError):
    """Input that breaks a rule of domain.md; ``str(exc)`` is a French message that says
    what is wrong and where."""

    def within(self, place: str) -> "InvalidInput":
        """The same error, its message prefixed by where it happened ("candidat 0123")."""
        return InvalidInput(f"{place} : {self}")
