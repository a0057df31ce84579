"""Output paths: only regular files are written (a FIFO, a device or a folder is refused and left
as it is), symlinks are written through and kept, and temporary files are recognisable and
cleaned up once their writer is gone."""

from __future__ import annotations

import os
import re
import stat
import subprocess
import sys
import time
from pathlib import Path

import pytest

from orgdesigner.io import OrgFileError
from orgdesigner.io.atomic import TEMP_MARK, _host_tag, clean_stale_temps, is_our_temp, write_atomic

pytestmark = pytest.mark.skipif(os.name != "posix", reason="FIFOs, devices and symlinks as POSIX has them")


def _dead_pid() -> int:
    proc = subprocess.Popen([sys.executable, "-c", "pass"])
    proc.wait()
    return proc.pid


def _others(folder: Path, *keep: Path) -> list[str]:
    return sorted(p.name for p in folder.iterdir() if p not in keep)


def test_a_fifo_is_refused_and_left_as_it_is(tmp_path: Path) -> None:
    fifo = tmp_path / "out.json"
    os.mkfifo(fifo)
    with pytest.raises(OrgFileError, match="named pipe"):
        write_atomic(fifo, b"data")
    assert stat.S_ISFIFO(fifo.lstat().st_mode)
    assert _others(tmp_path, fifo) == []


def test_a_folder_is_refused(tmp_path: Path) -> None:
    with pytest.raises(OrgFileError, match="is a folder, not a file"):
        write_atomic(tmp_path, b"data")


@pytest.mark.skipif(os.geteuid() != 0, reason="making a device node needs root")
def test_a_device_is_refused_and_left_as_it_is(tmp_path: Path) -> None:
    device = tmp_path / "null"
    os.mknod(device, stat.S_IFCHR | 0o666, os.makedev(1, 3))  # a /dev/null of our own
    with pytest.raises(OrgFileError, match="character device"):
        write_atomic(device, b"data")
    assert stat.S_ISCHR(device.lstat().st_mode)
    assert _others(tmp_path, device) == []


def test_a_symlink_is_written_through_and_kept(tmp_path: Path) -> None:
    real_dir, link_dir = tmp_path / "real", tmp_path / "links"
    real_dir.mkdir()
    link_dir.mkdir()
    real = real_dir / "chart.json"
    real.write_bytes(b"old")
    real.chmod(0o640)
    link = link_dir / "chart.json"
    link.symlink_to(os.path.relpath(real, link_dir))
    write_atomic(link, b"new")
    assert link.is_symlink() and os.readlink(link) == os.path.relpath(real, link_dir)
    assert real.read_bytes() == b"new"
    assert stat.S_IMODE(real.stat().st_mode) == 0o640
    assert _others(real_dir, real) == [] and _others(link_dir, link) == []  # no temp file anywhere


def test_a_chain_of_symlinks_and_a_linked_folder(tmp_path: Path) -> None:
    (tmp_path / "data").mkdir()
    real = tmp_path / "data" / "org.json"
    real.write_bytes(b"old")
    (tmp_path / "one.json").symlink_to(real)
    (tmp_path / "two.json").symlink_to(tmp_path / "one.json")
    (tmp_path / "alias").symlink_to(tmp_path / "data")
    write_atomic(tmp_path / "two.json", b"via two links")
    assert real.read_bytes() == b"via two links" and (tmp_path / "two.json").is_symlink()
    write_atomic(tmp_path / "alias" / "org.json", b"via a linked folder")
    assert real.read_bytes() == b"via a linked folder" and (tmp_path / "alias").is_symlink()


def test_a_dangling_symlink_makes_the_file_it_names(tmp_path: Path) -> None:
    link = tmp_path / "out.svg"
    link.symlink_to(tmp_path / "made.svg")
    write_atomic(link, b"<svg/>")
    assert link.is_symlink() and (tmp_path / "made.svg").read_bytes() == b"<svg/>"
    gone = tmp_path / "gone.svg"
    gone.symlink_to(tmp_path / "no-such-folder" / "x.svg")
    with pytest.raises(OrgFileError, match="does not exist"):
        write_atomic(gone, b"x")
    assert gone.is_symlink()


def test_a_symlink_to_a_fifo_and_a_loop_are_refused(tmp_path: Path) -> None:
    fifo = tmp_path / "pipe"
    os.mkfifo(fifo)
    link = tmp_path / "out.json"
    link.symlink_to(fifo)
    with pytest.raises(OrgFileError, match=r"names .* which is a named pipe"):
        write_atomic(link, b"x")
    (tmp_path / "a").symlink_to(tmp_path / "b")
    (tmp_path / "b").symlink_to(tmp_path / "a")
    with pytest.raises(OrgFileError, match="symlinks loop"):
        write_atomic(tmp_path / "a", b"x")
    assert link.is_symlink() and stat.S_ISFIFO(fifo.lstat().st_mode)


def test_temporary_files_are_named_as_ours(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    seen: list[str] = []
    real_replace = os.replace

    def spy(src: str, dst: object) -> None:
        seen.append(Path(src).name)
        real_replace(src, dst)  # type: ignore[arg-type]

    monkeypatch.setattr(os, "replace", spy)
    write_atomic(tmp_path / "chart.json", b"x")
    write_atomic(tmp_path / ("n" * 250 + ".json"), b"x")  # a long name still leaves room
    assert re.fullmatch(rf"\.chart\.json{re.escape(TEMP_MARK)}[0-9a-f]{{8}}-{os.getpid()}-\w{{8}}", seen[0])
    assert all(is_our_temp(name) and len(name) < 255 for name in seen)


def test_stale_temporary_files_are_removed_at_the_next_save(tmp_path: Path) -> None:
    host = _host_tag()
    dead = tmp_path / f".chart.json{TEMP_MARK}{host}-{_dead_pid()}-abcdefgh"
    live = tmp_path / f".chart.json{TEMP_MARK}{host}-{os.getppid()}-abcdefgh"
    mine = tmp_path / f".chart.json{TEMP_MARK}{host}-{os.getpid()}-abcdefgh"
    foreign = tmp_path / f".chart.json{TEMP_MARK}00000000-1-abcdefgh"
    foreign_old = tmp_path / f".other.svg{TEMP_MARK}00000000-1-zzzzzzzz"
    unrelated = [tmp_path / ".chart.json.tmp", tmp_path / ".hidden", tmp_path / f"visible{TEMP_MARK}x"]
    for p in [dead, live, mine, foreign, foreign_old, *unrelated]:
        p.write_bytes(b"partial")
    two_days_ago = time.time() - 2 * 24 * 3600
    os.utime(foreign_old, (two_days_ago, two_days_ago))
    write_atomic(tmp_path / "other.svg", b"<svg/>")
    assert not dead.exists() and not foreign_old.exists()
    assert live.exists() and mine.exists() and foreign.exists()
    assert all(p.exists() for p in unrelated)
    assert clean_stale_temps(tmp_path) == []
