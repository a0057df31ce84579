"""Reading and writing orgs: the file format, templates, imports and exports to other tools."""

from orgdesigner.io.errors import OrgFileError
from orgdesigner.io.fileformat import MAX_FILE_BYTES, dumps_org, parse_org, read_bytes, read_org, write_org
from orgdesigner.io.templates import (
    DEFAULT_TEMPLATE,
    TemplateInfo,
    list_templates,
    load_template,
    template_names,
)

__all__ = [
    "DEFAULT_TEMPLATE",
    "MAX_FILE_BYTES",
    "OrgFileError",
    "TemplateInfo",
    "dumps_org",
    "list_templates",
    "load_template",
    "parse_org",
    "read_bytes",
    "read_org",
    "template_names",
    "write_org",
]
