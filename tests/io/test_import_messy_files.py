"""Exports that are not one perfect tree, and files that are not perfect CSV: imported by default
with one warning each, refused with ``--strict``; what no file may do (a cycle, a quote that
swallows the rest of the file) refused always, naming the row."""

from __future__ import annotations

import csv
import io
import json
from pathlib import Path

import pytest

from orgdesigner.analysis import analyse
from orgdesigner.io.csv_errors import CsvImportError
from orgdesigner.io.csv_import import ImportOptions, ImportResult, import_csv
from orgdesigner.io.csv_read import parse_table
from orgdesigner.io.import_sources import import_file
from orgdesigner.model import Discipline, Structure, Team, Unit
from orgdesigner.model.text import NOTES_MAX


def _write(tmp_path: Path, text: str, name: str = "people.csv") -> Path:
    path = tmp_path / name
    path.write_text(text, encoding="utf-8")
    return path


def _manager(result: ImportResult, name: str) -> str | None:
    row = next(g.row for g in result.guesses if g.name == name)
    boss = result.manager_of[row]
    return None if boss is None else next(g.name for g in result.guesses if g.row == boss)


def test_several_people_without_a_manager_go_under_one_added_top(tmp_path: Path) -> None:
    text = "id,name,parentId,title,department\n1,Ada,,CEO,Board\n2,Bo,1,CFO,Finance\n3,Cy,,Chairwoman,Board\n"
    result = import_csv(_write(tmp_path, text))
    org = result.org
    top = org.node(org.root or "")
    assert isinstance(top, Unit) and top.name == "people" and top.lead is None
    assert top.structure is Structure.EXECUTIVE
    warning = next(w for w in result.warnings if "was added above them" in w)
    assert "2 people have no manager in the file, so a top, 'people'" in warning
    assert "'Ada' (row 2), 'Cy' (row 4)" in warning
    named = import_csv(_write(tmp_path, text), options=ImportOptions(top="Acme Group"))
    assert named.org.node(named.org.root or "").name == "Acme Group"
    with pytest.raises(CsvImportError) as info:
        import_csv(_write(tmp_path, text), options=ImportOptions(strict=True))
    assert [str(p) for p in info.value.problems] == [
        "row 2: 2 people have no manager: 'Ada' (row 2), 'Cy' (row 4); an org has one top: give all but one of "
        "them a manager (or import without --strict to put them under one top)"
    ]


@pytest.mark.parametrize("value", ["NULL", "0", "N/A", "-", "NO_MGR", "none", "1"])
def test_values_meaning_no_manager_and_ones_own_id(value: str, tmp_path: Path) -> None:
    text = f"id,name,parentId\n1,Ada,{value}\n2,Bo,1\n3,Cy,2\n"
    result = import_csv(_write(tmp_path, text), options=ImportOptions(people=True))
    assert _manager(result, "Ada") is None and _manager(result, "Cy") == "Bo"
    org = result.org
    assert org.node(org.root or "").lead == "Ada"  # the one person at the top leads the org
    reason = "own manager" if value == "1" else "means no manager"
    assert any(reason in w and "'Ada' (row 2" in w for w in result.warnings), result.warnings
    with pytest.raises(CsvImportError):
        import_csv(_write(tmp_path, text), options=ImportOptions(strict=True))


def test_zero_is_a_manager_when_someone_has_that_id(tmp_path: Path) -> None:
    result = import_csv(_write(tmp_path, "id,name,parentId\n0,Ada,\n1,Bo,0\n"), options=ImportOptions(people=True))
    assert _manager(result, "Bo") == "Ada"
    assert not any("manager" in w for w in result.warnings)


def test_managers_not_in_the_file_are_attached_to_the_top(tmp_path: Path) -> None:
    text = "Employee ID,Name,Manager ID\nE1,Ada,\nE2,Bo,E1\nE3,Cy,E9\nE4,Di,E3\n"
    result = import_csv(_write(tmp_path, text), options=ImportOptions(people=True))
    org = result.org
    assert _manager(result, "Cy") is None and _manager(result, "Di") == "Cy"
    assert any("manager who is not in the file" in w and "'Cy' (row 4: 'E9')" in w for w in result.warnings)
    assert org.parent("E3") == org.root and org.parent("E4") == "E3"
    assert sum(t.headcount for t in org.teams()) == 4


def test_a_cycle_is_refused_in_every_mode_naming_its_people(tmp_path: Path) -> None:
    text = "id,name,parentId\n1,Ada,\n2,Bo,3\n3,Cy,2\n"
    for options in (ImportOptions(), ImportOptions(strict=True), ImportOptions(people=True)):
        with pytest.raises(CsvImportError) as info:
            import_csv(_write(tmp_path, text), options=options)
        assert [str(p) for p in info.value.problems] == [
            "row 3: reporting cycle: 'Bo' (row 3) reports to 'Cy' (row 4) reports to 'Bo' again"
        ]


def test_rows_with_more_cells_than_the_header_are_named(tmp_path: Path) -> None:
    text = "id,name,parentId\n1,Ada,\n2,Bo,1,shifted\n3,Cy,1,,\n"
    result = import_csv(_write(tmp_path, text))
    assert (
        "row 3: more cells than the header's 3 columns; the extra cells are ignored, and the cells before them "
        "may be shifted (check these rows)"
    ) in result.warnings


def test_a_stray_quote_that_swallows_the_rest_is_refused_with_its_row(tmp_path: Path) -> None:
    buffer = io.StringIO()
    writer = csv.writer(buffer, lineterminator="\n")
    writer.writerow(["id", "name", "parentId", "title"])
    writer.writerow([1, "Ada", "", "CEO"])
    for i in range(2, 501):
        writer.writerow([i, f"Person {i}", 1, f"Analyst, level {i % 3}" if i % 7 == 0 else "Engineer"])
    lines = buffer.getvalue().splitlines()
    lines[3] = lines[3].replace(",Engineer", ',"Engineer')  # row 4: a title that starts with a quote
    path = _write(tmp_path, "\n".join(lines) + "\n")
    with pytest.raises(CsvImportError) as info:
        import_csv(path)
    [problem] = info.value.problems
    assert problem.row == 4 and "opens the 'title' cell and is not closed" in problem.message
    # Without the stray quote the same file is 500 people.
    lines[3] = lines[3].replace(',"Engineer', ",Engineer")
    assert len(import_csv(_write(tmp_path, "\n".join(lines) + "\n")).guesses) == 500


def test_a_real_multi_line_cell_is_not_a_stray_quote(tmp_path: Path) -> None:
    text = 'id,name,parentId,notes\n1,Ada,,"first line\nsecond line"\n2,Bo,1,x\n'
    assert len(import_csv(_write(tmp_path, text)).guesses) == 2


def test_long_kept_columns_are_cut_with_a_warning(tmp_path: Path) -> None:
    text = f"id,name,parentId,bio\n1,Ada,,{'x' * (NOTES_MAX + 50)}\n2,Bo,1,short\n"
    result = import_csv(_write(tmp_path, text), options=ImportOptions(people=True, keep_extra=True))
    notes = result.org.node("1").notes or ""
    assert len(notes) == NOTES_MAX and notes.endswith("…")
    assert f"row 2: kept columns cut to fit the notes' {NOTES_MAX:,} characters" in result.warnings


def test_many_people_of_one_name_get_unique_ids(tmp_path: Path) -> None:
    text = "name,manager\nBoss,\n" + "".join("Sam,Boss\n" for _ in range(3000))
    result = import_csv(_write(tmp_path, text), options=ImportOptions(people=True))
    ids = [t.id for t in result.org.teams()]
    assert len(set(ids)) == 3001 and "sam" in ids and "sam-3000" in ids


def test_thousands_of_equal_headers_are_made_unique(tmp_path: Path) -> None:
    header = ",".join(["name", "manager", *["x"] * 5000])
    table = parse_table(f"{header}\nAda,\n".encode(), "wide.csv")
    assert len(set(h.casefold() for h in table.headers)) == 5002
    assert table.headers[2:5] == ("x", "x (2)", "x (3)") and table.headers[-1] == "x (5000)"
    # An error on such a file lists a readable number of columns, not 5,000.
    with pytest.raises(CsvImportError) as info:
        import_csv(_write(tmp_path, header.replace("name", "who") + "\nAda,\nBo,Ada\n"))
    assert len(str(info.value)) < 2000 and "and 4,982 more" in str(info.value)


def test_no_title_column_is_said(tmp_path: Path) -> None:
    result = import_csv(_write(tmp_path, "id,name,parentId\n1,Ada,\n"))
    assert any("no job title column recognised" in w for w in result.warnings)


# The real samples in tests/data ---------------------------------------------------------------


def test_oracle_hr_sample_becomes_departments_of_business_staff_and_a_readable_check(oracle_hr_csv: Path) -> None:
    result = import_csv(oracle_hr_csv)
    org = result.org
    people = {g.discipline for g in result.guesses}
    counts = {d: sum(1 for g in result.guesses if g.discipline is d) for d in people}
    assert counts == {Discipline.BUSINESS: 102, Discipline.SOFTWARE_ENGINEERING: 5}
    assert [g.guess.strength.value for g in result.guesses].count("none") == 0
    units = {u.name: u for u in result.units}
    assert set(units) == {
        "Executive", "Finance", "Administration", "Human Resources", "Public Relations", "Accounting", "IT",
        "Purchasing", "Shipping", "Sales", "Marketing",
    }  # fmt: skip
    assert org.root == units["Executive"].node_id and units["Executive"].lead == "Steven King"
    assert units["IT"].structure is Structure.PLATFORM and units["Sales"].structure is Structure.OTHER
    # The one person without a department (a sales representative) sits in her manager's.
    assert sum(t.headcount for t in org.teams()) == 107
    report = analyse(org)
    business = {t.id for t in org.teams() if t.discipline is Discipline.BUSINESS}
    for finding in report.findings:
        if business & set(finding.nodes):
            assert finding.code.startswith("structure.") or finding.code == "handoff.unowned", finding
    assert len(report.findings) < 40


def test_d3_json_reads_as_its_csv_does(tmp_path: Path, d3_sample_csv: Path) -> None:
    rows = list(csv.DictReader(d3_sample_csv.open(encoding="utf-8")))
    records = [{**r, "isLoggedUser": r["isLoggedUser"] == "true", "parentId": r["parentId"] or None} for r in rows]
    path = tmp_path / "org.json"
    path.write_text(json.dumps(records, indent=2), encoding="utf-8")
    from_json = import_file(path)
    from_csv = import_csv(d3_sample_csv)
    assert from_json.org.flat() == from_csv.org.flat()
    assert from_json.mapping == from_csv.mapping
    # A row is an object's place in the array.
    assert [g.row for g in from_json.guesses[:3]] == [1, 2, 3]


@pytest.mark.parametrize(
    ("text", "problem"),
    [
        ('[{"id": 1, "name": "Ada"},\n 3]', "line 2: each element must be an object"),
        ('[\n{"id": 1,\n "name": "Ada"\n', "not valid JSON"),
        ('{"nodes": []}', "not a JSON array of people"),
        ("[]", "the array is empty"),
        ('[{"id": 1}] trailing', "text after the array"),
    ],
)
def test_bad_json_is_one_problem_with_its_line(text: str, problem: str, tmp_path: Path) -> None:
    with pytest.raises(CsvImportError) as info:
        import_file(_write(tmp_path, text, "people.json"))
    assert problem in str(info.value)


def test_teams_and_people_modes_keep_every_person_once(d3_sample_csv: Path) -> None:
    teams = import_csv(d3_sample_csv)
    people = import_csv(d3_sample_csv, options=ImportOptions(people=True))
    for result in (teams, people):
        assert sum(t.headcount for t in result.org.teams()) == 1516
        assert {g.node_id for g in result.guesses} <= {t.id for t in result.org.teams()}
    assert len(people.org.teams()) == 1516 > len(teams.org.teams())
    assert all(isinstance(people.org.node(g.node_id), Team) for g in people.guesses)
