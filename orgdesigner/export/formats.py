"""One dispatch from an output file's suffix to the writer that makes it.

SVG, PNG and PDF are drawn from the :class:`~orgdesigner.layout.Placement`; ``.drawio`` goes
to :func:`orgdesigner.export.drawio.drawio_bytes`; any other suffix is looked up in
:data:`orgdesigner.io.text_formats.TEXT_WRITERS`. Files are written atomically: an export that
fails leaves no file behind (and an existing file untouched).
"""

from __future__ import annotations

import os
from dataclasses import dataclass
from pathlib import Path

from orgdesigner.export import ExportError
from orgdesigner.io.atomic import write_atomic
from orgdesigner.io.text_formats import TEXT_WRITERS
from orgdesigner.layout import BadgeCounts, LayoutOptions, badge_counts, layout
from orgdesigner.layout.palette import PAGE
from orgdesigner.model import Organization

DRAWN_SUFFIXES = (".svg", ".png", ".pdf")
PAGES = ("A4", "Letter", "A3")


@dataclass(frozen=True, slots=True)
class RasterOptions:
    """How PNG and PDF are made: PNG scale (or dpi) and background, PDF page size."""

    scale: float = 1.0
    dpi: float | None = None
    transparent: bool = False
    page: str | None = None


def supported_suffixes() -> list[str]:
    """Every suffix :func:`export_bytes` can write, drawn formats first."""
    return [
        *DRAWN_SUFFIXES,
        ".drawio",
        *sorted(s for s in TEXT_WRITERS if s not in (*DRAWN_SUFFIXES, ".drawio")),
    ]


def suffix_of(path: str | os.PathLike[str]) -> str:
    """The lower-case suffix of ``path`` (``ExportError`` if it is not one we can write)."""
    suffix = Path(path).suffix.lower()
    if suffix not in supported_suffixes():
        shown = f"'{suffix}'" if suffix else "a name without a suffix"
        raise ExportError(
            f"cannot export to {shown}: the file name must end in one of " + ", ".join(supported_suffixes())
        )
    return suffix


def finding_badges(org: Organization) -> dict[str, BadgeCounts]:
    """Per node id, the counts of the analysis findings that name it (what ``--badges`` shows)."""
    from orgdesigner.analysis import analyse  # only when asked: the analysis is not needed otherwise

    return badge_counts((f.severity, f.nodes) for f in analyse(org).findings)


def export_bytes(
    org: Organization, suffix: str, options: LayoutOptions | None = None, raster: RasterOptions | None = None
) -> bytes:
    """The bytes of ``org`` exported as ``suffix`` (``.svg``, ``.png``, ``.pdf``, ``.drawio``...)."""
    suffix = suffix.lower()
    options = options or LayoutOptions()
    raster = raster or RasterOptions()
    if suffix in DRAWN_SUFFIXES or suffix == ".drawio":
        placement = layout(org, options)
        if suffix == ".svg":
            from orgdesigner.export.svg import svg_bytes

            return svg_bytes(placement, background=None if raster.transparent else PAGE)
        if suffix == ".png":
            from orgdesigner.export.raster import png_bytes

            return png_bytes(placement, raster.scale, raster.dpi, raster.transparent)
        if suffix == ".pdf":
            from orgdesigner.export.raster import pdf_bytes

            if raster.page is not None and raster.page not in PAGES:
                raise ExportError(f"page size {raster.page!r} is not one of {', '.join(PAGES)}")
            return pdf_bytes(placement, raster.page)  # type: ignore[arg-type]
        from orgdesigner.export.drawio import drawio_bytes

        return drawio_bytes(org, placement)
    writer = TEXT_WRITERS.get(suffix)
    if writer is None:
        suffix_of(f"x{suffix}")
        raise ExportError(f"no writer for {suffix}")
    return writer(org)


def export_file(
    org: Organization,
    path: str | os.PathLike[str],
    options: LayoutOptions | None = None,
    raster: RasterOptions | None = None,
) -> int:
    """Export ``org`` to ``path`` (format from its suffix), atomically; return the bytes written."""
    data = export_bytes(org, suffix_of(path), options, raster)
    write_atomic(path, data)
    return len(data)
