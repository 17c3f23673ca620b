"""Errors of the session file, each with a French message for the user."""


class SessionFileError(Exception):
    """The file cannot be used as a session; ``str(exc)`` says why, in French."""


class NotASession(SessionFileError):
    pass


class DamagedSession(SessionFileError):
    pass


class NewerSession(SessionFileError):
    pass


class SessionLocked(SessionFileError):
    pass


class ReadOnlyPhase(SessionFileError):
    """A change refused by the session's phase (R24) or a missing reason (R21)."""


class RuleRefused(SessionFileError):
    """A jury action the rules forbid now (e.g. R20: ajourné before the livret is examined)."""


class StorageError(SessionFileError):
    """The disk refused to write or read: full, read-only, permission denied. The last
    saved state is intact; the message says which and what to do."""


class DiskFull(StorageError):
    pass


class ReadOnlyMedium(StorageError):
    pass


class PermissionDenied(StorageError):
    pass
