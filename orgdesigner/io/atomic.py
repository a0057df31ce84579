"""Atomic file writes: a temporary file beside the target, flushed, fsynced, renamed."""

from __future__ import annotations

import contextlib
import os
import stat
import tempfile
from pathlib import Path

from orgdesigner.io.errors import OrgFileError


def _describe_os_error(exc: OSError) -> str:
    return exc.strerror or str(exc)


def write_atomic(path: str | os.PathLike[str], data: bytes) -> None:
    """Write ``data`` to ``path`` so that the file is either the old one or the new one.

    Raises :class:`OrgFileError` (and leaves any existing file untouched) when it cannot.
    """
    target = Path(path)
    shown = str(path)
    folder = target.parent if str(target.parent) else Path(".")
    if target.is_dir():
        raise OrgFileError(shown, "is a folder, not a file")
    if not folder.is_dir():
        if folder.exists():
            raise OrgFileError(shown, f"cannot write: {str(folder)!r} is a file, not a folder")
        raise OrgFileError(shown, f"cannot write: the folder {str(folder)!r} does not exist")
    try:
        mode = stat.S_IMODE(target.stat().st_mode)
    except OSError:
        umask = os.umask(0)
        os.umask(umask)
        mode = 0o666 & ~umask
    try:
        fd, tmp = tempfile.mkstemp(prefix=f".{target.name}.", suffix=".tmp", dir=folder)
    except OSError as exc:
        raise OrgFileError(shown, f"cannot write: {_describe_os_error(exc)}") from None
    try:
        with os.fdopen(fd, "wb") as fh:
            fh.write(data)
            fh.flush()
            os.fsync(fh.fileno())
        os.chmod(tmp, mode)
        os.replace(tmp, target)
    except BaseException as exc:
        with contextlib.suppress(OSError):
            os.unlink(tmp)
        if isinstance(exc, OSError):
            raise OrgFileError(shown, f"cannot write: {_describe_os_error(exc)}") from None
        raise
    _fsync_folder(folder)


def _fsync_folder(folder: Path) -> None:
    with contextlib.suppress(OSError):
        dfd = os.open(folder, os.O_RDONLY)
        try:
            os.fsync(dfd)
        finally:
            os.close(dfd)
