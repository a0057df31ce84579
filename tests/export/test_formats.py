"""One dispatch from suffix to writer, and atomic writing: no partial file on any failure."""

from __future__ import annotations

from pathlib import Path

import pytest

from orgdesigner.export import ExportError
from orgdesigner.export.formats import export_bytes, export_file, suffix_of, supported_suffixes
from orgdesigner.io import OrgFileError, load_template
from orgdesigner.io.text_formats import TEXT_WRITERS
from orgdesigner.model import Organization


def test_drawn_formats_come_from_the_placement(tmp_path: Path) -> None:
    org = load_template("typical")
    for suffix, magic in ((".svg", b"<?xml"), (".png", b"\x89PNG"), (".pdf", b"%PDF")):
        path = tmp_path / f"chart{suffix.upper()}"
        assert export_file(org, path) == path.stat().st_size
        assert path.read_bytes().startswith(magic)


def test_unknown_suffix_lists_the_supported_ones() -> None:
    with pytest.raises(ExportError) as err:
        suffix_of("chart.xyz")
    message = str(err.value)
    assert "\n" not in message and all(s in message for s in (".svg", ".png", ".pdf", ".drawio"))
    assert supported_suffixes()[:3] == [".svg", ".png", ".pdf"]
    with pytest.raises(ExportError, match="without a suffix"):
        suffix_of("chart")


def test_text_writers_are_used_for_their_suffixes(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setitem(TEXT_WRITERS, ".txt", lambda org: org.name.encode())
    assert export_bytes(load_template("typical"), ".txt") == load_template("typical").name.encode()


def test_drawio_goes_to_its_writer() -> None:
    from orgdesigner.export.drawio import drawio_bytes
    from orgdesigner.layout import layout

    org = load_template("typical")
    assert export_bytes(org, ".drawio") == drawio_bytes(org, layout(org))


def test_a_writer_failing_midway_leaves_no_file(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    def boom(org: Organization) -> bytes:
        raise RuntimeError("writer broke halfway")

    monkeypatch.setitem(TEXT_WRITERS, ".boom", boom)
    target = tmp_path / "out.boom"
    with pytest.raises(RuntimeError):
        export_file(load_template("typical"), target)
    assert list(tmp_path.iterdir()) == []
    existing = tmp_path / "keep.boom"
    existing.write_bytes(b"old")
    with pytest.raises(RuntimeError):
        export_file(load_template("typical"), existing)
    assert existing.read_bytes() == b"old" and sorted(p.name for p in tmp_path.iterdir()) == ["keep.boom"]


def test_unwritable_places_raise_and_leave_nothing(tmp_path: Path) -> None:
    org = load_template("typical")
    with pytest.raises(OrgFileError, match="does not exist"):
        export_file(org, tmp_path / "missing" / "chart.svg")
    blocker = tmp_path / "file"
    blocker.write_text("x")
    with pytest.raises(OrgFileError):
        export_file(org, blocker / "chart.svg")
    folder = tmp_path / "looks.svg"
    folder.mkdir()
    with pytest.raises(OrgFileError, match="folder"):
        export_file(org, folder)
    folder.rmdir()
    assert sorted(p.name for p in tmp_path.iterdir()) == ["file"]


def test_bad_page_size_is_refused() -> None:
    from orgdesigner.export.formats import RasterOptions

    with pytest.raises(ExportError, match="A4"):
        export_bytes(load_template("typical"), ".pdf", raster=RasterOptions(page="A9"))
