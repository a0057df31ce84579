"""Writers that turn an org (and its report and placement) into text, SVG, PNG and PDF."""
