"""Writers that turn an org (and its report and placement) into text, SVG, PNG and PDF."""


class ExportError(Exception):
    """An export that cannot be made as asked (too big for a PNG, no such format...);
    the message is one line a person can act on."""
