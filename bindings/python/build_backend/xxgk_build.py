"""The PEP 517 build backend of the Python package xxgk: builds its wheel (and sdist) with the standard library
only, so ``pip install ./bindings/python`` and ``pip wheel ./bindings/python`` work offline with any Python 3.9+
and its pip, with or without build isolation, and without setuptools or wheel.

The version is the project's, read from ``project(xxgk VERSION …)`` in the CMakeLists.txt of the checkout the
package sits in (or from PKG-INFO in an sdist). The wheel carries the C library when it has one to carry:

- ``--config-settings library=PATH``: that file (``library=none``: none);
- otherwise ``libxxgk.so.N`` of ``build/capi/`` in the checkout, where the README's commands build it;
- otherwise a ``libxxgk.so*`` already copied into ``xxgk/``.

A wheel that carries the library is tagged for this platform (``py3-none-linux_x86_64``); one without it is pure
(``py3-none-any``) and uses the library installed on the system (the Debian package libxxgkN, or ``cmake
--install``), see docs/python.md.
"""

from __future__ import annotations

import base64
import glob
import hashlib
import io
import os
import re
import sysconfig
import tarfile
import zipfile

NAME = "xxgk"
SUMMARY = "Read and check 政府信息公开工作年度报告 through the xxgk C library (ctypes)"
REQUIRES_PYTHON = ">=3.9"
HERE = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
CHECKOUT = os.path.dirname(os.path.dirname(HERE))
PACKAGE_FILES = ("*.py",)
SDIST_FILES = ("pyproject.toml", "README.md", "build_backend/*.py", "xxgk/*.py")
# Fixed timestamps so that the same sources give the same archives.
ZIP_TIME = (1980, 1, 1, 0, 0, 0)


class BuildError(Exception):
    pass


def _version() -> str:
    cmake = os.path.join(CHECKOUT, "CMakeLists.txt")
    if os.path.exists(cmake):
        with open(cmake, encoding="utf-8") as f:
            found = re.search(r"project\(\s*xxgk\s+VERSION\s+([0-9]+\.[0-9]+\.[0-9]+)", f.read())
        if found:
            return found.group(1)
    pkg_info = os.path.join(HERE, "PKG-INFO")
    if os.path.exists(pkg_info):
        with open(pkg_info, encoding="utf-8") as f:
            found = re.search(r"^Version: (\S+)$", f.read(), re.M)
        if found:
            return found.group(1)
    raise BuildError(f"no version: neither {cmake} (project(xxgk VERSION …)) nor {pkg_info} gives one")


def _library(config_settings) -> tuple[str, str] | None:
    """(path of the file to carry, its name in the wheel) or None."""
    setting = (config_settings or {}).get("library")
    if setting == "none":
        return None
    if setting:
        if not os.path.isfile(setting):
            raise BuildError(f"--config-settings library={setting}: no such file")
        candidates = [setting]
    else:
        candidates = sorted(glob.glob(os.path.join(CHECKOUT, "build", "capi", "libxxgk.so.[0-9]*")))
        candidates += sorted(glob.glob(os.path.join(HERE, NAME, "libxxgk.so*")))
    for path in candidates:
        soname = re.match(r"libxxgk\.so\.[0-9]+", os.path.basename(path))
        if soname:
            return os.path.realpath(path), soname.group(0)
    if setting:
        raise BuildError(f"--config-settings library={setting}: not a libxxgk.so.N")
    return None


def _metadata(version: str) -> str:
    with open(os.path.join(HERE, "README.md"), encoding="utf-8") as f:
        readme = f.read()
    return (f"Metadata-Version: 2.1\nName: {NAME}\nVersion: {version}\nSummary: {SUMMARY}\n"
            f"Requires-Python: {REQUIRES_PYTHON}\nClassifier: Programming Language :: Python :: 3\n"
            "Classifier: Programming Language :: C\nClassifier: Operating System :: POSIX :: Linux\n"
            f"Description-Content-Type: text/markdown\n\n{readme}")


def _record_line(name: str, data: bytes) -> str:
    digest = base64.urlsafe_b64encode(hashlib.sha256(data).digest()).rstrip(b"=").decode()
    return f"{name},sha256={digest},{len(data)}\n"


def _add(archive: zipfile.ZipFile, name: str, data: bytes, executable: bool = False) -> None:
    info = zipfile.ZipInfo(name, ZIP_TIME)
    info.external_attr = (0o755 if executable else 0o644) << 16
    info.compress_type = zipfile.ZIP_DEFLATED
    archive.writestr(info, data)


def get_requires_for_build_wheel(config_settings=None):
    return []


def get_requires_for_build_sdist(config_settings=None):
    return []


def build_wheel(wheel_directory, config_settings=None, metadata_directory=None):
    version = _version()
    library = _library(config_settings)
    platform = sysconfig.get_platform().replace("-", "_").replace(".", "_")
    tag = f"py3-none-{platform}" if library else "py3-none-any"
    dist_info = f"{NAME}-{version}.dist-info"
    files = []
    for pattern in PACKAGE_FILES:
        for path in sorted(glob.glob(os.path.join(HERE, NAME, pattern))):
            with open(path, "rb") as f:
                files.append((f"{NAME}/{os.path.basename(path)}", f.read(), False))
    if library:
        with open(library[0], "rb") as f:
            files.append((f"{NAME}/{library[1]}", f.read(), True))
    files.append((f"{dist_info}/METADATA", _metadata(version).encode(), False))
    files.append((f"{dist_info}/WHEEL", (f"Wheel-Version: 1.0\nGenerator: xxgk_build\nRoot-Is-Purelib: "
                                         f"{'false' if library else 'true'}\nTag: {tag}\n").encode(), False))
    files.append((f"{dist_info}/top_level.txt", f"{NAME}\n".encode(), False))
    wheel_name = f"{NAME}-{version}-{tag}.whl"
    record = "".join(_record_line(name, data) for name, data, _ in files) + f"{dist_info}/RECORD,,\n"
    with zipfile.ZipFile(os.path.join(wheel_directory, wheel_name), "w") as archive:
        for name, data, executable in files:
            _add(archive, name, data, executable)
        _add(archive, f"{dist_info}/RECORD", record.encode())
    return wheel_name


def build_sdist(sdist_directory, config_settings=None):
    version = _version()
    base = f"{NAME}-{version}"
    name = f"{base}.tar.gz"
    with tarfile.open(os.path.join(sdist_directory, name), "w:gz", format=tarfile.PAX_FORMAT) as archive:
        def add(arcname: str, data: bytes) -> None:
            info = tarfile.TarInfo(f"{base}/{arcname}")
            info.size, info.mode, info.mtime = len(data), 0o644, 0
            archive.addfile(info, io.BytesIO(data))
        for pattern in SDIST_FILES:
            for path in sorted(glob.glob(os.path.join(HERE, pattern))):
                with open(path, "rb") as f:
                    add(os.path.relpath(path, HERE), f.read())
        add("PKG-INFO", _metadata(version).encode())
    return name
