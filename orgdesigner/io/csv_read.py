"""Reading a CSV file into a :class:`Table`: encoding, delimiter and header row detected.

Pure functions, no Qt: the import dialog calls them for its live preview. Row numbers count
lines as a text editor does (the header is usually row 1), so a problem's row is easy to find.
"""

from __future__ import annotations

import csv
import io
import os
from collections import Counter
from dataclasses import dataclass

from orgdesigner.io.csv_errors import CsvImportError, CsvProblem, rows_phrase
from orgdesigner.io.errors import OrgFileError
from orgdesigner.io.jsontext import MAX_FILE_BYTES, read_bytes
from orgdesigner.model.text import shown

DELIMITERS = (",", ";", "\t", "|")
DELIMITER_NAMES = {",": "comma", ";": "semicolon", "\t": "tab", "|": "vertical bar"}
_SAMPLE_CHARS = 64 * 1024
_SAMPLE_ROWS = 50
_HEADER_SEARCH_ROWS = 10
# Signatures of files people save by mistake instead of a CSV.
_BINARY_SIGNATURES = (
    (b"PK\x03\x04", "a zip file (an Excel .xlsx workbook?), not CSV text: save the sheet as CSV"),
    (b"\xd0\xcf\x11\xe0", "an Excel .xls workbook, not CSV text: save the sheet as CSV"),
    (b"%PDF", "a PDF, not CSV text"),
)


@dataclass(frozen=True)
class TableRow:
    """One record of the file: the line it starts on, its cells as written (untrimmed) and the
    line it ends on (later than ``number`` when a quoted cell spans lines)."""

    number: int
    cells: tuple[str, ...]
    last: int = 0

    def raw(self, column: int) -> str:
        """The cell as written, or "" when the record is short."""
        return self.cells[column] if column < len(self.cells) else ""

    def get(self, column: int) -> str:
        """The cell with stray spaces trimmed, or "" when the record is short."""
        return self.raw(column).strip()


@dataclass(frozen=True)
class Table:
    """A CSV file read as a table: unique column headers and the non-blank rows below them."""

    source: str
    headers: tuple[str, ...]
    rows: tuple[TableRow, ...]
    delimiter: str
    encoding: str
    header_row: int
    warnings: tuple[str, ...] = ()

    def column(self, name: str) -> int | None:
        """The index of a column by header (ignoring case and stray spaces), else None."""
        index: dict[str, int] | None = self.__dict__.get("_column_index")
        if index is None:
            index = {}
            for i, header in enumerate(self.headers):
                index.setdefault(header.casefold(), i)
            object.__setattr__(self, "_column_index", index)
        return index.get(" ".join(name.split()).casefold())

    def describe(self) -> str:
        """E.g. ``1516 rows, 11 columns, comma-separated, UTF-8``."""
        return (
            f"{len(self.rows)} rows, {len(self.headers)} columns, "
            f"{DELIMITER_NAMES.get(self.delimiter, repr(self.delimiter))}-separated, {self.encoding}"
        )


def read_table(path: str | os.PathLike[str]) -> Table:
    """Read a CSV file; raise :class:`CsvImportError` if it is too big, not text or empty."""
    shown = str(path)
    try:
        data = read_bytes(path, MAX_FILE_BYTES)
    except OrgFileError as exc:
        raise CsvImportError(shown, [CsvProblem(None, exc.problem)]) from None
    return parse_table(data, shown)


def parse_table(data: bytes, source: str = "<input>") -> Table:
    """Parse a CSV file's bytes into a :class:`Table`."""
    text, encoding = decode_text(data, source)
    lines_before = 0
    delimiter = None
    first_line, _, rest = text.partition("\n")
    if first_line.strip().lower().startswith("sep=") and len(first_line.strip()) == 5:
        # Excel's hint line, e.g. "sep=;".
        delimiter = first_line.strip()[4]
        text = rest
        lines_before = 1
    if delimiter is None:
        delimiter = detect_delimiter(text)
    records = _records(text, delimiter, lines_before, source)
    if not records:
        raise CsvImportError(source, [CsvProblem(None, "the file is empty: no header and no rows")])
    return table_from_records(records, source, delimiter, encoding)


def table_from_records(records: list[TableRow], source: str, delimiter: str, encoding: str) -> Table:
    """A :class:`Table` from a file's non-blank records: the header found (title lines above it
    skipped), rows that repeat the header dropped, a cell whose quote swallowed later rows
    refused, and rows with more cells than the header noted."""
    header_index = _header_index(records)
    header = records[header_index]
    headers = _unique_headers(header.cells)
    repeated = _header_repeats(header.cells, records[header_index + 1 :])
    rows = tuple(r for r in records[header_index + 1 :] if r.number not in repeated)
    if not rows:
        raise CsvImportError(source, [CsvProblem(header.number, "the file has a header but no rows below it")])
    problems = _swallowed_rows(rows, headers, delimiter)
    if problems:
        raise CsvImportError(source, problems)
    warnings = []
    if repeated:
        warnings.append(
            f"{rows_phrase(sorted(repeated))}: the header again (a label row, as SAP SuccessFactors writes, "
            "or files joined together): skipped"
        )
    wide = [r.number for r in rows if any(c.strip() for c in r.cells[len(headers) :])]
    if wide:
        warnings.append(
            f"{rows_phrase(wide)}: more cells than the header's {len(headers)} columns; the extra cells are "
            "ignored, and the cells before them may be shifted (check these rows)"
        )
    return Table(source, headers, rows, delimiter, encoding, header.number, tuple(warnings))


def decode_text(data: bytes, source: str) -> tuple[str, str]:
    """The file's text and the name of its encoding: UTF-8 with or without BOM, UTF-16 with or
    without a BOM, else Windows-1252 / Latin-1 (also after a BOM when the rest is not UTF-8);
    :class:`CsvImportError` if it is not text."""
    for signature, what in _BINARY_SIGNATURES:
        if data.startswith(signature):
            raise CsvImportError(source, [CsvProblem(None, f"the file is {what}")])
    if data.startswith(b"\xef\xbb\xbf"):
        try:
            text, encoding = data[3:].decode("utf-8"), "UTF-8 with BOM"
        except UnicodeDecodeError:
            # A BOM on a file saved as Windows-1252 anyway (some tools do that): trust the bytes.
            text, encoding = _single_byte(data[3:])
            encoding += " after a UTF-8 BOM"
    elif data.startswith((b"\xff\xfe", b"\xfe\xff")):
        text, encoding = _strict(data, "utf-16", source), "UTF-16"
    elif (codec := _utf16_without_bom(data)) is not None:
        text = _strict(data, codec, source)
        encoding = f"UTF-16 {codec[-2:].upper()} (no BOM)"
    elif b"\x00" in data:
        raise CsvImportError(source, [CsvProblem(None, "the file is not text (it contains NUL bytes)")])
    else:
        try:
            text, encoding = data.decode("utf-8"), "UTF-8"
        except UnicodeDecodeError:
            text, encoding = _single_byte(data)
    controls = sum(1 for ch in text[:_SAMPLE_CHARS] if ord(ch) < 32 and ch not in "\t\n\r")
    if controls > max(3, len(text[:_SAMPLE_CHARS]) // 100):
        raise CsvImportError(source, [CsvProblem(None, "the file is not text (too many control characters)")])
    return text, encoding


def _utf16_without_bom(data: bytes) -> str | None:
    """``utf-16-le`` or ``utf-16-be`` when the bytes look like UTF-16 text without a BOM (mostly
    Latin text: every other byte NUL, on the same side), else None."""
    sample = data[: _SAMPLE_CHARS - _SAMPLE_CHARS % 2]
    if len(sample) < 4 or len(data) % 2:
        return None
    even, odd = sample[0::2], sample[1::2]
    even_nul, odd_nul = even.count(0), odd.count(0)
    half = len(sample) // 2
    if odd_nul >= 0.6 * half and even_nul <= 0.02 * half:
        return "utf-16-le"
    if even_nul >= 0.6 * half and odd_nul <= 0.02 * half:
        return "utf-16-be"
    return None


def _single_byte(data: bytes) -> tuple[str, str]:
    """Windows-1252 (Latin-1 with printable characters in 0x80-0x9F), else Latin-1 proper."""
    try:
        return data.decode("cp1252"), "Windows-1252 (Latin-1)"
    except UnicodeDecodeError:
        return data.decode("latin-1"), "Latin-1"


def _strict(data: bytes, codec: str, source: str) -> str:
    try:
        return data.decode(codec)
    except UnicodeDecodeError as exc:
        problem = f"the file starts like {codec.upper()} text but byte {exc.start} is not"
        raise CsvImportError(source, [CsvProblem(None, problem)]) from None


def detect_delimiter(text: str) -> str:
    """The delimiter (comma, semicolon, tab or vertical bar) that splits the first rows into the
    most consistent number of columns; comma when nothing splits them."""
    sample = text[:_SAMPLE_CHARS]
    if len(text) > _SAMPLE_CHARS and "\n" in sample:
        sample = sample[: sample.rindex("\n")]
    best, best_score = ",", (False, 0.0, 0)
    for delimiter in DELIMITERS:
        try:
            reader = csv.reader(io.StringIO(sample, newline=""), delimiter=delimiter)
            widths = [len(r) for r in reader if any(c.strip() for c in r)][:_SAMPLE_ROWS]
        except csv.Error:
            continue
        if not widths:
            continue
        width, count = Counter(widths).most_common(1)[0]
        score = (width > 1, round(count / len(widths), 1), width)
        if score > best_score:
            best, best_score = delimiter, score
    return best


def _records(text: str, delimiter: str, lines_before: int, source: str) -> list[TableRow]:
    reader = csv.reader(io.StringIO(text, newline=""), delimiter=delimiter)
    records: list[TableRow] = []
    last_line = 0
    while True:
        try:
            cells = next(reader)
        except StopIteration:
            break
        except csv.Error as exc:
            line = lines_before + reader.line_num
            raise CsvImportError(source, [CsvProblem(line, f"the CSV cannot be read here: {exc}")]) from None
        start = lines_before + last_line + 1
        last_line = reader.line_num
        if any(c.strip() for c in cells):
            records.append(TableRow(start, tuple(cells), lines_before + last_line))
    return records


def _header_index(records: list[TableRow]) -> int:
    """The first record wide enough to be the header: title lines above it are skipped."""
    search = records[: _HEADER_SEARCH_ROWS + _SAMPLE_ROWS]
    widths = Counter(sum(1 for c in r.cells if c.strip()) for r in search)
    usual = widths.most_common(1)[0][0]
    for i, record in enumerate(records[:_HEADER_SEARCH_ROWS]):
        if sum(1 for c in record.cells if c.strip()) * 2 >= usual:
            return i
    return 0


def _unique_headers(cells: tuple[str, ...]) -> tuple[str, ...]:
    """Headers made unique with " (2)", " (3)"...: each base name remembers the number it got
    to, so that 40,000 copies of one header take linear time."""
    out: list[str] = []
    seen: set[str] = set()
    next_number: dict[str, int] = {}
    for i, cell in enumerate(cells):
        base = " ".join(cell.replace("\ufeff", "").split()) or f"column {i + 1}"
        header, key = base, base.casefold()
        n = next_number.get(key, 2)
        while header.casefold() in seen:
            header, n = f"{base} ({n})", n + 1
        next_number[key] = n
        seen.add(header.casefold())
        out.append(header)
    return tuple(out)


def _loose(cell: str) -> str:
    return "".join(ch for ch in cell.casefold() if ch.isalnum())


def _header_repeats(header: tuple[str, ...], records: list[TableRow]) -> set[int]:
    """Rows that repeat the header (most of their cells equal to its, compared loosely)."""
    keys = [_loose(h) for h in header]
    first = keys[0] if keys else ""
    repeated = set()
    for record in records:
        if not record.cells or _loose(record.cells[0]) != first or not first:
            continue
        filled = [(k, _loose(c)) for k, c in zip(keys, record.cells, strict=False) if c.strip()]
        same = sum(1 for k, c in filled if k == c)
        if filled and same * 2 > len(filled) and same >= min(2, len(keys)):
            repeated.add(record.number)
    return repeated


def _swallowed_rows(rows: tuple[TableRow, ...], headers: tuple[str, ...], delimiter: str) -> list[CsvProblem]:
    """A quote that opens a cell and is never closed where the cell should end makes the csv
    module read the rest of the file (up to the next quote) into that cell: find cells that
    span lines holding what looks like whole rows."""
    width = len(headers)
    needed = max(1, width - 1)
    problems = []
    for row in rows:
        if row.last <= row.number or width < 2:
            continue
        for column, cell in enumerate(row.cells):
            lines = cell.splitlines()
            swallowed = sum(1 for line in lines[1:] if line.count(delimiter) >= needed)
            if swallowed:
                name = headers[column] if column < width else f"column {column + 1}"
                problems.append(
                    CsvProblem(
                        row.number,
                        f'a quote (") opens the {shown(name)} cell and is not closed where the cell ends: the '
                        f"cell runs to line {row.last} and swallows {swallowed} row{'s' * (swallowed != 1)} below "
                        'it. Remove the quote, or write a quote inside a cell as two ("")',
                    )
                )
                break
    return problems
