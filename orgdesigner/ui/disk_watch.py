"""What the open chart's file held when the window last read or wrote it, to tell when something
else (a ``git pull``, an editor) has changed it since: size and modification time first, then
the content's hash when they differ (a ``touch`` changes nothing)."""

from __future__ import annotations

import hashlib
import os
from dataclasses import dataclass

from orgdesigner.io import OrgFileError, read_bytes


@dataclass(frozen=True)
class DiskState:
    """A file as the window last read or wrote it."""

    size: int
    mtime_ns: int
    digest: str

    @classmethod
    def of(cls, path: str, data: bytes) -> DiskState | None:
        """The state of ``path`` just after reading or writing ``data`` there (None if it is gone)."""
        try:
            st = os.stat(path)
        except OSError:
            return None
        return cls(st.st_size, st.st_mtime_ns, hashlib.sha256(data).hexdigest())


def changed_on_disk(path: str | None, known: DiskState | None) -> bool:
    """True when the file at ``path`` no longer holds what ``known`` recorded. A file that is
    gone counts as unchanged (saving makes it again); one that cannot be read, as changed."""
    if path is None or known is None:
        return False
    try:
        st = os.stat(path)
    except FileNotFoundError:
        return False
    except OSError:
        return True
    if st.st_size == known.size and st.st_mtime_ns == known.mtime_ns:
        return False
    try:
        data = read_bytes(path)
    except OrgFileError:
        return True
    return hashlib.sha256(data).hexdigest() != known.digest
