"""The only module that touches ctypes: loads libxxgk, declares every C function once, and turns status codes
into ``xxgk.Error`` exceptions carrying the library's message.

The library is looked up in this order: the ``XXGK_LIBRARY`` environment variable (a path), a ``libxxgk.so*``
next to this package (a wheel carries one), the library the package was installed with by ``cmake --install`` or
the Debian package python3-xxgk (``_installed.py``, written then), the system's library path
(``libxxgk.so.N``), and last ``build/capi/`` of the source checkout this package sits in.
"""

from __future__ import annotations

import ctypes
import ctypes.util
import glob
import os
from ctypes import POINTER, Structure, c_char, c_char_p, c_int, c_size_t, c_uint32, c_void_p

from . import _errors

# The C library's SONAME number (XXGK_C_SOVERSION in CMakeLists.txt): libxxgk.so.0.
ABI_MAJOR = 0


def _installed_library(here: str) -> str | None:
    """The library `cmake --install` put beside this package (relative path in _installed.py), if it is there."""
    try:
        from . import _installed
    except ImportError:
        return None
    path = os.path.normpath(os.path.join(here, _installed.LIBRARY))
    return path if os.path.exists(path) else None


def _find_library() -> str:
    explicit = os.environ.get("XXGK_LIBRARY")
    if explicit:
        if not os.path.exists(explicit):
            raise _errors.LibraryNotFound(f"XXGK_LIBRARY names {explicit!r}, which does not exist")
        return explicit
    here = os.path.dirname(os.path.abspath(__file__))
    for pattern in (f"libxxgk.so.{ABI_MAJOR}", "libxxgk.so", f"libxxgk.so.{ABI_MAJOR}.*", "libxxgk.dylib", "xxgk.dll"):
        found = sorted(glob.glob(os.path.join(here, pattern)))
        if found:
            return found[0]
    installed = _installed_library(here)
    if installed:
        return installed
    system = ctypes.util.find_library("xxgk")
    if system:
        return system
    # Last, a source checkout built as the README says (build/ at the top of the tree), so the examples run from a
    # plain shell right after building.
    built = os.path.join(here, "..", "..", "..", "build", "capi", f"libxxgk.so.{ABI_MAJOR}")
    return os.path.normpath(built) if os.path.exists(built) else f"libxxgk.so.{ABI_MAJOR}"


def _load() -> ctypes.CDLL:
    name = _find_library()
    try:
        return ctypes.CDLL(name)
    except OSError as e:
        raise _errors.LibraryNotFound(
            f"cannot load the xxgk C library ({name}): {e}; install it (the Debian package "
            f"libxxgk{ABI_MAJOR}, or cmake --install), or build it (target xxgk_c) and install this package again "
            "so that its wheel carries it, or set XXGK_LIBRARY to the path of libxxgk.so") from None


class String(Structure):
    _fields_ = [("data", c_void_p), ("size", c_size_t)]

    def text(self) -> str | None:
        if not self.data:
            return None
        return ctypes.string_at(self.data, self.size).decode("utf-8")


class ErrorInfo(Structure):
    _fields_ = [("version", c_uint32), ("size", c_uint32), ("code", c_int), ("message", String),
                ("offset", c_size_t), ("line", c_size_t), ("column", c_size_t), ("page", c_size_t),
                ("pointer", String), ("reason", String)]


class SeverityOverride(Structure):
    _fields_ = [("rule", c_char_p), ("severity", c_int)]


class Deadline(Structure):
    _fields_ = [("kind", c_int), ("month", c_uint32), ("day", c_uint32)]


class CheckOptions(Structure):
    _fields_ = [("version", c_uint32), ("size", c_uint32), ("language", c_int),
                ("disabled_rules", POINTER(c_char_p)), ("disabled_count", c_size_t),
                ("severity_overrides", POINTER(SeverityOverride)), ("severity_override_count", c_size_t),
                ("fee_unit_threshold", c_char_p),
                # version 2
                ("deadlines", POINTER(Deadline)), ("deadline_count", c_size_t), ("require_date", c_int),
                ("similarity", c_char_p), ("parent_includes_own", c_int)]


class SourcePosition(Structure):
    _fields_ = [(name, c_uint32) for name in ("line", "column", "page", "table", "row", "cell")]


class Diagnostic(Structure):
    _fields_ = [("version", c_uint32), ("size", c_uint32), ("rule", String), ("severity", c_int), ("status", c_int),
                ("pointer", String), ("pointer_count", c_size_t), ("table_label", String), ("row_label", String),
                ("column_label", String), ("left", String), ("right", String), ("difference", String),
                ("text", String), ("message", String), ("source", SourcePosition)]


class RuleInfo(Structure):
    _fields_ = [("version", c_uint32), ("size", c_uint32), ("id", String), ("default_severity", c_int),
                ("scope", c_int), ("title_zh", String), ("title_en", String), ("message_zh", String),
                ("message_en", String), ("rationale", String), ("rationale_zh", String)]


# Typed opaque handles, so a report cannot be passed where a result is expected.
class _Report(Structure):
    pass


class _Options(Structure):
    pass


class _Result(Structure):
    pass


ReportPtr, OptionsPtr, ResultPtr = POINTER(_Report), POINTER(_Options), POINTER(_Result)


class CheckContext(Structure):
    _fields_ = [("version", c_uint32), ("size", c_uint32), ("previous", ReportPtr),
                ("children", POINTER(ReportPtr)), ("child_count", c_size_t)]


class RenderOptions(Structure):
    _fields_ = [("version", c_uint32), ("size", c_uint32), ("format", c_int), ("language", c_int),
                ("source_name", c_char_p)]

class Batch(Structure):
    _fields_ = [("version", c_uint32), ("size", c_uint32), ("count", c_size_t), ("paths", POINTER(c_char_p)),
                ("documents", POINTER(c_char_p)), ("sizes", POINTER(c_size_t)), ("format", c_int),
                ("threads", c_uint32)]


CHECK_OPTIONS_VERSION = 2
CHECK_CONTEXT_VERSION = 1
RENDER_OPTIONS_VERSION = 1
BATCH_VERSION = 1
DIAGNOSTIC_VERSION = 1
RULE_INFO_VERSION = 2
ERROR_INFO_VERSION = 2
JSON_PRETTY = 1
JSON_POSITIONS = 2

_lib = _load()


def _error_info() -> ErrorInfo:
    info = ErrorInfo(version=ERROR_INFO_VERSION, size=ctypes.sizeof(ErrorInfo))
    _lib.xxgk_last_error(ctypes.byref(info))
    return info


def _check_status(status, func, args):
    if status == 0:
        return status
    info = _error_info()
    raise _errors.from_status(
        status, _lib.xxgk_status_name(status).decode(), info.message.text() or "", offset=info.offset,
        line=info.line, column=info.column, page=info.page, pointer=info.pointer.text() or "",
        reason=info.reason.text() or "")


_P = POINTER
_STATUS = (c_int, _check_status)
# (name, argtypes, restype, errcheck)
_FUNCTIONS = [
    ("xxgk_last_error", [_P(ErrorInfo)], c_int, None),
    ("xxgk_last_error_message", [], c_char_p, None),
    ("xxgk_status_name", [c_int], c_char_p, None),
    ("xxgk_version", [_P(c_int), _P(c_int), _P(c_int), _P(c_char_p)], *_STATUS),
    ("xxgk_buffer_free", [_P(c_char)], None, None),
    ("xxgk_report_from_json", [c_char_p, c_size_t, _P(ReportPtr)], *_STATUS),
    ("xxgk_report_from_document", [c_char_p, c_size_t, c_int, _P(ReportPtr)], *_STATUS),
    ("xxgk_report_from_file", [c_char_p, c_int, _P(ReportPtr)], *_STATUS),
    ("xxgk_report_format", [ReportPtr, _P(c_int)], *_STATUS),
    ("xxgk_report_to_json", [ReportPtr, c_uint32, _P(_P(c_char)), _P(c_size_t)], *_STATUS),
    ("xxgk_report_free", [ReportPtr], None, None),
    ("xxgk_check_options_init_size", [_P(CheckOptions), c_size_t], *_STATUS),
    ("xxgk_options_new", [_P(CheckOptions), _P(OptionsPtr)], *_STATUS),
    ("xxgk_options_free", [OptionsPtr], None, None),
    ("xxgk_check", [ReportPtr, OptionsPtr, _P(ResultPtr)], *_STATUS),
    ("xxgk_check_pair", [ReportPtr, ReportPtr, OptionsPtr, _P(ResultPtr)], *_STATUS),
    ("xxgk_check_with", [ReportPtr, _P(CheckContext), OptionsPtr, _P(ResultPtr)], *_STATUS),
    ("xxgk_render", [ReportPtr, ResultPtr, _P(RenderOptions), _P(_P(c_char)), _P(c_size_t)], *_STATUS),
    ("xxgk_result_count", [ResultPtr, _P(c_size_t)], *_STATUS),
    ("xxgk_result_count_severity", [ResultPtr, c_int, _P(c_size_t)], *_STATUS),
    ("xxgk_result_get", [ResultPtr, c_size_t, _P(Diagnostic)], *_STATUS),
    ("xxgk_result_pointer", [ResultPtr, c_size_t, c_size_t, _P(String)], *_STATUS),
    ("xxgk_result_to_json", [ResultPtr, c_uint32, _P(_P(c_char)), _P(c_size_t)], *_STATUS),
    ("xxgk_result_free", [ResultPtr], None, None),
    ("xxgk_check_jsonl", [c_char_p, c_size_t, OptionsPtr, _P(_P(c_char)), _P(c_size_t)], *_STATUS),
    ("xxgk_check_batch", [_P(Batch), OptionsPtr, _P(_P(c_char)), _P(c_size_t)], *_STATUS),
    ("xxgk_rule_count", [_P(c_size_t)], *_STATUS),
    ("xxgk_rule_get", [c_size_t, _P(RuleInfo)], *_STATUS),
    ("xxgk_rule_find", [c_char_p, c_size_t, _P(c_size_t)], *_STATUS),
    ("xxgk_rules_to_json", [c_uint32, _P(_P(c_char)), _P(c_size_t)], *_STATUS),
    ("xxgk_write_workbook", [c_char_p, c_size_t, c_char_p, c_int], *_STATUS),
    ("xxgk_aggregate_json", [c_char_p, c_size_t, OptionsPtr, c_uint32, _P(_P(c_char)), _P(c_size_t)], *_STATUS),
    ("xxgk_indicators_json", [ReportPtr, ReportPtr, c_uint32, _P(_P(c_char)), _P(c_size_t)], *_STATUS),
    ("xxgk_write_office_workbook", [c_char_p, c_size_t, c_char_p, c_size_t, c_char_p, c_int], *_STATUS),
]

for _name, _argtypes, _restype, _errcheck in _FUNCTIONS:
    _f = getattr(_lib, _name)
    _f.argtypes = _argtypes
    _f.restype = _restype
    if _errcheck:
        _f.errcheck = _errcheck
    globals()[_name[len("xxgk_"):]] = _f

library_path = getattr(_lib, "_name", "")


# --- small helpers over the raw functions (still ctypes-level) ----------------------------------------------

def take_buffer(call, *args) -> str:
    """Runs a function that returns a library-owned buffer and returns its text, freeing the buffer."""
    out = _P(c_char)()
    size = c_size_t()
    call(*args, ctypes.byref(out), ctypes.byref(size))
    try:
        return ctypes.string_at(out, size.value).decode("utf-8")
    finally:
        buffer_free(out)


def new_report(kind: str, data, fmt: int = 0) -> ReportPtr:
    handle = ReportPtr()
    if kind == "json":
        report_from_json(data, len(data), ctypes.byref(handle))
    elif kind == "document":
        report_from_document(data, len(data), fmt, ctypes.byref(handle))
    else:
        report_from_file(os.fsencode(data), fmt, ctypes.byref(handle))
    return handle


def get_report_format(handle: ReportPtr) -> int:
    value = c_int()
    report_format(handle, ctypes.byref(value))
    return value.value


def report_json(handle: ReportPtr, flags: int) -> str:
    return take_buffer(report_to_json, handle, flags)


def new_options(language: int, disabled: list[str], overrides: list[tuple[str, int]], threshold: str | None,
                deadlines: list[tuple[int, int, int]] = (), require_date: bool = False, similarity: str | None = None,
                parent_includes_own: bool = False) -> OptionsPtr:
    o = CheckOptions()
    check_options_init_size(ctypes.byref(o), ctypes.sizeof(CheckOptions))
    o.language = language
    ids = (c_char_p * max(len(disabled), 1))(*[d.encode() for d in disabled])
    o.disabled_rules = ctypes.cast(ids, POINTER(c_char_p)) if disabled else None
    o.disabled_count = len(disabled)
    ovs = (SeverityOverride * max(len(overrides), 1))(*[SeverityOverride(r.encode(), s) for r, s in overrides])
    o.severity_overrides = ctypes.cast(ovs, POINTER(SeverityOverride)) if overrides else None
    o.severity_override_count = len(overrides)
    o.fee_unit_threshold = threshold.encode() if threshold is not None else None
    ds = (Deadline * max(len(deadlines), 1))(*[Deadline(k, m, d) for k, m, d in deadlines])
    o.deadlines = ctypes.cast(ds, POINTER(Deadline)) if deadlines else None
    o.deadline_count = len(deadlines)
    o.require_date = int(require_date)
    o.similarity = similarity.encode() if similarity is not None else None
    o.parent_includes_own = int(parent_includes_own)
    handle = OptionsPtr()
    options_new(ctypes.byref(o), ctypes.byref(handle))
    return handle


def run_check(report: ReportPtr, options: OptionsPtr) -> list[dict]:
    """Checks and returns each finding as a dict of Python values; frees the result."""
    result = ResultPtr()
    check(report, options, ctypes.byref(result))
    return findings_of(result)


def run_check_pair(current: ReportPtr, previous: ReportPtr, options: OptionsPtr) -> list[dict]:
    """Checks a report against last year's and returns each finding as a dict; frees the result."""
    result = ResultPtr()
    check_pair(current, previous, options, ctypes.byref(result))
    return findings_of(result)


def new_result_with(report: ReportPtr, previous: ReportPtr | None, children: list[ReportPtr],
                    options: OptionsPtr) -> ResultPtr:
    """Checks a report with last year's and its children's (xxgk_check_with); the caller frees the result."""
    context = CheckContext(version=CHECK_CONTEXT_VERSION, size=ctypes.sizeof(CheckContext))
    context.previous = previous if previous else None
    kids = (ReportPtr * max(len(children), 1))(*children)
    context.children = ctypes.cast(kids, POINTER(ReportPtr)) if children else None
    context.child_count = len(children)
    result = ResultPtr()
    check_with(report, ctypes.byref(context), options, ctypes.byref(result))
    return result


def render_report(report: ReportPtr, result: ResultPtr | None, fmt: int, language: int, source_name: str | None) -> str:
    """What `xxgk render` writes (xxgk_render); `result` None renders the tables alone."""
    o = RenderOptions(version=RENDER_OPTIONS_VERSION, size=ctypes.sizeof(RenderOptions), format=fmt, language=language,
                      source_name=source_name.encode() if source_name else None)
    return take_buffer(render, report, result, ctypes.byref(o))


def findings_of(result: ResultPtr) -> list[dict]:
    """The findings of a result as dicts of Python values; frees the result."""
    try:
        n = c_size_t()
        result_count(result, ctypes.byref(n))
        findings = []
        for i in range(n.value):
            d = Diagnostic(version=DIAGNOSTIC_VERSION, size=ctypes.sizeof(Diagnostic))
            result_get(result, i, ctypes.byref(d))
            pointers = []
            for k in range(d.pointer_count):
                p = String()
                result_pointer(result, i, k, ctypes.byref(p))
                pointers.append(p.text())
            s = d.source
            findings.append({
                "rule": d.rule.text(), "severity": d.severity, "status": d.status, "pointer": d.pointer.text(),
                "pointers": pointers, "table": d.table_label.text(), "row": d.row_label.text(),
                "column": d.column_label.text(), "left": d.left.text(), "right": d.right.text(),
                "difference": d.difference.text(), "text": d.text.text(), "message": d.message.text(),
                "source": {f: getattr(s, f) for f, _ in SourcePosition._fields_},
            })
        return findings
    finally:
        result_free(result)


def jsonl(text: bytes, options: OptionsPtr) -> str:
    return take_buffer(check_jsonl, text, len(text), options)


def batch(paths: list[bytes | None], documents: list[bytes | None] | None, fmt: int, threads: int,
          options: OptionsPtr) -> str:
    """xxgk_check_batch over files (`paths`, encoded) and documents in memory (`documents[i]` not None): its JSON
    Lines, one line per report in order."""
    n = len(paths)
    b = Batch(version=BATCH_VERSION, size=ctypes.sizeof(Batch), count=n, format=fmt, threads=threads)
    b.paths = (c_char_p * n)(*paths) if n else None
    if documents is not None:
        b.documents = (c_char_p * n)(*documents)
        b.sizes = (c_size_t * n)(*[len(d) if d is not None else 0 for d in documents])
    return take_buffer(check_batch, ctypes.byref(b), options)


def catalogue() -> list[dict]:
    n = c_size_t()
    rule_count(ctypes.byref(n))
    rules = []
    for i in range(n.value):
        r = RuleInfo(version=RULE_INFO_VERSION, size=ctypes.sizeof(RuleInfo))
        rule_get(i, ctypes.byref(r))
        rules.append({"id": r.id.text(), "severity": r.default_severity, "scope": r.scope,
                      "title_zh": r.title_zh.text(), "title_en": r.title_en.text(),
                      "message_zh": r.message_zh.text(), "message_en": r.message_en.text(),
                      "rationale_en": r.rationale.text(), "rationale_zh": r.rationale_zh.text()})
    return rules


def catalogue_json(pretty: bool) -> str:
    return take_buffer(rules_to_json, JSON_PRETTY if pretty else 0)


def find_rule_index(rule_id: str) -> int:
    raw = rule_id.encode()
    index = c_size_t()
    rule_find(raw, len(raw), ctypes.byref(index))
    return index.value


def library_version() -> tuple[int, int, int, str]:
    major, minor, patch, text = c_int(), c_int(), c_int(), c_char_p()
    version(ctypes.byref(major), ctypes.byref(minor), ctypes.byref(patch), ctypes.byref(text))
    return major.value, minor.value, patch.value, text.value.decode()


def office_json(request: bytes, options: OptionsPtr) -> str:
    return take_buffer(aggregate_json, request, len(request), options, 0)


def report_indicators(report: ReportPtr, previous: ReportPtr | None) -> str:
    return take_buffer(indicators_json, report, previous, 0)
