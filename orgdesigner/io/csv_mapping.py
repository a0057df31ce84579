"""Which CSV column holds which field: recognised headers, and ``--map field=COLUMN`` overrides."""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Iterable, Mapping
from dataclasses import dataclass, fields, replace

from orgdesigner.io.csv_read import Table
from orgdesigner.model.text import shown

FIELDS = (
    "id",
    "name",
    "first_name",
    "last_name",
    "parent",
    "email",
    "manager_email",
    "title",
    "department",
    "headcount",
)
FIELD_LABELS = {
    "id": "Id",
    "name": "Name",
    "first_name": "First name",
    "last_name": "Last name",
    "parent": "Manager id",
    "email": "Email",
    "manager_email": "Manager email",
    "title": "Job title",
    "department": "Department",
    "headcount": "Headcount",
}

# Header spellings recognised without a mapping, compared with case, spaces and punctuation removed
# (see header_key). Each field takes the column whose spelling comes first in its list, so that a
# file with both "Manager/ID" and "Manager/Employee Name" (Odoo) reads managers by id. The lists
# hold the headers of Odoo, Workday, BambooHR, Personio, HiBob, SAP SuccessFactors, Oracle HCM
# and Oracle's HR sample schema, beside the usual English, German, French and Spanish ones.
HEADER_ALIASES: dict[str, tuple[str, ...]] = {
    "id": (
        "id",
        "employeeid",
        "employeenumber",
        "employeeno",
        "employeenr",
        "empid",
        "empno",
        "personid",
        "personnelnumber",
        "personnelno",
        "staffid",
        "staffnumber",
        "workerid",
        "userid",
        "nodeid",
        "employeecode",
        "uid",
        "userprincipalname",
        "upn",
        "employeeidnumber",
        "personnumber",  # Oracle HCM
        "nr",
        "no",
        "number",
        "nummer",
        "numero",
        # German, French, Spanish exports
        "personalnummer",
        "persnr",
        "mitarbeiterid",
        "mitarbeiternummer",
        "matricule",
        "idemploye",
        "numeroemploye",
        "idempleado",
        "numeroempleado",
        "externalid",  # Odoo's export with import-compatible ids
        "eeid",  # BambooHR
    ),
    "name": (
        "name",
        "fullname",
        "employeename",  # Odoo
        "workername",
        "employee",
        "displayname",
        "personname",
        "employeefullname",
        "teamname",
        "worker",
        "legalname",
        "preferredname",
        "employeedisplayname",
        "mitarbeiter",
        "mitarbeitername",
        "nomcomplet",
        "nombrecompleto",
        "nome",
        "nomecompleto",
    ),
    "first_name": (
        "firstname",
        "givenname",
        "forename",
        "first",
        "fname",
        "preferredfirstname",
        "vorname",
        "prenom",
        "nombre",
        "legalnamefirstname",  # Workday
        "legalfirstname",
    ),
    "last_name": (
        "lastname",
        "surname",
        "familyname",
        "last",
        "lname",
        "nachname",
        "familienname",
        "nom",
        "apellido",
        "apellidos",
        "cognome",
        "legalnamelastname",  # Workday
        "legallastname",
    ),
    "parent": (
        "parentid",
        "parentidid",  # Odoo: parent_id/id
        "managerid",  # Odoo: Manager/ID
        "manageremployeeid",
        "managerno",
        "managernumber",
        "managerpersonnumber",  # Oracle HCM
        "managerworkerid",
        "managereeid",
        "supervisorid",
        "supervisoreid",  # BambooHR
        "supervisoremployeeid",
        "reportstoid",
        "workreportstoid",  # HiBob
        "linemanagerid",
        "directmanagerid",
        "bossid",
        "vorgesetzterid",
        "idresponsable",
        "idjefe",
        "parent",
        "manager",  # SAP SuccessFactors: the manager's USERID
        "supervisor",
        "reportsto",  # BambooHR
        "workreportsto",
        "linemanager",
        "directmanager",
        "boss",
        "reportingto",
        "managername",
        "manageremployeename",  # Odoo: Manager/Employee Name
        "supervisorname",
        "linemanagername",
        "managerfullname",
        "vorgesetzter",
        "fuhrungskraft",
        "responsable",
        "jefe",
    ),
    "email": (
        "email",
        "emailaddress",
        "workemail",
        "mail",
        "emailid",
        "businessemail",
        "companyemail",
        "workemailaddress",
        "emailprimarywork",
        "primaryworkemail",
        "primaryemail",
        "emailaddressprimary",
        "workeremail",
        "emailadresse",
        "courriel",
        "correo",
        "correoelectronico",
    ),
    "manager_email": (
        "manageremail",
        "manageremailaddress",
        "supervisoremail",
        "supervisoremailaddress",
        "reportstoemail",
        "linemanageremail",
        "directmanageremail",
        "bossemail",
        "workreportstoemail",  # HiBob
        "supervisorworkemail",
        "manageremailprimarywork",
        "emailvorgesetzter",
        "emailresponsable",
    ),
    "title": (
        "title",
        "jobtitle",
        "businesstitle",  # Workday
        "jobposition",  # Odoo
        "position",
        "jobname",  # Oracle HCM (its Position Name is often a code)
        "positionname",
        "positiontitle",
        "worktitle",  # HiBob
        "role",
        "jobrole",
        "designation",
        "job",
        "jobprofile",  # Workday
        "rolename",
        "stelle",
        "stellenbezeichnung",
        "funktion",
        "berufsbezeichnung",
        "poste",
        "titre",
        "intitule",
        "intituledeposte",
        "cargo",
        "puesto",
        "jobid",  # Odoo's job_id, Oracle's JOB_ID: a name or a code
        "jobcode",  # SAP SuccessFactors
    ),
    "department": (
        "department",
        "departmentname",
        "departmentdepartmentname",  # Odoo: Department/Department Name
        "workdepartment",  # HiBob
        "dept",
        "area",
        "division",
        "function",
        "businessunit",
        "orgunit",
        "organisationalunit",
        "organizationalunit",
        "team",
        "group",
        "unit",
        "subdepartment",
        "supervisoryorganization",
        "costcentername",
        "orgunitname",
        "abteilung",
        "bereich",
        "organisationseinheit",
        "departement",
        "service",
        "departamento",
        "departmentid",  # Odoo: department_id, as a name or an id
        "departmentidid",
        "costcenter",  # Workday
        "businessunitname",  # Oracle HCM
    ),
    "headcount": ("headcount", "numberofpeople", "people", "count"),
}
# Names the --map option accepts for a field, besides the field's own name.
KEY_SYNONYMS = {
    "manager": "parent",
    "manager_id": "parent",
    "parent_id": "parent",
    "parentid": "parent",
    "firstname": "first_name",
    "lastname": "last_name",
    "position": "title",
    "dept": "department",
    "manageremail": "manager_email",
    "supervisor_email": "manager_email",
    "mail": "email",
}


class MappingError(ValueError):
    """A ``--map`` that names an unknown field or a column the file does not have."""


@dataclass(frozen=True)
class ColumnMapping:
    """For each field, the header of the column that holds it, or None when no column does."""

    id: str | None = None
    name: str | None = None
    first_name: str | None = None
    last_name: str | None = None
    parent: str | None = None
    email: str | None = None
    manager_email: str | None = None
    title: str | None = None
    department: str | None = None
    headcount: str | None = None

    def as_dict(self) -> dict[str, str | None]:
        """Field -> column header (or None), in :data:`FIELDS` order."""
        return {f.name: getattr(self, f.name) for f in fields(self)}

    def with_column(self, field: str, column: str | None) -> ColumnMapping:
        """A copy with one field mapped to another column (None: to no column)."""
        if field not in FIELDS:
            raise MappingError(f"unknown field {shown(field)}; the fields are: {', '.join(FIELDS)}")
        return replace(self, **{field: column})

    def used_columns(self) -> set[str]:
        """The headers some field reads."""
        return {c for c in self.as_dict().values() if c is not None}

    def describe(self) -> str:
        """E.g. ``id=Employee ID, name=Full Name, parent=Manager ID``."""
        return ", ".join(f"{k}={v}" for k, v in self.as_dict().items() if v is not None)


def header_key(header: str) -> str:
    """A header compared loosely: "Employee ID" and "employee_id" are both "employeeid", and
    "Prénom" is "prenom"; bracketed notes are dropped ("First Name [Required]") and "#" reads as
    "number" ("Employee #")."""
    plain = unicodedata.normalize("NFKD", header.casefold()).encode("ascii", "ignore").decode()
    plain = re.sub(r"\[[^\]]*\]|\([^)]*\)", "", plain)  # "Email [Required]", "Title (EN)"
    plain = plain.replace("#", "number")  # "Employee #"
    return re.sub(r"[^0-9a-z]", "", plain)


_FIELD_OF_KEY: dict[str, tuple[str, int]] = {}
for _field, _aliases in HEADER_ALIASES.items():
    for _rank, _alias in enumerate(_aliases):
        _FIELD_OF_KEY.setdefault(_alias, (_field, _rank))


def guess_mapping(headers: Iterable[str]) -> ColumnMapping:
    """The mapping recognised from headers alone: each field takes the column whose spelling
    ranks first in :data:`HEADER_ALIASES` (the first such column when several do)."""
    chosen: dict[str, tuple[int, str]] = {}
    for header in headers:
        found = _FIELD_OF_KEY.get(header_key(header))
        if found is None:
            continue
        field, rank = found
        if field not in chosen or rank < chosen[field][0]:
            chosen[field] = (rank, header)
    picked = {field: header for field, (_, header) in chosen.items()}
    if "name" in picked and "last_name" in picked and "first_name" not in picked:
        # "Name" beside "Surname" is the first name.
        picked["first_name"] = picked.pop("name")
    return ColumnMapping(**picked)


def canonical_field(key: str) -> str:
    """The field a ``--map`` key names ("Manager-ID" -> "parent"); ``MappingError`` if none."""
    norm = key.strip().casefold().replace("-", "_").replace(" ", "_")
    norm = KEY_SYNONYMS.get(norm, norm)
    if norm not in FIELDS:
        raise MappingError(f"--map: unknown field {shown(key.strip())}; the fields are: {', '.join(FIELDS)}")
    return norm


def parse_map_option(specs: Iterable[str]) -> dict[str, str | None]:
    """``["id=Emp No,name=Full Name", "parent="]`` -> ``{"id": "Emp No", "name": "Full Name",
    "parent": None}``. Commas split pairs only before ``field=``, so columns may hold commas."""
    out: dict[str, str | None] = {}
    keys = "|".join(re.escape(k) for k in (*FIELDS, *KEY_SYNONYMS))
    splitter = re.compile(rf",\s*(?=(?:{keys})\s*=)", re.IGNORECASE)
    for spec in specs:
        for pair in splitter.split(spec):
            if not pair.strip():
                continue
            key, eq, column = pair.partition("=")
            if not eq:
                raise MappingError(f"--map: {shown(pair.strip())} is not FIELD=COLUMN")
            out[canonical_field(key)] = column.strip() or None
    return out


def apply_overrides(mapping: ColumnMapping, overrides: Mapping[str, str | None], table: Table) -> ColumnMapping:
    """``mapping`` with the given fields remapped; a column is named by its header (any case)
    or its number (1 = the first column). ``MappingError`` for a column the file lacks."""
    for field, column in overrides.items():
        mapping = mapping.with_column(canonical_field(field), resolve_column(column, table))
    return mapping


def resolve_column(column: str | None, table: Table) -> str | None:
    """The table's header for a column named by header or number; ``MappingError`` if absent."""
    if column is None:
        return None
    index = table.column(column)
    if (
        index is None
        and column.strip().isascii()
        and column.strip().isdigit()
        and 1 <= int(column) <= len(table.headers)
    ):
        index = int(column) - 1
    if index is None:
        listed = ", ".join(shown(h) for h in table.headers[:20])
        more = f" and {len(table.headers) - 20:,} more" if len(table.headers) > 20 else ""
        raise MappingError(f"--map: the file has no column {shown(column)}; its columns are: {listed}{more}")
    return table.headers[index]
