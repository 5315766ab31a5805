"""The exceptions raised by xxgk; each carries the C library's message and, for unreadable input, the position."""

from __future__ import annotations


class Error(Exception):
    """Base of every xxgk error. ``code`` is the C status name (``XXGK_E_PARSE``); ``message`` the library's text;
    ``line``/``column``/``offset``/``page`` locate unreadable input (0 when unknown); ``pointer`` is the JSON
    Pointer of the offending value ("" when none)."""

    def __init__(self, message: str, code: str = "", *, offset: int = 0, line: int = 0, column: int = 0,
                 page: int = 0, pointer: str = ""):
        super().__init__(message)
        self.message = message
        self.code = code
        self.offset, self.line, self.column, self.page, self.pointer = offset, line, column, page, pointer


class InvalidArgument(Error, ValueError):
    """An argument the library refused (unknown language, negative threshold, …)."""


class ParseError(Error, ValueError):
    """The input is not a readable report."""


class FileError(Error, OSError):
    """A file could not be read."""


class OutOfMemory(Error, MemoryError):
    """The library ran out of memory."""


class RangeError(Error, IndexError):
    """An index past the end."""


class UnknownRule(Error, LookupError):
    """A rule id that is not in the catalogue."""


class VersionError(Error):
    """A struct version the loaded library does not know (the library is older than this package)."""


class InternalError(Error):
    """A bug in xxgk."""


class LibraryNotFound(Error, ImportError):
    """libxxgk could not be found or loaded."""


_BY_STATUS = {1: InvalidArgument, 2: ParseError, 3: FileError, 4: OutOfMemory, 5: RangeError, 6: UnknownRule,
              7: VersionError, 8: InternalError}


def from_status(status: int, code: str, message: str, **position) -> Error:
    return _BY_STATUS.get(status, Error)(message or code, code, **position)
