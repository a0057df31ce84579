"""The preset company templates shipped in ``orgdesigner/templates``, loadable by name."""

from __future__ import annotations

import json
from dataclasses import dataclass
from functools import cache
from importlib import resources

from orgdesigner.io.errors import OrgFileError
from orgdesigner.io.fileformat import parse_org
from orgdesigner.model import Organization
from orgdesigner.model.text import shown

DEFAULT_TEMPLATE = "typical"


@dataclass(frozen=True)
class TemplateInfo:
    """A template's name (what ``--template`` takes), title and one-line description."""

    name: str
    title: str
    description: str


@cache
def list_templates() -> tuple[TemplateInfo, ...]:
    """Every template, in gallery order."""
    text = resources.files("orgdesigner.templates").joinpath("index.json").read_text("utf-8")
    return tuple(TemplateInfo(**entry) for entry in json.loads(text))


def template_names() -> list[str]:
    """The names ``--template`` accepts."""
    return [t.name for t in list_templates()]


def template_text(name: str) -> str:
    """The file text of a template (raises ``OrgFileError`` for an unknown name)."""
    if name not in template_names():
        raise OrgFileError(f"template {shown(name)}", f"no such template; choose one of: {', '.join(template_names())}")
    return resources.files("orgdesigner.templates").joinpath(f"{name}.json").read_text("utf-8")


def load_template(name: str) -> Organization:
    """The org of a template, freshly built (callers may edit it)."""
    return parse_org(template_text(name), f"template {shown(name)}")
