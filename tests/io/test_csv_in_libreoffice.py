"""The CSV export opened in LibreOffice Calc as a spreadsheet of another locale would: split on
semicolons or tabs, where our quotes do not protect the cells. No cell may become a formula.

Runs where LibreOffice is installed (``apt-get install libreoffice-calc``); skipped elsewhere,
CI included, since the suite's own set-up does not install it. A positive control (a raw CSV
with the same texts, unescaped) shows the check would see a formula.
"""

from __future__ import annotations

import csv
import io
import re
import shutil
import subprocess
import zipfile
from pathlib import Path

import pytest

from orgdesigner.io.csv_write import csv_bytes
from orgdesigner.model import Discipline, FlatNode, Organization, Structure, Team, Unit

pytestmark = pytest.mark.slow

NAMES = ["Sales;=2+3*7;x", "x; @SUM(1,2)", "-3+4", "plain"]
NOTES = 'line one\n=HYPERLINK("http://example.invalid","click")\n; =9*9\n\t=4*4'


def _org() -> Organization:
    nodes = [FlatNode(Unit(id="root", name="Root", structure=Structure.EXECUTIVE), None)]
    for i, name in enumerate(NAMES):
        team = Team(id=f"t{i}", name=name, discipline=Discipline.BUSINESS, headcount=1, notes=NOTES)
        nodes.append(FlatNode(team, "root"))
    return Organization.from_flat("Spreadsheet", 2, nodes)


def _formulas(soffice: str, data: bytes, separator: int, folder: Path) -> list[str]:
    """The formulas of the sheet LibreOffice makes of ``data`` split on ``separator``."""
    folder.mkdir(parents=True, exist_ok=True)
    source = folder / f"in{separator}.csv"
    source.write_bytes(data)
    out = folder / f"out{separator}"
    subprocess.run(
        [
            soffice,
            "--headless",
            f"--infilter=CSV:{separator},34,76,1",
            "--convert-to",
            "xlsx",
            "--outdir",
            str(out),
            str(source),
        ],
        check=True,
        capture_output=True,
        timeout=180,
        env={"HOME": str(folder), "PATH": "/usr/bin:/bin"},
    )
    sheet = zipfile.ZipFile(out / f"in{separator}.xlsx").read("xl/worksheets/sheet1.xml").decode()
    return re.findall(r"<f[^>]*>([^<]*)</f>", sheet)


def _raw_csv(org: Organization) -> bytes:
    """The same cells, every one quoted but none escaped: what a naive writer would make."""
    buffer = io.StringIO(newline="")
    writer = csv.writer(buffer, quoting=csv.QUOTE_ALL)
    for node in org.iter_nodes():
        writer.writerow([node.id, node.name, node.notes or ""])
    return buffer.getvalue().encode("utf-8")


@pytest.mark.parametrize("separator", [59, 9], ids=["semicolon", "tab"])
def test_no_cell_becomes_a_formula_when_split_on_semicolons_or_tabs(separator: int, tmp_path: Path) -> None:
    soffice = shutil.which("soffice")
    if soffice is None:
        pytest.skip("LibreOffice is not installed")
    org = _org()
    control = _formulas(soffice, _raw_csv(org), separator, tmp_path / "control")
    assert control, "the positive control makes no formula: the check would see nothing"
    assert _formulas(soffice, csv_bytes(org), separator, tmp_path / "ours") == []
