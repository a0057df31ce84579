"""The headers of the HR systems people export from, recognised without a mapping.

The files are ours, written after each system's documented export columns (no real export of
these systems is public under a licence we could ship), small but with what their exports do:
Odoo's continuation rows and ``Manager/ID`` beside ``Manager/Employee Name``, SuccessFactors'
label row and ``NO_MGR``, a BambooHR file of one department whose head's manager is elsewhere.
"""

from __future__ import annotations

from pathlib import Path

import pytest

from orgdesigner.io.csv_import import ImportOptions, ImportResult, import_csv
from orgdesigner.io.csv_mapping import guess_mapping
from orgdesigner.io.unit_guess import unit_key
from orgdesigner.model import Discipline, Structure

SYSTEMS: dict[str, tuple[str, dict[str, str]]] = {
    "odoo": (
        '"ID","Employee Name","Job Position","Manager/ID","Manager/Employee Name","Department/ID",'
        '"Department/Department Name","Work Email","Tags"\n'
        '"1","Ines Duarte","Chief Executive Officer","","","1","Management","ines@x.pt","board"\n'
        '"2","Rui Matos","Head of Data","1","Ines Duarte","2","Data & AI","rui@x.pt","data"\n'
        '"","","","","","","","","hiring"\n'
        '"3","Ana Lobo","Data Engineer","2","Rui Matos","2","Data & AI","ana@x.pt",""\n'
        '"4","Joao Reis","Senior Data Scientist","2","Rui Matos","2","Data & AI","joao@x.pt",""\n'
        '"5","Marta Sousa","Accountant","1","Ines Duarte","3","Finance","marta@x.pt",""\n',
        {"id": "ID", "parent": "Manager/ID", "title": "Job Position", "department": "Department/Department Name"},
    ),
    "workday": (
        "Employee_ID,Worker,Business_Title,Job_Profile,Supervisory_Organization,Manager_ID,Cost_Center,"
        "Primary_Work_Email\n"
        "W100,Grace Hopper,Chief Technology Officer,Executive,Technology,,CC-1,grace@x.com\n"
        "W101,Alan Turing,ML Platform Lead,Engineering Manager,ML Platform,W100,CC-2,alan@x.com\n"
        "W102,Ada King,MLOps Engineer,Engineer,ML Platform,W101,CC-2,ada@x.com\n"
        "W103,Claude Shannon,Site Reliability Engineer,Engineer,Infrastructure,W100,CC-3,claude@x.com\n",
        {"id": "Employee_ID", "name": "Worker", "title": "Business_Title", "parent": "Manager_ID"},
    ),
    "bamboohr": (
        '"Employee #","First Name","Last Name","Job Title","Department","Division","Reports To","Work Email"\n'
        '"17","Kenji","Sato","Director of Analytics","Analytics","Data","Maria Gonzalez","kenji@x.io"\n'
        '"18","Amara","Okafor","BI Analyst","Analytics","Data","Sato, Kenji","amara@x.io"\n'
        '"19","Lena","Vogel","Analytics Engineer","Analytics","Data","Sato, Kenji","lena@x.io"\n',
        {"id": "Employee #", "first_name": "First Name", "parent": "Reports To", "department": "Department"},
    ),
    "personio": (
        "ID,First name,Last name,Email,Position,Department,Team,Supervisor,Office\n"
        "501,Jonas,Weber,jonas@x.de,CEO,Management,,,Berlin\n"
        "502,Mia,Schulz,mia@x.de,Product Manager,Product,Checkout,Jonas Weber,Berlin\n"
        "503,Paul,Koch,paul@x.de,Frontend Developer,Product,Checkout,Mia Schulz,Hamburg\n"
        "504,Emma,Wolf,emma@x.de,Sales Representative,Sales,,Jonas Weber,Munich\n",
        {"id": "ID", "title": "Position", "department": "Department", "parent": "Supervisor"},
    ),
    "hibob": (
        "Employee ID,Display name,Email,Job title,Department,Site,Reports to,Reports to email\n"
        "h1,Noa Levi,noa@x.co,VP Engineering,Engineering,Tel Aviv,,\n"
        "h2,Omer Katz,omer@x.co,Backend Engineer,Engineering,Tel Aviv,Noa Levi,noa@x.co\n"
        "h3,Dana Roth,dana@x.co,Recruiter,People,London,Noa Levi,noa@x.co\n",
        {"id": "Employee ID", "name": "Display name", "title": "Job title", "parent": "Reports to"},
    ),
    "successfactors": (
        "STATUS,USERID,USERNAME,FIRSTNAME,LASTNAME,EMAIL,MANAGER,HR,DEPARTMENT,DIVISION,JOBCODE,TITLE\n"
        "STATUS,USERID,Username,First Name,Last Name,Email,Manager,Human Resource,Department,Division,Job Code,Title\n"
        "active,u1,sk,Sofia,Karlsson,sofia@x.se,NO_MGR,NO_HR,Executive,Corp,EX1,Managing Director\n"
        "active,u2,lb,Lars,Berg,lars@x.se,u1,NO_HR,Data Science,R&D,DS2,Data Scientist\n"
        "active,u3,an,Astrid,Nilsson,astrid@x.se,u2,NO_HR,Data Science,R&D,ML1,Machine Learning Engineer\n",
        {"id": "USERID", "parent": "MANAGER", "title": "TITLE", "department": "DEPARTMENT"},
    ),
    "oracle hcm": (
        "Person Number,Display Name,Job Name,Position Name,Department Name,Manager Person Number,Manager Name,"
        "Work Email,Business Unit Name\n"
        "1001,Priya Nair,Chief Data Officer,CDO,Data Office,,,priya@x.in,Group\n"
        "1002,Arjun Rao,Data Engineer,DE2,Data Platform,1001,Priya Nair,arjun@x.in,Group\n"
        "1003,Meera Iyer,Financial Analyst,FA1,Finance,1001,Priya Nair,meera@x.in,Group\n",
        {"id": "Person Number", "name": "Display Name", "title": "Job Name", "parent": "Manager Person Number"},
    ),
    "name and surname": (
        "Name,Surname,Role,Boss\nGiulia,Bianchi,CTO,\nMarco,Rossi,Data Engineer,Giulia Bianchi\n",
        {"first_name": "Name", "last_name": "Surname", "title": "Role", "parent": "Boss"},
    ),
}


def _import(tmp_path: Path, system: str, **options: object) -> ImportResult:
    path = tmp_path / f"{system.replace(' ', '-')}.csv"
    path.write_text(SYSTEMS[system][0], encoding="utf-8")
    return import_csv(path, options=ImportOptions(**options))  # type: ignore[arg-type]


@pytest.mark.parametrize("system", sorted(SYSTEMS))
def test_each_system_is_recognised_and_imports_without_options(system: str, tmp_path: Path) -> None:
    text, expected = SYSTEMS[system]
    mapping = guess_mapping(text.splitlines()[0].replace('"', "").split(","))
    for field, header in expected.items():
        assert getattr(mapping, field) == header, (system, field)
    result = _import(tmp_path, system)
    people = len(result.guesses)
    assert sum(t.headcount for t in result.org.teams()) == people
    assert people == len(
        [line for line in text.splitlines()[1:] if line.split(",")[0].strip('"') not in ("", "STATUS")]
    )


def test_odoo_continuation_rows_join_the_person_above(tmp_path: Path) -> None:
    result = _import(tmp_path, "odoo", people=True, keep_extra=True)
    assert any("row 4" in w and "continuation rows" in w for w in result.warnings)
    assert "Tags: data\nTags: hiring" in (result.org.node("2").notes or "")
    units = {u.name: u for u in result.units}
    assert units["Data & AI"].structure is Structure.DATA_AI and units["Data & AI"].lead == "Rui Matos"
    assert units["Finance"].structure is Structure.OTHER
    disciplines = {g.name: g.discipline for g in result.guesses}
    assert disciplines["Marta Sousa"] is Discipline.BUSINESS and disciplines["Ana Lobo"] is Discipline.DATA_ENGINEERING
    assert disciplines["Rui Matos"] is Discipline.DATA_ENGINEERING  # a data leader, not an AI engineer


def test_successfactors_label_row_is_skipped_and_no_mgr_is_no_manager(tmp_path: Path) -> None:
    result = _import(tmp_path, "successfactors")
    assert len(result.guesses) == 3
    assert any("row 2: the header again" in w for w in result.warnings)
    sofia = next(g for g in result.guesses if g.name == "Sofia Karlsson")
    assert result.manager_of[sofia.row] is None
    assert any("value that means no manager" in w and "'NO_MGR'" in w for w in result.warnings)


def test_one_departments_export_takes_its_head_as_the_top(tmp_path: Path) -> None:
    result = _import(tmp_path, "bamboohr")
    org = result.org
    assert [u.name for u in result.units] == ["Analytics"] and org.node(org.root or "").lead == "Kenji Sato"
    assert any("manager who is not in the file" in w and "'Maria Gonzalez'" in w for w in result.warnings)
    assert not any("was added above them" in w for w in result.warnings)


def test_workday_units_nest_as_their_heads_report(tmp_path: Path) -> None:
    result = _import(tmp_path, "workday")
    org = result.org
    units = {u.name: u for u in result.units}
    assert org.parent(units["ML Platform"].node_id) == units["Technology"].node_id
    assert units["ML Platform"].structure is Structure.DATA_AI
    assert units["Infrastructure"].structure is Structure.PLATFORM
    assert result.mapping.email == "Primary_Work_Email"


def test_utf16_without_a_bom_is_read(tmp_path: Path) -> None:
    text = SYSTEMS["hibob"][0]
    for codec in ("utf-16-le", "utf-16-be"):
        path = tmp_path / f"{codec}.csv"
        path.write_bytes(text.encode(codec))
        result = import_csv(path)
        assert len(result.guesses) == 3
        assert {g.name for g in result.guesses} == {"Noa Levi", "Omer Katz", "Dana Roth"}


def test_odoo_department_paths_are_shortened_below_their_parent_unit(tmp_path: Path) -> None:
    # Odoo writes a department by its full path ("Research & Development / Platform"); below the
    # unit of its parent the chart says "Platform", and the import's table keeps the department.
    text = (
        "Employee Name,Job Position,Department,Manager\n"
        "Chloe Novak,CTO,Research & Development,\n"
        "Milo Okafor,Head of Platform,Research & Development / Platform,Chloe Novak\n"
        "Lena Weber,Site Reliability Engineer,Research & Development / Platform,Milo Okafor\n"
        "Umar Haddad,Head of Data,Research & Development / Data & AI,Chloe Novak\n"
        "Pia Costa,Data Scientist,Research & Development / Data & AI,Umar Haddad\n"
        "Otto Lang,Accountant,Administration / Finance,Chloe Novak\n"
    )
    path = tmp_path / "odoo.csv"
    path.write_text(text, encoding="utf-8")
    result = import_csv(path, options=ImportOptions())
    org = result.org
    names = {u.name: (org.node(u.node_id).name, u.structure) for u in result.units}
    assert names["Research & Development / Platform"] == ("Platform", Structure.PLATFORM)
    assert names["Research & Development / Data & AI"] == ("Data & AI", Structure.DATA_AI)
    # Not below "Administration" on the chart: the name stays whole.
    assert names["Administration / Finance"] == ("Administration / Finance", Structure.OTHER)
    assert {g.name: g.discipline for g in result.guesses}["Milo Okafor"] is Discipline.DEVOPS_SRE


def test_a_manager_left_alone_owns_no_hands_on_work(tmp_path: Path) -> None:
    # The CTO's reports all lead departments of their own: the CTO is a team of one that owns
    # nothing, so the product's step of the ML project is the software team's, not the CTO's.
    text = (
        "Employee Name,Job Position,Department,Manager\n"
        "Ines Duarte,Chief Executive Officer,Management,\n"
        "Chloe Novak,CTO,Technology,Ines Duarte\n"
        "Nora Rossi,Engineering Manager,Web Shop,Chloe Novak\n"
        "Ben Kim,Software Engineer,Web Shop,Nora Rossi\n"
        "Ada Lee,Software Engineer,Web Shop,Nora Rossi\n"
        "Umar Haddad,Head of Data,Data & AI,Chloe Novak\n"
        "Pia Costa,Data Scientist,Data & AI,Umar Haddad\n"
        "Tom Berg,Data Engineer,Data & AI,Umar Haddad\n"
        "Rita Fuchs,Accountant,Management,Ines Duarte\n"
    )
    path = tmp_path / "odoo.csv"
    path.write_text(text, encoding="utf-8")
    org = import_csv(path, options=ImportOptions()).org
    owns = {t.name: t.responsibilities for t in org.teams()}
    assert owns["Chloe Novak"] == ()
    assert owns["Software Engineering (Nora Rossi)"] is None  # the discipline's defaults
    assert sum(t.headcount for t in org.teams()) == 9
    from orgdesigner.analysis import analyse

    steps = {s.step: s.owner for s in analyse(org).handoffs.steps}
    assert org.node(steps[8] or "").name == "Software Engineering (Nora Rossi)"


def test_unit_names_a_department_by_its_path_or_by_its_name_on_the_chart(tmp_path: Path) -> None:
    text = (
        "Employee Name,Job Position,Department,Manager\n"
        "Chloe Novak,CTO,Research & Development,\n"
        "Milo Okafor,Head of Platform,Research & Development / Platform,Chloe Novak\n"
        "Lena Weber,Site Reliability Engineer,Research & Development / Platform,Milo Okafor\n"
    )
    path = tmp_path / "odoo.csv"
    path.write_text(text, encoding="utf-8")
    for given in ("Platform", "Research & Development / Platform"):
        result = import_csv(path, options=ImportOptions(structures={unit_key(given): Structure.OTHER}))
        unit = next(u for u in result.units if u.name == "Research & Development / Platform")
        assert unit.structure is Structure.OTHER, given
        assert not any("--unit" in w for w in result.warnings)
    result = import_csv(path, options=ImportOptions(structures={unit_key("Ops"): Structure.OTHER}))
    assert "--unit names no department of this file: 'ops'" in result.warnings
