"""Importing HR-style CSVs: recognised headers, mappings, ids, names, managers and teams."""

from __future__ import annotations

from pathlib import Path

import pytest

from orgdesigner.io.csv_errors import CsvImportError
from orgdesigner.io.csv_import import ImportOptions, ImportResult, build_org, import_csv
from orgdesigner.io.csv_mapping import MappingError, guess_mapping, parse_map_option
from orgdesigner.io.csv_read import parse_table
from orgdesigner.model import Discipline, Structure, Team, Unit

PEOPLE = ImportOptions(people=True)
STRICT = ImportOptions(people=True, strict=True)


def _write(tmp_path: Path, text: str, encoding: str = "utf-8", name: str = "people.csv") -> Path:
    path = tmp_path / name
    path.write_bytes(text.encode(encoding))
    return path


def _team(result: ImportResult, node_id: str) -> Team:
    node = result.org.node(node_id)
    assert isinstance(node, Team)
    return node


def _people_ids(result: ImportResult) -> list[str]:
    """The team ids in tree order (units left out)."""
    return [f.node.id for f in result.org.flat() if isinstance(f.node, Team)]


def _boss(result: ImportResult, name: str) -> str | None:
    """The name of a person's manager, as the import read it."""
    row = next(g.row for g in result.guesses if g.name == name)
    manager = result.manager_of[row]
    return None if manager is None else next(g.name for g in result.guesses if g.row == manager)


def test_semicolons_bom_and_employee_manager_ids(tmp_path: Path) -> None:
    text = (
        "\ufeffEmployee ID;First name;Last name;Position;Department;Manager ID\r\n"
        "E1;Zoë;Ångström;VP Engineering;Engineering;\r\n"
        "E2;Renée;Müller;Senior Data Scientist;Data & Analytics;E1\r\n"
        "E3;José;Núñez;Data Engineer;Data & Analytics;E1\r\n"
        "E4;  Li  ;Wei;MLOps Engineer;Platform;E3\r\n"
    )
    result = import_csv(_write(tmp_path, text), options=PEOPLE)
    org = result.org
    assert _people_ids(result) == ["E1", "E2", "E3", "E4"]
    assert [_boss(result, n) for n in ("Zoë Ångström", "Renée Müller", "José Núñez", "Li Wei")] == [
        None,
        "Zoë Ångström",
        "Zoë Ångström",
        "José Núñez",
    ]
    # Departments are units, nested as their heads report: Data & Analytics under
    # Engineering (E2 reports to E1), Platform under Data & Analytics (E4 reports to E3).
    units = {u.name: u for u in result.units}
    assert org.parent(units["Data & Analytics"].node_id) == units["Engineering"].node_id
    assert org.parent(units["Platform"].node_id) == units["Data & Analytics"].node_id
    assert org.root == units["Engineering"].node_id
    assert [units[n].structure for n in ("Engineering", "Data & Analytics", "Platform")] == [
        Structure.EXECUTIVE,
        Structure.DATA_AI,
        Structure.PLATFORM,
    ]
    assert units["Data & Analytics"].lead == "Renée Müller"
    assert org.parent("E2") == org.parent("E3") == units["Data & Analytics"].node_id
    assert org.node("E2").name == "Renée Müller"
    assert org.node("E4").name == "Li Wei"
    assert _team(result, "E2").discipline is Discipline.DATA_SCIENCE
    assert _team(result, "E3").discipline is Discipline.DATA_ENGINEERING
    assert _team(result, "E4").discipline is Discipline.MLOPS
    assert _team(result, "E1").headcount == 1
    assert org.name == "people"
    assert "Title: Senior Data Scientist" in (org.node("E2").notes or "")


def test_latin_1_tab_separated(tmp_path: Path) -> None:
    text = "id\tname\tparentId\ttitle\n1\tFrançois Lefèvre\t\tHead of Data\n2\tAnaïs Côté\t1\tBI Analyst\n"
    result = import_csv(_write(tmp_path, text, "latin-1"), options=PEOPLE)
    assert result.org.node("2").name == "Anaïs Côté"
    assert _team(result, "2").discipline is Discipline.ANALYTICS


def test_email_and_supervisor_email_give_the_managers(tmp_path: Path) -> None:
    text = (
        "Full Name,Email,Supervisor Email,Job Title\n"
        "Ada Root,ada@x.org,,CTO\n"
        "Bo Lead,BO@x.org,ada@X.org,Engineering Manager\n"
        "Cy Dev,cy@x.org,bo@x.org,Software Engineer\n"
    )
    result = import_csv(_write(tmp_path, text), options=PEOPLE)
    org = result.org
    ids = {org.node(n).name: n for n in org.iter_preorder()}
    assert org.parent(ids["Cy Dev"]) == ids["Bo Lead"]
    assert org.parent(ids["Bo Lead"]) == ids["Ada Root"]
    assert ids["Cy Dev"] == "cy-dev"


def test_managers_given_by_name(tmp_path: Path) -> None:
    text = "Name,Manager,Title\nAda,,CEO\nBo,Ada,LLM Engineer\nCy,Bo,Prompt engineer\n"
    result = import_csv(_write(tmp_path, text), options=PEOPLE)
    assert result.org.parent("cy") == "bo"
    assert _team(result, "bo").discipline is Discipline.AI_ENGINEERING


def test_an_id_column_whose_managers_are_names_falls_back_to_names(tmp_path: Path) -> None:
    text = "Employee ID,Name,Manager\n10,Ada,\n11,Bo,Ada\n"
    result = import_csv(_write(tmp_path, text), options=PEOPLE)
    assert result.org.parent("11") == "10"
    assert not any("by name" in w for w in result.warnings)  # every manager by name: nothing to warn of


def test_workday_style_with_spreadsheet_float_ids(tmp_path: Path) -> None:
    text = (
        "Employee_ID,Worker,Business_Title,Supervisory_Organization,Manager_ID,Email_-_Primary_Work\n"
        "1001,Grace Hopper,CTO,Technology,,grace@acme.com\n"
        "1002,Alan Turing,Head of ML Platform,Data & AI,1001.0,alan@acme.com\n"
    )
    result = import_csv(_write(tmp_path, text), options=PEOPLE)
    assert _boss(result, "Alan Turing") == "Grace Hopper"
    assert _team(result, "1002").discipline is Discipline.MLOPS
    assert result.mapping.email == "Email_-_Primary_Work"


def test_bamboo_style_employee_number_and_last_first_managers(tmp_path: Path) -> None:
    text = (
        '"Employee #","First Name","Last Name","Job Title","Reporting to"\n'
        '"1","Maria","Gonzalez","CEO",""\n'
        '"2","Kenji","Sato","Head of Data","Gonzalez, Maria"\n'
        '"3","Amara","Okafor","Analytics Engineer","Kenji Sato"\n'
    )
    result = import_csv(_write(tmp_path, text), options=PEOPLE)
    assert result.mapping.id == "Employee #"
    assert [result.org.parent(n) for n in ("2", "3")] == ["1", "2"]
    # A column of names, as BambooHR writes it, is no news: no warning about it.
    assert not [w for w in result.warnings if "manager" in w]


def test_a_manager_column_that_mixes_ids_and_names_is_warned_about(tmp_path: Path) -> None:
    text = "Employee ID,Name,Manager\n1,Maria Gonzalez,\n2,Kenji Sato,1\n3,Amara Okafor,Kenji Sato\n"
    result = import_csv(_write(tmp_path, text), options=PEOPLE)
    assert [result.org.parent(n) for n in ("2", "3")] == ["1", "2"]
    assert (
        "1 manager was not found by id but by name or email, and 1 by id: the 'Manager' column mixes them"
        in result.warnings
    )


def test_google_style_bracketed_headers(tmp_path: Path) -> None:
    text = (
        "First Name [Required],Last Name [Required],Email Address [Required],Manager Email [Not Required]\n"
        "Root,User,root@d.com,\n"
        "Dev,One,dev1@d.com,ROOT@d.com\n"
    )
    result = import_csv(_write(tmp_path, text), options=PEOPLE)
    assert result.org.parent("dev-one") == "root-user"


def test_map_option_names_columns_with_odd_headers(tmp_path: Path) -> None:
    text = (
        "Kennung,Anzeigename,Chef,Aufgabe,Kostenstelle,FTE\nP1,Ada,,CTO,IT,\nP2,Bo,P1,Site Reliability Engineer,IT,3\n"
    )
    path = _write(tmp_path, text)
    overrides = parse_map_option(["id=Kennung,name=Anzeigename,parent=chef", "title=4,department=Kostenstelle"])
    result = import_csv(path, overrides | {"headcount": "FTE"}, PEOPLE)
    assert result.org.parent("P2") == "P1"
    assert _team(result, "P2").discipline is Discipline.DEVOPS_SRE
    assert _team(result, "P2").headcount == 3


def test_map_option_parsing() -> None:
    assert parse_map_option(["id=Emp No,name=Last, First", "manager=Boss", "title="]) == {
        "id": "Emp No",
        "name": "Last, First",
        "parent": "Boss",
        "title": None,
    }
    with pytest.raises(MappingError, match="unknown field 'salary'"):
        parse_map_option(["salary=Pay"])
    with pytest.raises(MappingError, match="FIELD=COLUMN"):
        parse_map_option(["name"])


def test_map_option_naming_a_missing_column_lists_the_columns(tmp_path: Path) -> None:
    path = _write(tmp_path, "id,name,parentId\n1,Ada,\n")
    with pytest.raises(MappingError, match=r"no column 'Boss'.*'parentId'"):
        import_csv(path, {"parent": "Boss"})


def test_recognised_headers() -> None:
    mapping = guess_mapping(
        [
            "name",
            "imageUrl",
            "area",
            "profileUrl",
            "office",
            "tags",
            "isLoggedUser",
            "positionName",
            "id",
            "parentId",
            "size",
        ]
    )
    assert mapping.as_dict() == {
        "id": "id",
        "name": "name",
        "first_name": None,
        "last_name": None,
        "parent": "parentId",
        "email": None,
        "manager_email": None,
        "title": "positionName",
        "department": "area",
        "headcount": None,
    }
    mapping = guess_mapping(["Employee_ID", "FIRST NAME", "Surname", "Work Email", "Manager Email", "Dept"])
    assert (mapping.id, mapping.first_name, mapping.last_name) == ("Employee_ID", "FIRST NAME", "Surname")
    assert (mapping.email, mapping.manager_email, mapping.department) == (
        "Work Email",
        "Manager Email",
        "Dept",
    )
    mapping = guess_mapping(["Name", "Surname", "Supervisor"])
    assert (mapping.name, mapping.first_name, mapping.last_name) == (None, "Name", "Surname")
    mapping = guess_mapping(["Personalnummer", "Vorname", "Nachname", "Stelle", "Abteilung", "Vorgesetzter"])
    assert mapping.describe() == (
        "id=Personalnummer, first_name=Vorname, last_name=Nachname, parent=Vorgesetzter, title=Stelle, "
        "department=Abteilung"
    )
    assert guess_mapping(["Prénom", "Nom", "Intitulé de poste"]).title == "Intitulé de poste"


def test_invalid_csv_ids_become_unique_slugs(tmp_path: Path) -> None:
    text = "id,name,parentId\nÉquipe 1,Ada,\nÉquipe #1,Bo,Équipe 1\nequipe-1,Cy,Équipe 1\n"
    result = import_csv(_write(tmp_path, text), options=PEOPLE)
    ids = [f.node.id for f in result.org.flat()]
    ids = _people_ids(result)
    assert "equipe-1" in ids and len(set(ids)) == 3
    assert result.org.node("equipe-1").name == "Cy"
    assert all(result.org.parent(i) == ids[0] for i in ids[1:])


def test_names_are_cleaned_to_fit_the_model(tmp_path: Path) -> None:
    long_name = "N" * 300
    text = f'id,name,parentId\n1,"Ada\tLovelace\x07",\n2,"{long_name}",1\n3,"two\nlines",1\n'
    result = import_csv(_write(tmp_path, text), options=PEOPLE)
    assert result.org.node("1").name == "Ada Lovelace"
    assert len(result.org.node("2").name) == 200
    assert result.org.node("3").name == "two lines"
    assert result.warnings[0] == "rows 2, 3: names cleaned to fit one line of at most 200 characters"


def test_extra_columns_are_ignored_or_kept_as_text_notes(tmp_path: Path) -> None:
    text = "id,name,parentId,imageUrl,office\n1,Ada,,https://example.com/a.jpg,HQ\n"
    path = _write(tmp_path, text)
    assert import_csv(path, options=PEOPLE).org.node("1").notes is None
    notes = import_csv(path, options=ImportOptions(people=True, keep_extra=True)).org.node("1").notes
    assert notes == "imageUrl: https://example.com/a.jpg\noffice: HQ"


def test_headcount_column(tmp_path: Path) -> None:
    text = "id,name,parentId,headcount\nroot,Data & AI,,\nde,Data Engineering,root,7\nds,Data Science,root, 4 \n"
    result = import_csv(_write(tmp_path, text), options=PEOPLE)
    assert [_team(result, n).headcount for n in ("root", "de", "ds")] == [1, 7, 4]


@pytest.mark.parametrize("count", ["1_000", "١٢", "4.0", "1e3", "+", "x"])
def test_headcounts_are_ascii_digits_only(tmp_path: Path, count: str) -> None:
    text = f"id,name,parentId,headcount\nroot,Ada,,\nde,Bo,root,{count}\n"
    error = _problems(tmp_path, text)
    assert [p.row for p in error.problems] == [3]
    assert "is not a whole number" in error.problems[0].message


def test_teams_merge_a_managers_reports_by_discipline_and_the_manager_leads_one(tmp_path: Path) -> None:
    text = (
        "id,name,parentId,title\n"
        "m,Mia,,Head of Data\n"
        "a,Ann,m,Data Engineer\n"
        "b,Ben,m,Senior Data Engineer\n"
        "c,Cat,m,Data Scientist\n"
        "d,Dan,m,Data Engineering Manager\n"
        "e,Eve,d,Data Engineer\n"
        "f,Fay,d,Data Engineer\n"
    )
    path = _write(tmp_path, text)
    assert len(import_csv(path, options=PEOPLE).org.teams()) == 7
    grouped = import_csv(path)
    org = grouped.org
    root = org.root or ""
    assert isinstance(org.node(root), Unit) and org.node(root).lead == "Mia"
    # Mia (a data leader) leads the data engineers who report to her; Cat is a team of one;
    # Dan leads his own team, beside hers (Mia leads the unit, so her reports' teams sit in it).
    assert org.children(root) == ("m-data_engineering", "c", "d-data_engineering")
    team = _team(grouped, "m-data_engineering")
    assert (team.headcount, team.discipline, team.lead) == (3, Discipline.DATA_ENGINEERING, "Mia")
    assert team.name == "Data Engineering (Mia)"
    assert "Ann (Data Engineer)" in (team.notes or "")
    dan = _team(grouped, "d-data_engineering")
    assert org.parent(dan.id) == root and (dan.headcount, dan.lead) == (3, "Dan")
    assert sum(t.headcount for t in org.teams()) == 7
    assert [g.node_id for g in grouped.members("m-data_engineering")] == ["m-data_engineering"] * 3
    assert grouped.members("nobody") == ()


def test_overriding_a_guessed_discipline_changes_the_org_and_the_groups(tmp_path: Path) -> None:
    text = "id,name,parentId,title\nm,Mia,,Head\na,Ann,m,Data Engineer\nb,Ben,m,Data Scientist\n"
    table = parse_table(_write(tmp_path, text).read_bytes(), "people.csv")
    first = build_org(table)
    root = first.org.root or ""
    assert [first.org.node(n).name for n in first.org.children(root)] == ["Data Engineering (Mia)", "Ben"]
    ben = next(g for g in first.guesses if g.name == "Ben")
    assert (ben.guess.keyword, ben.guess.source) == ("data scientist", "title")
    second = build_org(table, disciplines={ben.row: Discipline.DATA_ENGINEERING})
    assert [second.org.node(n).name for n in second.org.children(root)] == ["Data Engineering (Mia)"]
    assert _team(second, "m-data_engineering").headcount == 3
    assert next(g for g in second.guesses if g.name == "Ben").changed
    by_title = build_org(table, options=ImportOptions(titles={"data scientist": Discipline.ML_ENGINEERING}))
    ben = next(g for g in by_title.guesses if g.name == "Ben")
    assert (ben.discipline, ben.guess.source) == (Discipline.ML_ENGINEERING, "table")


def test_unmatched_titles_fall_back_to_business(tmp_path: Path) -> None:
    result = import_csv(_write(tmp_path, "id,name,parentId,title\n1,Ada,,Mainframe Liaison\n"))
    guess = result.guesses[0]
    assert not guess.guess.matched and guess.discipline is Discipline.BUSINESS
    assert guess.guess.strength.value == "none"


def _problems(tmp_path: Path, text: str, options: ImportOptions = STRICT) -> CsvImportError:
    with pytest.raises(CsvImportError) as info:
        import_csv(_write(tmp_path, text, name="bad.csv"), options=options)
    return info.value


def test_every_problem_is_reported_with_its_row(tmp_path: Path) -> None:
    text = (
        "id,name,parentId\n"  # row 1
        "1,Ada,\n"  # row 2
        "2,,1\n"  # row 3: empty name
        "3,Cy,99\n"  # row 4: unknown manager
        "1,Dup,1\n"  # row 5: duplicate id
        "6,Fay,\n"  # row 6: a second root
        "7,Gus,8\n"  # rows 7-8: a cycle
        "8,Hal,7\n"
        "9,Ivy,9\n"  # row 9: own manager
    )
    error = _problems(tmp_path, text)
    rows = [p.row for p in error.problems]
    assert rows == [2, 3, 4, 5, 7, 9]
    text_of = {p.row: p.message for p in error.problems}
    assert text_of[3] == "empty name"
    assert "'99' is not the id of anyone" in text_of[4]
    assert "duplicate id '1' (also row 2)" in text_of[5]
    assert "2 people have no manager: 'Ada' (row 2), 'Fay' (row 6)" in text_of[2]
    assert "reporting cycle" in text_of[7] and "row 8" in text_of[7]
    assert "own manager" in text_of[9]
    line = str(error)
    assert line.startswith(f"{tmp_path / 'bad.csv'}: 6 problems: row 2: 2 people have no manager")
    assert "\n" not in line
    assert error.report().count("\n  row ") == 6


def test_a_long_cycle_without_a_root(tmp_path: Path) -> None:
    text = "id,name,parentId\n" + "".join(f"{i},P{i},{(i + 1) % 12}\n" for i in range(12))
    error = _problems(tmp_path, text)
    assert len(error.problems) == 1
    assert "reporting cycle" in error.problems[0].message and "12 people" in error.problems[0].message


def test_ambiguous_and_unknown_manager_names(tmp_path: Path) -> None:
    error = _problems(tmp_path, "Name,Manager\nAda,\nBo,Ada\nBo,Ada\nCy,Bo\nDi,Zed\n")
    messages = [str(p) for p in error.problems]
    assert messages == [
        "row 5: manager 'Bo' is the name of several people (rows 3, 4)",
        "row 6: manager 'Zed' is not the name of anyone in the file",
    ]


def test_bad_headcounts_and_unknown_manager_emails(tmp_path: Path) -> None:
    text = "Name,Email,Manager Email,Headcount\nAda,a@x,,-1\nBo,b@x,zz@x,2.5\nCy,c@x,a@x,lots\n"
    error = _problems(tmp_path, text)
    assert [p.row for p in error.problems] == [2, 3, 3, 4]
    assert "manager email 'zz@x' is not the email of anyone" in error.problems[2].message


def test_missing_columns_are_reported_at_the_header(tmp_path: Path) -> None:
    error = _problems(tmp_path, "Foo,Bar\n1,2\n3,4\n")
    assert [p.row for p in error.problems] == [1, 1]
    assert "no name column" in error.problems[0].message
    assert "'Foo', 'Bar'" in error.problems[0].message
    assert "no manager column" in error.problems[1].message
    error = _problems(tmp_path, "Name,Manager Email\nA,\nB,a@x\n")
    assert "no column holds people's own email" in error.problems[0].message


def test_one_person_needs_no_manager_column(tmp_path: Path) -> None:
    result = import_csv(_write(tmp_path, "Name,Title\nSolo Founder,Data Scientist\n"))
    assert len(result.org.teams()) == 1 and result.org.teams()[0].discipline is Discipline.DATA_SCIENCE


def test_the_d3_sample_imports_whole(d3_sample_csv: Path) -> None:
    result = import_csv(d3_sample_csv, options=PEOPLE)
    org = result.org
    assert len(org.teams()) == 1516 and len(result.guesses) == 1516
    assert [u.name for u in result.units] == ["Corporate"] and org.node(org.root or "").lead == "Ian Devling"
    assert sum(t.headcount for t in org.teams()) == 1516
    assert org.node("O-6068").name == "Leverling Janet"
    assert all(n.notes is None or "http" not in n.notes for n in org.iter_nodes())
    grouped = import_csv(d3_sample_csv)
    assert len(grouped.org.teams()) < 1516
    assert sum(t.headcount for t in grouped.org.teams()) == 1516
    with_extra = import_csv(d3_sample_csv, options=ImportOptions(people=True, keep_extra=True))
    assert "imageUrl: https://" in (with_extra.org.node("O-6066").notes or "")
