"""``orgdesigner import``: HR-style CSVs in, org files out; bad CSVs give every problem, exit 2,
and write nothing."""

from __future__ import annotations

import csv
import io
import json
from pathlib import Path

import pytest

from orgdesigner.cli import main
from orgdesigner.io import read_org
from orgdesigner.io.text_formats import TEXT_WRITERS


def _csv(tmp_path: Path, text: str, encoding: str = "utf-8", bom: bool = False) -> Path:
    path = tmp_path / "people.csv"
    path.write_bytes((b"\xef\xbb\xbf" if bom else b"") + text.encode(encoding))
    return path


def test_the_sample_imports_checks_and_exports(
    tmp_path: Path, capsys: pytest.CaptureFixture[str], d3_sample_csv: Path
) -> None:
    out = tmp_path / "org.json"
    assert main(["import", str(d3_sample_csv), "-o", str(out), "--name", "D3 sample"]) == 0
    printed = capsys.readouterr()
    assert "1516 people as " in printed.out and "columns: id=id, name=name, parent=parentId" in printed.out
    # The counts by strong, weak and no keyword add up, and the titles behind each are listed.
    line = next(x for x in printed.out.splitlines() if x.startswith("disciplines of 1516 people"))
    counts = [int(w) for w in line.split(": ", 1)[1].replace(",", "").split() if w.isdigit()]
    assert sum(counts) == 1516
    assert "'Linear Manager' -> Business & Operations: no keyword matched" in printed.out
    assert "'CTO' -> Software Engineering: 'cto' in the title (weak)" in printed.out
    assert "'Corporate': executive" in printed.out
    org = read_org(out)
    assert org.name == "D3 sample" and sum(t.headcount for t in org.teams()) == 1516
    assert main(["summary", str(out)]) == 0
    assert "headcount: 1516" in capsys.readouterr().out
    assert main(["check", str(out), "--format", "json", "--fail-on", "never"]) == 0
    report = json.loads(capsys.readouterr().out)
    assert not [f for f in report["findings"] if "Business & Operations" in f["message"]]  # not judged
    # A readable report: the 320 non-technical people and 441 developers make no flood of entries.
    assert main(["check", str(out), "--fail-on", "never"]) == 0
    entries = [x for x in capsys.readouterr().out.splitlines() if x.startswith("  ") and "." in x.split()[0]]
    assert len(entries) < 60
    for suffix, writer in TEXT_WRITERS.items():
        exported = tmp_path / f"org{suffix}"
        assert main(["import", str(d3_sample_csv), "-o", str(exported), "--name", "D3 sample"]) == 0
        assert exported.read_bytes() == writer(org)


def test_people_and_keep_extra(tmp_path: Path, capsys: pytest.CaptureFixture[str], d3_sample_csv: Path) -> None:
    out = tmp_path / "org.json"
    assert main(["import", str(d3_sample_csv), "-o", str(out), "--people", "--keep-extra", "--target-stage", "2"]) == 0
    org = read_org(out)
    assert len(org.teams()) == 1516 and sum(t.headcount for t in org.teams()) == 1516
    assert org.target_stage == 2 and org.name == "d3-org-chart-sample-org"
    assert "profileUrl: http://example.com/employee/profile" in (org.node("O-6066").notes or "")
    # --group-teams, the default now, is still accepted.
    assert main(["import", str(d3_sample_csv), "-o", str(out), "--group-teams", "--force"]) == 0
    assert len(read_org(out).teams()) < 1516


GOOD = {
    "semicolons, BOM, Latin-1": (
        "Personalnummer;Vorname;Nachname;Position;Abteilung;Manager ID\n"
        "1;Jürgen;Groß;CTO;Technik;\n2;Anaïs;Côté;Data Scientist;Data;1\n",
        "latin-1",
        True,
        [],
    ),
    "tabs": (
        "id\tname\tparentId\ttitle\nA\tAda\t\tHead of Data\nB\tBo\tA\tML Engineer\n",
        "utf-8",
        False,
        [],
    ),
    "employee and manager ids": (
        "Employee ID,First name,Last name,Position,Department,Manager ID\n"
        "E1,Ada,Root,VP,Eng,\nE2,Bo,Dev,Software Engineer,Eng,E1\n",
        "utf-8",
        False,
        [],
    ),
    "emails": (
        "Name,Email,Supervisor email,Title\nAda,ada@x.org,,CTO\nBo,bo@x.org,ADA@x.org,SRE\n",
        "utf-8",
        False,
        [],
    ),
    "odd headers mapped": (
        "Wer,Chef,Rolle\nAda,,CTO\nBo,Ada,Data Engineer\n",
        "utf-8",
        False,
        ["--map", "name=Wer,parent=Chef", "--map", "title=Rolle"],
    ),
}


@pytest.mark.parametrize("style", sorted(GOOD))
def test_hr_styles_import(style: str, tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    text, encoding, bom, options = GOOD[style]
    out = tmp_path / "org.json"
    assert main(["import", str(_csv(tmp_path, text, encoding, bom)), "-o", str(out), "--people", *options]) == 0
    org = read_org(out)
    teams = org.teams()
    assert len(teams) == 2 and sum(t.headcount for t in teams) == 2
    assert teams[1].name in ("Anaïs Côté", "Bo", "Bo Dev")
    assert org.parent(teams[1].id) in (teams[0].id, *(u.id for u in org.units()))
    assert "Traceback" not in capsys.readouterr().err


BAD = {
    "cycle": ("id;name;parentId\n1;Ada;\n2;Bo;3\n3;Cy;2\n", "latin-1", True, ["row 3: reporting cycle"]),
    "missing manager (strict)": (
        "Employee ID\tName\tManager ID\nE1\tAda\t\nE2\tBo\tE9\n",
        "utf-8",
        False,
        ["row 3: manager 'E9' is not the id of anyone in the file"],
    ),
    "duplicate ids": (
        "id,name,parentId\n1,Ada,\n1,Bo,1\n",
        "utf-8",
        False,
        ["row 3: duplicate id '1' (also row 2)"],
    ),
    "two roots (strict)": (
        "Name,Email,Supervisor email\nAda,a@x,\nBo,b@x,\n",
        "utf-8",
        False,
        ["row 2: 2 people have no manager: 'Ada' (row 2), 'Bo' (row 3); an org has one top"],
    ),
    "empty names": (
        "id,First name,Last name,parentId\n1,Ada,L,\n2, , ,1\n3,,,1\n",
        "utf-8",
        False,
        ["row 3: empty name", "row 4: empty name"],
    ),
    "several at once (strict)": (
        "id,name,parentId\n1,Ada,\n2,,1\n3,Cy,7\n4,Di,\n",
        "cp1252",
        False,
        ["row 2: 2 people have no manager: 'Ada' (row 2), 'Di' (row 5)", "row 3: empty name", "row 4: manager '7'"],
    ),
    "a stray quote swallows rows": (
        'id,name,parentId,title\n1,Ada,,CEO\n2,Bo,1,"Senior Engineer\n3,Cy,1,Dev\n4,Di,1,"Data, Eng"\n',
        "utf-8",
        False,
        ["row 3: a quote (\") opens the 'title' cell and is not closed where the cell ends"],
    ),
}


@pytest.mark.parametrize("case", sorted(BAD))
def test_bad_csv_lists_each_problem_exits_2_and_writes_nothing(
    case: str, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    text, encoding, bom, expected = BAD[case]
    out = tmp_path / "org.json"
    strict = ["--strict"] if "(strict)" in case else []
    assert main(["import", str(_csv(tmp_path, text, encoding, bom)), "-o", str(out), *strict]) == 2
    err = capsys.readouterr().err
    assert err.startswith("orgdesigner: error: ") and "nothing was written" in err
    for line in expected:
        assert f"\n  {line}" in err, err
    assert err.count("\n  row ") == len(expected)
    assert "Traceback" not in err
    assert not out.exists() and list(tmp_path.iterdir()) == [tmp_path / "people.csv"]


def test_not_a_csv_is_one_line_and_exit_2(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    path = tmp_path / "people.csv"
    path.write_bytes(b"PK\x03\x04" + bytes(100))
    assert main(["import", str(path), "-o", str(tmp_path / "org.json")]) == 2
    err = capsys.readouterr().err
    assert err.count("\n") == 1 and "Excel .xlsx workbook" in err
    assert main(["import", str(tmp_path / "absent.csv"), "-o", str(tmp_path / "org.json")]) == 2
    assert "no such file" in capsys.readouterr().err


def test_refuses_to_overwrite_without_force(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    source = _csv(tmp_path, "id,name,parentId\n1,Ada,\n")
    out = tmp_path / "org.json"
    out.write_text("keep me")
    assert main(["import", str(source), "-o", str(out)]) == 2
    assert "already exists" in capsys.readouterr().err and out.read_text() == "keep me"
    assert main(["import", str(source), "-o", str(out), "--force", "--people"]) == 0
    assert read_org(out).node("1").name == "Ada"


@pytest.mark.parametrize(
    ("options", "message"),
    [
        (["--map", "salary=Pay"], "unknown field 'salary'"),
        (["--map", "name=Nom"], "no column 'Nom'"),
        (["--name", "  "], "--name must not be empty"),
        (["--top", ""], "--top must not be empty"),
        (["--unit", "Sales=sideways"], "unknown structure 'sideways'"),
        (["--unit", "nothing"], "is not DEPARTMENT=STRUCTURE"),
    ],
)
def test_bad_options_are_one_line_and_exit_2(
    options: list[str], message: str, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    source = _csv(tmp_path, "id,name,parentId\n1,Ada,\n")
    assert main(["import", str(source), "-o", str(tmp_path / "org.json"), *options]) == 2
    err = capsys.readouterr().err
    assert message in err and err.count("\n") == 1
    assert not (tmp_path / "org.json").exists()


def test_a_bad_stage_is_a_usage_error(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    source = _csv(tmp_path, "id,name,parentId\n1,Ada,\n")
    with pytest.raises(SystemExit) as info:
        main(["import", str(source), "-o", str(tmp_path / "org.json"), "--target-stage", "9"])
    assert info.value.code == 2 and "invalid choice" in capsys.readouterr().err


def test_unknown_output_suffix_is_refused(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    source = _csv(tmp_path, "id,name,parentId\n1,Ada,\n")
    assert main(["import", str(source), "-o", str(tmp_path / "org.xlsx")]) == 2
    assert "cannot write .xlsx files" in capsys.readouterr().err


def test_titles_table_saved_edited_and_reused(
    tmp_path: Path, capsys: pytest.CaptureFixture[str], oracle_hr_csv: Path
) -> None:
    out, table = tmp_path / "org.json", tmp_path / "titles.csv"
    assert main(["import", str(oracle_hr_csv), "-o", str(out), "--save-titles", str(table)]) == 0
    assert f"this import's table: {table}" in capsys.readouterr().out
    rows = list(csv.DictReader(io.StringIO(table.read_text("utf-8-sig"))))
    assert rows[0] == {"title": "Sales Representative", "discipline": "business", "people": "30", "how": "strong"}
    assert sum(int(r["people"]) for r in rows) == 107
    # Say the programmers are data engineers and the stock clerks analysts, by name or id.
    edited = [dict(r) for r in rows]
    for r in edited:
        if r["title"] == "Programmer":
            r["discipline"] = "Data Engineering"
        elif r["title"] == "Stock Clerk":
            r["discipline"] = "analytics"
    with table.open("w", newline="", encoding="utf-8") as handle:
        writer = csv.DictWriter(handle, fieldnames=["title", "discipline", "people", "how"])
        writer.writeheader()
        writer.writerows(edited)
    assert main(["import", str(oracle_hr_csv), "-o", str(out), "--force", "--titles", str(table)]) == 0
    printed = capsys.readouterr().out
    assert "107 from the titles table" in printed
    org = read_org(out)
    disciplines = {t.discipline.value for t in org.teams() if "Alexander" in (t.lead or t.name)}
    assert disciplines == {"data_engineering"}
    assert sum(t.headcount for t in org.teams() if t.discipline.value == "analytics") == 20


def test_a_bad_titles_table_lists_its_rows(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    table = tmp_path / "titles.csv"
    table.write_text("title,discipline\nClerk,bookkeeping\nPilot,business\npilot,data_science\n", encoding="utf-8")
    source = _csv(tmp_path, "id,name,parentId\n1,Ada,\n")
    assert main(["import", str(source), "-o", str(tmp_path / "org.json"), "--titles", str(table)]) == 2
    err = capsys.readouterr().err
    assert "row 2: unknown discipline 'bookkeeping'" in err and "row 4: title 'pilot' is given another" in err
    assert not (tmp_path / "org.json").exists()


def test_unit_option_sets_a_departments_structure(
    tmp_path: Path, capsys: pytest.CaptureFixture[str], oracle_hr_csv: Path
) -> None:
    out = tmp_path / "org.json"
    args = ["import", str(oracle_hr_csv), "-o", str(out), "--unit", "Shipping=Data & AI", "--unit", "nowhere=other"]
    assert main(args) == 0
    printed = capsys.readouterr()
    assert "'Shipping': data_ai (set by --unit)" in printed.out
    assert "--unit names no department of this file: 'nowhere'" in printed.err
    assert {u.name: u.structure.value for u in read_org(out).units()}["Shipping"] == "data_ai"


def test_json_and_backstage_files_import(
    tmp_path: Path, capsys: pytest.CaptureFixture[str], backstage_acme_yaml: Path
) -> None:
    people = tmp_path / "people.json"
    people.write_text(
        json.dumps(
            [
                {"id": 1, "parentId": None, "name": "Ada", "positionName": "CTO"},
                {"id": 2, "parentId": 1, "name": "Bo", "positionName": "Data Scientist"},
            ]
        )
    )
    assert main(["import", str(people), "-o", str(tmp_path / "a.json")]) == 0
    assert "2 people as" in capsys.readouterr().out
    assert main(["import", str(backstage_acme_yaml), "-o", str(tmp_path / "b.json")]) == 0
    assert "9 groups as 5 teams in 4 units (headcount 17)" in capsys.readouterr().out
    # Exported to Backstage and back: the same file, no flags needed.
    assert main(["export", str(tmp_path / "b.json"), "-o", str(tmp_path / "b.yaml")]) == 0
    assert main(["import", str(tmp_path / "b.yaml"), "-o", str(tmp_path / "c.json")]) == 0
    assert (tmp_path / "c.json").read_bytes() == (tmp_path / "b.json").read_bytes()


def test_csv_export_then_import_needs_no_flags(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    source = tmp_path / "stage1.json"
    assert main(["new", "--template", "stage-1", "-o", str(source)]) == 0
    assert main(["export", str(source), "-o", str(tmp_path / "org.csv")]) == 0
    assert main(["import", str(tmp_path / "org.csv"), "-o", str(tmp_path / "back.json")]) == 0
    assert (tmp_path / "back.json").read_bytes() == source.read_bytes()
    capsys.readouterr()
    assert main(["check", str(tmp_path / "back.json"), "--format", "json"]) == 0
    assert json.loads(capsys.readouterr().out)["summary"]["errors"] == 0
