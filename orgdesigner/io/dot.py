"""Graphviz DOT of the org: a top-down digraph, boxes coloured by discipline, dotted lines dashed.

Every id and label is a double-quoted DOT string with ``\\`` and ``"`` escaped (so that a
backslash in a name never becomes one of DOT's ``\\N``, ``\\G``, ``\\l`` label escapes) and ``&``
written as ``&amp;`` (Graphviz decodes HTML entities such as ``&lt;`` in every label, so a name
reading ``&lt;`` would otherwise be drawn as ``<``), and the lines of a label are joined with
``\\n``. Node ids are the org's own, so edges read as the file.
"""

from __future__ import annotations

from orgdesigner.io.node_labels import node_fill, node_label_lines, text_color_on
from orgdesigner.model import Organization, Unit


def quote(text: str) -> str:
    """A DOT double-quoted string that Graphviz draws as ``text``, literally (one line)."""
    escaped = text.replace("\\", "\\\\").replace('"', '\\"').replace("&", "&amp;")
    escaped = escaped.replace("\r\n", "\n").replace("\r", "\n").replace("\n", "\\n")
    return f'"{escaped}"'


def label(lines: list[str]) -> str:
    """A DOT label of several lines, each escaped."""
    return quote("\n".join(lines))


def dot_text(org: Organization) -> str:
    """The digraph's source text."""
    out = [
        f"digraph {quote(org.name)} {{",
        f'    graph [rankdir=TB, label={quote(org.name)}, labelloc=t, fontname="Helvetica", '
        'fontsize=16, nodesep=0.3, ranksep=0.5, charset="UTF-8"];',
        '    node [shape=box, style="rounded,filled", fontname="Helvetica", fontsize=11, color="#333333"];',
        '    edge [color="#444444", arrowhead=none, fontname="Helvetica"];',
    ]
    for node in org.iter_nodes():
        fill = node_fill(node)
        width = ", penwidth=2" if isinstance(node, Unit) else ""
        out.append(
            f'    {quote(node.id)} [label={label(node_label_lines(node))}, fillcolor="{fill}", '
            f'fontcolor="{text_color_on(fill)}"{width}];'
        )
    for nid in org.iter_preorder():
        parent = org.parent(nid)
        if parent is not None:
            out.append(f"    {quote(parent)} -> {quote(nid)};")
    for link in org.links:
        out.append(
            f'    {quote(link.source)} -> {quote(link.target)} [style=dashed, color="#777777", '
            'arrowhead=normal, constraint=false, xlabel="serves", fontsize=9, fontcolor="#777777"];'
        )
    out.append("}")
    return "\n".join(out) + "\n"


def dot_bytes(org: Organization) -> bytes:
    """The digraph as UTF-8 bytes (a ``.dot`` file)."""
    return dot_text(org).encode("utf-8")
