"""The exceptions raised by xxgk; each carries the C library's message and, for unreadable input, the reason's
code (``xxgk::error_code``, e.g. ``encrypted``) and the position. The class follows the C status and, for
unreadable input, the reason: ``except xxgk.EncryptedDocument`` catches a password-protected PDF or DOCX."""

from __future__ import annotations


class Error(Exception):
    """Base of every xxgk error. ``code`` is the C status name (``XXGK_E_PARSE``); ``reason`` the code of why input
    could not be read (``json_missing_key``, ``scanned``…; "" for other errors); ``message`` the library's text;
    ``line``/``column``/``offset``/``page`` locate unreadable input (0 when unknown); ``pointer`` is the JSON
    Pointer of the offending value ("" when none)."""

    def __init__(self, message: str, code: str = "", *, offset: int = 0, line: int = 0, column: int = 0,
                 page: int = 0, pointer: str = "", reason: str = ""):
        super().__init__(message)
        self.message = message
        self.code = code
        self.reason = reason
        self.offset, self.line, self.column, self.page, self.pointer = offset, line, column, page, pointer


class InvalidArgument(Error, ValueError):
    """An argument the library refused (unknown language, negative threshold, …)."""


class ParseError(Error, ValueError):
    """The input is not a readable report."""


class NotAReport(ParseError):
    """The input is not a report: another kind of file, a format other than the one named, or no report in it
    (reasons ``foreign_file``, ``wrong_format``, ``no_report``, ``empty``)."""


class DamagedDocument(ParseError):
    """The document is truncated, damaged or not decodable text (``truncated``, ``damaged``, ``malformed_xml``,
    ``invalid_utf8``, ``invalid_utf16``, ``undecodable``, ``nul_byte``)."""


class EncryptedDocument(ParseError):
    """The document needs a password or forbids copying its text (``encrypted``, ``copy_forbidden``)."""


class ScannedDocument(ParseError):
    """A PDF of page images without a text layer (``scanned``): it needs OCR first."""


class DocumentTooLarge(ParseError):
    """The input exceeds a size or nesting limit (``too_large``, ``too_deep``)."""


class UnsupportedFormat(ParseError):
    """This build or machine cannot read the format: no reader built in, or its helper program missing or
    failing (``format_unavailable``, ``tool_failed``)."""


class InvalidJson(ParseError):
    """Canonical JSON that is malformed or does not follow the format (every ``json_*`` reason); ``pointer`` or
    ``line``/``column`` say where."""


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


_BY_REASON = {
    "foreign_file": NotAReport, "wrong_format": NotAReport, "no_report": NotAReport, "empty": NotAReport,
    "truncated": DamagedDocument, "damaged": DamagedDocument, "malformed_xml": DamagedDocument,
    "invalid_utf8": DamagedDocument, "invalid_utf16": DamagedDocument, "undecodable": DamagedDocument,
    "nul_byte": DamagedDocument, "encrypted": EncryptedDocument, "copy_forbidden": EncryptedDocument,
    "scanned": ScannedDocument, "too_large": DocumentTooLarge, "too_deep": DocumentTooLarge,
    "format_unavailable": UnsupportedFormat, "tool_failed": UnsupportedFormat,
}


def exception_class(status: int, reason: str = "") -> type:
    """The exception class of a C status and, for unreadable input, of its reason code."""
    if status == 2 and reason.startswith("json_"):
        return InvalidJson
    if status == 2 and reason in _BY_REASON:
        return _BY_REASON[reason]
    return _BY_STATUS.get(status, Error)


def from_status(status: int, code: str, message: str, *, reason: str = "", **position) -> Error:
    return exception_class(status, reason)(message or code, code, reason=reason, **position)
