"""Atomic file writes: a temporary file beside the target, flushed, fsynced, renamed.

Only regular files are written: a FIFO, a device, a socket or a folder at the output path is
refused and left as it is (renaming over ``/dev/null`` would replace it). Through a symlink the
file it names is written, in that file's folder, and the link is kept, as Qt's QSaveFile and
careful editors do.

Temporary files are named ``.NAME.orgdesigner-tmp-HOST-PID-XXXXXXXX``, so that they are
recognisable, and a save (or the window's start) removes those of ours whose writer is gone: a
process of this host that no longer runs, or one of another host after a day.
"""

from __future__ import annotations

import contextlib
import hashlib
import os
import socket
import stat
import tempfile
import time
from pathlib import Path

from orgdesigner.io.errors import OrgFileError

TEMP_MARK = ".orgdesigner-tmp-"
FOREIGN_TEMP_AGE = 24 * 3600
"""A temporary file of another host (a shared folder) is left for a day before it counts as stale."""
_NAME_KEPT = 80  # of the target's name, in the temporary file's (the whole may not exceed 255)

_KINDS = (
    (stat.S_ISDIR, "is a folder, not a file"),
    (stat.S_ISFIFO, "is a named pipe (FIFO), not a regular file; orgdesigner writes only regular files"),
    (stat.S_ISCHR, "is a character device, not a regular file; orgdesigner writes only regular files"),
    (stat.S_ISBLK, "is a block device, not a regular file; orgdesigner writes only regular files"),
    (stat.S_ISSOCK, "is a socket, not a regular file; orgdesigner writes only regular files"),
)


def _describe_os_error(exc: OSError) -> str:
    return exc.strerror or str(exc)


def _host_tag() -> str:
    return hashlib.sha256(socket.gethostname().encode("utf-8", "surrogatepass")).hexdigest()[:8]


def resolve_output(path: str | os.PathLike[str]) -> Path:
    """The file a write to ``path`` goes to: ``path`` itself, or the file its symlinks name (a
    dangling link names a file to create). Raises :class:`OrgFileError`, touching nothing,
    when that is anything but a regular file or a file still to make in an existing folder."""
    where = str(path)
    target = Path(path)
    if target.is_symlink() or any(p.is_symlink() for p in target.parents):
        try:
            target = Path(os.path.realpath(target, strict=True))
        except FileNotFoundError:
            target = Path(os.path.realpath(target))  # a dangling link: the file it names is made
        except OSError as exc:
            raise OrgFileError(where, f"cannot write: {_describe_os_error(exc)} (the symlinks loop)") from None
        if target.is_symlink():
            raise OrgFileError(where, "cannot write: the symlinks loop")
    try:
        mode = target.stat().st_mode
    except (FileNotFoundError, NotADirectoryError):
        mode = None  # a file to make (its folder is checked below)
    except OSError as exc:
        raise OrgFileError(where, f"cannot write: {_describe_os_error(exc)}") from None
    if mode is not None and not stat.S_ISREG(mode):
        problem = next((text for test, text in _KINDS if test(mode)), "is not a regular file")
        raise OrgFileError(where, problem if target == Path(path) else f"names {str(target)!r}, which {problem}")
    folder = target.parent if str(target.parent) else Path(".")
    if not folder.is_dir():
        if folder.exists():
            raise OrgFileError(where, f"cannot write: {str(folder)!r} is a file, not a folder")
        raise OrgFileError(where, f"cannot write: the folder {str(folder)!r} does not exist")
    return target


def write_atomic(path: str | os.PathLike[str], data: bytes) -> None:
    """Write ``data`` to ``path`` so that the file is either the old one or the new one.

    Raises :class:`OrgFileError` (and leaves any existing file untouched) when it cannot.
    """
    where = str(path)
    target = resolve_output(path)
    folder = target.parent if str(target.parent) else Path(".")
    try:
        mode = stat.S_IMODE(target.stat().st_mode)
    except OSError:
        umask = os.umask(0)
        os.umask(umask)
        mode = 0o666 & ~umask
    clean_stale_temps(folder)
    prefix = f".{target.name[:_NAME_KEPT]}{TEMP_MARK}{_host_tag()}-{os.getpid()}-"
    try:
        fd, tmp = tempfile.mkstemp(prefix=prefix, suffix="", dir=folder)
    except OSError as exc:
        raise OrgFileError(where, f"cannot write: {_describe_os_error(exc)}") from None
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
            raise OrgFileError(where, f"cannot write: {_describe_os_error(exc)}") from None
        raise
    _fsync_folder(folder)


def is_our_temp(name: str) -> bool:
    """True for the name of one of orgdesigner's temporary files."""
    return name.startswith(".") and TEMP_MARK in name


def _writer_gone(name: str, age: float) -> bool:
    """Whether the process that made a temporary file has ended (by the host and pid in its name)."""
    try:
        host, pid_text = name.rsplit(TEMP_MARK, 1)[1].split("-")[:2]
        pid = int(pid_text)
    except ValueError:
        return age > FOREIGN_TEMP_AGE  # not in our format: only when old
    if host != _host_tag():
        return age > FOREIGN_TEMP_AGE
    if pid == os.getpid():
        return False  # a save of this process, perhaps under way in another thread
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return True
    except OSError:
        return False  # it runs, as another user
    return False


def clean_stale_temps(folder: str | os.PathLike[str]) -> list[Path]:
    """Remove the temporary files a killed save of ours left in ``folder``; return them."""
    removed: list[Path] = []
    now = time.time()
    try:
        entries = list(os.scandir(folder))
    except OSError:
        return removed
    for entry in entries:
        if not is_our_temp(entry.name):
            continue
        try:
            info = entry.stat(follow_symlinks=False)
            if stat.S_ISREG(info.st_mode) and _writer_gone(entry.name, now - info.st_mtime):
                os.unlink(entry.path)
                removed.append(Path(entry.path))
        except OSError:
            continue
    return removed


def _fsync_folder(folder: Path) -> None:
    with contextlib.suppress(OSError):
        dfd = os.open(folder, os.O_RDONLY)
        try:
            os.fsync(dfd)
        finally:
            os.close(dfd)
