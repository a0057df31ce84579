"""A save onto a full disk reports the error and leaves the original byte-identical, with no
temp file left: for real on a tiny tmpfs (needs root; CI runs as root and fails rather than skips
here), and with ENOSPC injected at each step of the atomic write (always runs)."""

from __future__ import annotations

import errno
import os
import shutil
import subprocess
import sys
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
from pytestqt.qtbot import QtBot

from orgdesigner.io import OrgFileError, load_template, read_org, write_org
from orgdesigner.io.fileformat import dumps_org
from orgdesigner.model import Organization
from tests.synthetic import make_org

pytestmark = pytest.mark.slow  # the reliability tier: ./dev test -m "not slow" leaves it to CI

ENOSPC_TEXT = os.strerror(errno.ENOSPC)  # "No space left on device"
TINY = 64 * 1024


def _small() -> Organization:
    return load_template("typical")


def _big() -> Organization:
    """About 32 KB: more than a full disk has free, less than half the empty disk."""
    org = make_org(250, "balanced", links=3)
    assert 16 * 1024 < len(dumps_org(org).encode()) < TINY // 2
    return org


def _fill(folder: Path, leave: int = 0) -> Path:
    """Fill the file system holding ``folder`` up, then give back ``leave`` bytes."""
    filler = folder / "filler.bin"
    with open(filler, "wb", buffering=0) as fh:
        chunk = b"\0" * 4096
        try:
            while True:
                fh.write(chunk)
        except OSError as exc:
            assert exc.errno == errno.ENOSPC
        try:
            while True:
                fh.write(b"\0")
        except OSError as exc:
            assert exc.errno == errno.ENOSPC
    if leave:
        os.truncate(filler, max(0, filler.stat().st_size - leave))
    return filler


def _only_files(folder: Path) -> set[str]:
    return {p.name for p in folder.iterdir()}


@pytest.fixture
def tiny_disk(tmp_path: Path) -> Iterator[Path]:
    """A 64 KiB tmpfs mounted on a fresh folder."""
    mount_point = tmp_path / "tiny"
    mount_point.mkdir()
    mount = shutil.which("mount")
    problem = None
    if mount is None:
        problem = "the mount command is not installed"
    else:
        done = subprocess.run(
            [mount, "-t", "tmpfs", "-o", f"size={TINY // 1024}k", "tmpfs", str(mount_point)],
            capture_output=True,
            text=True,
        )
        if done.returncode != 0:
            problem = f"mounting a tmpfs is not permitted here ({done.stderr.strip() or done.returncode})"
    if problem is not None:
        reason = f"{problem}; run as root to test a real full disk (the injected ENOSPC tests still ran)"
        if os.environ.get("CI"):
            pytest.fail(reason)
        pytest.skip(reason)
    try:
        yield mount_point
    finally:
        subprocess.run(["umount", str(mount_point)], check=True)


# A real full disk -------------------------------------------------------------------------


@pytest.mark.parametrize("leave", [0, 8 * 1024], ids=["no-byte-free", "8KiB-free"])
def test_save_onto_a_full_tmpfs(tiny_disk: Path, leave: int) -> None:
    target = tiny_disk / "chart.json"
    write_org(_small(), target)
    original = target.read_bytes()
    filler = _fill(tiny_disk, leave)
    big = _big()

    with pytest.raises(OrgFileError) as info:
        write_org(big, target)
    assert str(target) in str(info.value)
    assert ENOSPC_TEXT in str(info.value)
    assert "\n" not in str(info.value)
    assert target.read_bytes() == original
    assert _only_files(tiny_disk) == {"chart.json", "filler.bin"}, "a temp file was left behind"

    # The failed save leaves nothing in the way: with room again, the same save goes through.
    filler.unlink()
    write_org(big, target)
    assert read_org(target) == big
    assert _only_files(tiny_disk) == {"chart.json"}


def test_cli_new_onto_a_full_tmpfs(tiny_disk: Path) -> None:
    target = tiny_disk / "chart.json"
    write_org(_small(), target)
    original = target.read_bytes()
    _fill(tiny_disk)
    done = subprocess.run(
        [sys.executable, "-m", "orgdesigner", "new", "--template", "llm-era", "--force", "-o", str(target)],
        capture_output=True,
        text=True,
        timeout=120,
    )
    assert done.returncode == 2
    lines = done.stderr.splitlines()
    assert len(lines) == 1, done.stderr
    assert str(target) in lines[0] and ENOSPC_TEXT in lines[0]
    assert target.read_bytes() == original
    assert _only_files(tiny_disk) == {"chart.json", "filler.bin"}


# ENOSPC injected at each step ---------------------------------------------------------------


class _HalfWriter:
    """A file whose ``write`` puts half the bytes on disk, then fails as a full disk does."""

    def __init__(self, fh: Any) -> None:
        self._fh = fh

    def write(self, data: bytes) -> int:
        self._fh.write(data[: len(data) // 2])
        self._fh.flush()
        raise OSError(errno.ENOSPC, ENOSPC_TEXT)

    def __getattr__(self, name: str) -> Any:
        return getattr(self._fh, name)

    def __enter__(self) -> _HalfWriter:
        return self

    def __exit__(self, *exc: object) -> None:
        self._fh.close()


def _inject(monkeypatch: pytest.MonkeyPatch, step: str) -> None:
    def enospc(*_args: object, **_kw: object) -> Any:
        raise OSError(errno.ENOSPC, ENOSPC_TEXT)

    if step == "write":
        real_fdopen = os.fdopen
        monkeypatch.setattr(os, "fdopen", lambda fd, *a, **k: _HalfWriter(real_fdopen(fd, *a, **k)))
    elif step == "fsync":
        # Delayed allocation reports a full disk only when the data is flushed.
        real_fsync = os.fsync
        calls = []

        def fsync(fd: int) -> None:
            calls.append(fd)
            if len(calls) == 1:  # the temp file's fsync (the folder's comes after the rename)
                enospc()
            real_fsync(fd)

        monkeypatch.setattr(os, "fsync", fsync)
    elif step == "mkstemp":
        monkeypatch.setattr("tempfile.mkstemp", enospc)
    elif step == "replace":
        # rename() can need a new directory block, and fail with ENOSPC.
        monkeypatch.setattr(os, "replace", enospc)
    else:  # pragma: no cover
        raise AssertionError(step)


STEPS = ["mkstemp", "write", "fsync", "replace"]


@pytest.mark.parametrize("step", STEPS)
def test_injected_enospc_keeps_the_original(tmp_path: Path, monkeypatch: pytest.MonkeyPatch, step: str) -> None:
    target = tmp_path / "chart.json"
    write_org(_small(), target)
    original = target.read_bytes()
    _inject(monkeypatch, step)
    with pytest.raises(OrgFileError) as info:
        write_org(_big(), target)
    monkeypatch.undo()
    message = str(info.value)
    assert message == f"{target}: cannot write: {ENOSPC_TEXT}"
    assert target.read_bytes() == original
    assert _only_files(tmp_path) == {"chart.json"}, "a temp file was left behind"


@pytest.mark.parametrize("step", STEPS)
def test_injected_enospc_on_a_new_file_leaves_nothing(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, step: str
) -> None:
    target = tmp_path / "new.json"
    _inject(monkeypatch, step)
    with pytest.raises(OrgFileError, match="No space left on device"):
        write_org(_small(), target)
    monkeypatch.undo()
    assert _only_files(tmp_path) == set()


def test_document_save_onto_a_full_disk_stays_unsaved(
    qtbot: QtBot, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    from orgdesigner.ui.document import Document

    target = tmp_path / "chart.json"
    write_org(_small(), target)
    original = target.read_bytes()
    doc = Document(read_org(target), str(target))
    doc.set_fields("data-science", headcount=17)
    edited = doc.org.copy()
    assert doc.is_modified
    _inject(monkeypatch, "write")
    with pytest.raises(OrgFileError, match="No space left on device"):
        doc.save()
    monkeypatch.undo()
    assert doc.is_modified, "a failed save must not mark the chart saved"
    assert doc.org == edited
    assert doc.path == str(target)
    assert target.read_bytes() == original
    assert _only_files(tmp_path) == {"chart.json"}
    doc.save()
    assert not doc.is_modified and read_org(target) == edited
