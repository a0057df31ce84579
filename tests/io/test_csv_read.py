"""Reading CSV files: encodings, delimiters, header rows, and files that are not CSV at all."""

from __future__ import annotations

from pathlib import Path

import pytest

from orgdesigner.io.csv_errors import CsvImportError
from orgdesigner.io.csv_read import detect_delimiter, parse_table, read_table

ROWS = [
    ["Employee ID", "Name", "Manager ID", "Title"],
    ["1", "Zoë Ångström", "", "CTO"],
    ["2", "Renée Müller, PhD", "1", "Data Scientist"],
]


def _text(delimiter: str) -> str:
    def cell(c: str) -> str:
        return f'"{c}"' if delimiter in c or "," in c else c

    return "\r\n".join(delimiter.join(cell(c) for c in row) for row in ROWS) + "\r\n"


@pytest.mark.parametrize(
    ("delimiter", "encoding", "bom", "encoding_name"),
    [
        (",", "utf-8", b"", "UTF-8"),
        (";", "utf-8", b"\xef\xbb\xbf", "UTF-8 with BOM"),
        ("\t", "utf-8", b"", "UTF-8"),
        (";", "latin-1", b"", "Windows-1252 (Latin-1)"),
        ("\t", "utf-16", b"", "UTF-16"),
        ("|", "cp1252", b"", "Windows-1252 (Latin-1)"),
    ],
)
def test_delimiter_and_encoding_are_detected(delimiter: str, encoding: str, bom: bytes, encoding_name: str) -> None:
    table = parse_table(bom + _text(delimiter).encode(encoding), "people.csv")
    assert table.delimiter == delimiter
    assert table.encoding == encoding_name
    assert table.headers == ("Employee ID", "Name", "Manager ID", "Title")
    assert [r.get(1) for r in table.rows] == ["Zoë Ångström", "Renée Müller, PhD"]
    assert [r.number for r in table.rows] == [2, 3]


def test_a_bom_before_latin_1_bytes_is_forgiven() -> None:
    table = parse_table(b"\xef\xbb\xbfid;name;parentId\n1;J\xfcrgen Gro\xdf;\n")
    assert table.rows[0].get(1) == "Jürgen Groß"
    assert table.encoding == "Windows-1252 (Latin-1) after a UTF-8 BOM"


def test_windows_1252_punctuation_is_read_as_windows_1252() -> None:
    data = "id;name;parentId\n1;Anne \u2019O\u2019Neil \u20ac;\n".encode("cp1252")
    table = parse_table(data)
    assert table.rows[0].get(1) == "Anne ’O’Neil €"


def test_stray_spaces_are_trimmed_and_header_names_made_unique() -> None:
    table = parse_table(b" id , name ,name,\n 7 ,  Ann  ,x,y\n")
    assert table.headers == ("id", "name", "name (2)", "column 4")
    assert table.rows[0].get(0) == "7" and table.rows[0].get(1) == "Ann"
    assert table.rows[0].raw(1) == "  Ann  "
    assert table.column(" NAME ") == 1


def test_quoted_lists_stay_in_one_cell() -> None:
    table = parse_table(b'name,tags,id\nIan,"Ceo,tag1, tag2",1\n')
    assert table.rows[0].get(1) == "Ceo,tag1, tag2"
    assert detect_delimiter('name,tags,id\nIan,"a;b;c",1\n') == ","


def test_excel_sep_line_and_title_lines_above_the_header_are_skipped() -> None:
    data = b"sep=;\nStaff list exported 2024-05-01\n\nid;name;manager\n1;Ann;\n2;Bo;1\n"
    table = parse_table(data)
    assert table.delimiter == ";"
    assert table.header_row == 4
    assert table.headers == ("id", "name", "manager")
    assert [r.number for r in table.rows] == [5, 6]


def test_blank_rows_are_skipped_but_row_numbers_stay_line_numbers() -> None:
    table = parse_table(b"id,name,parentId\n1,Ann,\n\n,,\n2,Bo,1\n")
    assert [(r.number, r.get(1)) for r in table.rows] == [(2, "Ann"), (5, "Bo")]


def test_a_multi_line_cell_keeps_later_rows_numbered_by_their_first_line() -> None:
    table = parse_table(b'id,name,notes\n1,Ann,"two\nlines"\n2,Bo,x\n')
    assert [r.number for r in table.rows] == [2, 4]


@pytest.mark.parametrize(
    ("data", "problem"),
    [
        (b"", "empty"),
        (b"   \n\n", "empty"),
        (b"id,name,parentId\n", "no rows"),
        (b"PK\x03\x04\x14\x00\x06\x00", "Excel .xlsx"),
        (b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1", "Excel .xls"),
        (b"id,name\x00\x01\x02,x\n", "not text"),
        (bytes(range(1, 32)) * 50, "not text"),
        (b"\xff\xfei\x00d\x00\x00\xd8", "UTF-16"),
    ],
)
def test_files_that_are_not_csv_are_refused(data: bytes, problem: str) -> None:
    with pytest.raises(CsvImportError) as info:
        parse_table(data, "bad.csv")
    assert problem in str(info.value)
    assert str(info.value).startswith("bad.csv: ")
    assert "\n" not in str(info.value)


def test_a_file_over_50_mb_is_refused_without_reading_it(tmp_path: Path) -> None:
    big = tmp_path / "huge.csv"
    with open(big, "wb") as fh:
        fh.truncate(51 * 1024 * 1024)
    with pytest.raises(CsvImportError) as info:
        read_table(big)
    assert "MB" in str(info.value)


def test_missing_file_and_folder_are_csv_import_errors(tmp_path: Path) -> None:
    with pytest.raises(CsvImportError, match="no such file"):
        read_table(tmp_path / "absent.csv")
    with pytest.raises(CsvImportError, match="folder"):
        read_table(tmp_path)
