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

from orgdesigner.io.csv_errors import CsvImportError, CsvProblem
from orgdesigner.io.errors import OrgFileError
from orgdesigner.io.jsontext import MAX_FILE_BYTES, read_bytes

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
    """One record of the file: where it starts and its cells as written (untrimmed)."""

    number: int
    cells: tuple[str, ...]

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

    def column(self, name: str) -> int | None:
        """The index of a column by header (ignoring case and stray spaces), else None."""
        wanted = " ".join(name.split()).casefold()
        for i, header in enumerate(self.headers):
            if header.casefold() == wanted:
                return i
        return None

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
    header_index = _header_index(records)
    header = records[header_index]
    rows = tuple(records[header_index + 1 :])
    if not rows:
        raise CsvImportError(source, [CsvProblem(header.number, "the file has a header but no rows below it")])
    return Table(source, _unique_headers(header.cells), rows, delimiter, encoding, header.number)


def decode_text(data: bytes, source: str) -> tuple[str, str]:
    """The file's text and the name of its encoding: UTF-8 with or without BOM, UTF-16 with a
    BOM, else Windows-1252 / Latin-1 (also after a BOM when the rest is not UTF-8);
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
            records.append(TableRow(start, tuple(cells)))
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
    out: list[str] = []
    seen: set[str] = set()
    for i, cell in enumerate(cells):
        base = " ".join(cell.replace("\ufeff", "").split()) or f"column {i + 1}"
        header, n = base, 2
        while header.casefold() in seen:
            header, n = f"{base} ({n})", n + 1
        seen.add(header.casefold())
        out.append(header)
    return tuple(out)
