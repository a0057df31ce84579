"""Reading and writing orgs: the file format, templates, imports and exports to other tools."""

from orgdesigner.io.errors import OrgFileError
from orgdesigner.io.fileformat import (
    MAX_FILE_BYTES,
    dumps_chart,
    dumps_org,
    parse_chart,
    parse_org,
    read_bytes,
    read_chart,
    read_org,
    write_chart,
    write_org,
)
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
    "dumps_chart",
    "dumps_org",
    "list_templates",
    "load_template",
    "parse_chart",
    "parse_org",
    "read_bytes",
    "read_chart",
    "read_org",
    "template_names",
    "write_chart",
    "write_org",
]
