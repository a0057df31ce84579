"""Reading a file's bytes and its JSON, strictly and within limits, every failure an
:class:`OrgFileError` naming the file and the place."""

from __future__ import annotations

import json
import os
from pathlib import Path
from typing import Any

from orgdesigner.io.errors import OrgFileError

MAX_FILE_BYTES = 50 * 1024 * 1024
MAX_CONTAINERS = 3_000_000
"""More ``{`` and ``[`` than a chart of a million nodes needs: a file of little else (``{}{}{}…``)
is refused before Python's JSON parser builds millions of objects from it."""
_NONBLOCK = getattr(os, "O_NONBLOCK", 0)


def read_bytes(path: str | os.PathLike[str], limit: int = MAX_FILE_BYTES) -> bytes:
    """A file's bytes, refusing folders, missing files and files over ``limit``."""
    shown = str(path)
    p = Path(path)
    try:
        if p.is_dir():
            raise OrgFileError(shown, "is a folder, not a file")
        size = p.stat().st_size
        if size > limit:
            raise OrgFileError(
                shown,
                f"the file is {size / 2**20:.1f} MB; orgdesigner opens files of at most {limit / 2**20:.0f} MB",
            )
        # Non-blocking open: a FIFO with no writer would otherwise hang open() for ever; reads
        # block again, so a pipe that has a writer (``<(...)``) is still read to its end.
        with open(os.open(p, os.O_RDONLY | _NONBLOCK | getattr(os, "O_BINARY", 0)), "rb") as fh:
            if _NONBLOCK:
                os.set_blocking(fh.fileno(), True)
            data = fh.read(limit + 1)
    except FileNotFoundError:
        raise OrgFileError(shown, "no such file") from None
    except PermissionError:
        raise OrgFileError(shown, "cannot read: permission denied") from None
    except OSError as exc:
        raise OrgFileError(shown, f"cannot read: {exc.strerror or exc}") from None
    if len(data) > limit:
        raise OrgFileError(shown, f"the file is larger than {limit / 2**20:.0f} MB")
    return data


def load_json(data: bytes | str, source: str) -> Any:
    """Decode JSON text strictly, turning every failure into an :class:`OrgFileError`."""
    if isinstance(data, bytes):
        try:
            text = data.decode("utf-8-sig")
        except UnicodeDecodeError as exc:
            raise OrgFileError(source, "the file is not UTF-8 text", f"byte {exc.start}") from None
    else:
        text = data
    if not text.strip():
        raise OrgFileError(source, "the file is empty")
    containers = count_containers(text)
    if containers > MAX_CONTAINERS:
        problem = f"the file holds {containers:,} JSON objects and lists, more than a chart can use"
        raise OrgFileError(source, f"{problem} ({MAX_CONTAINERS:,})")
    try:
        return json.loads(text, parse_constant=_reject_constant)
    except json.JSONDecodeError as exc:
        raise OrgFileError(source, f"not valid JSON: {exc.msg}", f"line {exc.lineno}, column {exc.colno}") from None
    except RecursionError:
        raise OrgFileError(source, "the JSON is nested too deeply to read") from None
    except ValueError as exc:
        if "integer string conversion" in str(exc):  # Python's int_max_str_digits guard
            raise OrgFileError(source, "not valid JSON: a number has more than 4300 digits") from None
        raise OrgFileError(source, f"not valid JSON: {exc}") from None


def count_containers(text: str) -> int:
    """A quick bound on how many JSON objects and lists parsing ``text`` would build: its ``{``
    and ``[`` (those inside strings too), the count reading refuses above ``MAX_CONTAINERS``."""
    return text.count("{") + text.count("[")


def _reject_constant(name: str) -> Any:
    raise ValueError(f"{name} is not allowed")


def json_type(value: Any) -> str:
    """What kind of JSON value ``value`` is, for a message: ``an object``, ``a number``..."""
    names = {dict: "an object", list: "a list", str: "text", bool: "true/false", type(None): "null"}
    if isinstance(value, bool):
        return "true/false"
    if isinstance(value, int | float):
        return "a number"
    return names.get(type(value), type(value).__name__)


def short(value: Any) -> str:
    """A JSON value quoted for a message, at most 40 characters, controls escaped."""
    if isinstance(value, str):
        text = repr(value)
    else:  # JSON leaves bidi overrides, line separators and the like as they are: escape them
        text = "".join(c if c.isprintable() else ascii(c)[1:-1] for c in json.dumps(value, ensure_ascii=False))
    return text if len(text) <= 40 else text[:37] + "..."
