"""The SVG export: valid XML, every node with its full name, hostile text kept as text, renderable."""

from __future__ import annotations

import re
import subprocess
from pathlib import Path

import pytest
from defusedxml import ElementTree

from orgdesigner.export.svg import escape, svg_bytes, svg_text
from orgdesigner.layout import BadgeCounts, LayoutOptions, layout
from orgdesigner.layout.arrays import OrgArrays
from orgdesigner.model import Discipline, FlatNode, Link, Organization, Structure, Team, Unit
from tests.conftest import require_tool
from tests.synthetic import SHAPES, make_chain, make_org

SVG = "{http://www.w3.org/2000/svg}"
HOSTILE = [
    "<script>alert(1)</script>",
    '"><svg onload=alert(1)>',
    "</title><script>alert(2)</script>",
    "]]><!-- x -->",
    "&amp; & &lt; ' \" <![CDATA[ x ]]>",
    "a" * 200,
]


def hostile_org() -> Organization:
    flat = [
        FlatNode(
            Unit(
                id="root",
                name="</title><script>evil()</script>",
                structure=Structure.EXECUTIVE,
                lead='"><img src=x onerror=alert(1)>',
            ),
            None,
        )
    ]
    for i, name in enumerate(HOSTILE):
        flat.append(
            FlatNode(Team(id=f"t{i}", name=name, discipline=Discipline.MLOPS, headcount=i, lead=name[:200]), "root")
        )
    org = Organization.from_flat('Org "<b>bold</b>" & co', 4, flat)
    org.add_link(Link(source="t0", target="t1"))
    return org


def parse(data: bytes):  # type: ignore[no-untyped-def]
    return ElementTree.fromstring(data)


def nodes_of(root) -> dict[str, object]:  # type: ignore[no-untyped-def]
    return {g.get("data-id"): g for g in root.iter(f"{SVG}g") if "node" in (g.get("class") or "").split()}


@pytest.mark.parametrize("shape", SHAPES)
def test_valid_svg_with_every_node_and_its_full_name(shape: str) -> None:
    org = make_org(400, shape, links=8)
    data = svg_bytes(layout(org))
    root = parse(data)
    assert root.tag == f"{SVG}svg" and root.get("version") == "1.1"
    w, h = root.get("width"), root.get("height")
    if max(int(w), int(h)) < 32_000:
        assert root.get("viewBox") == f"0 0 {w} {h}"
    assert root.find(f"{SVG}title").text == org.name
    assert root.find(f"{SVG}desc").text
    assert len(root.findall(f"{SVG}style")) == 1 and len(list(root.iter(f"{SVG}style"))) == 1
    groups = nodes_of(root)
    assert set(groups) == set(org.iter_preorder())
    for nid, g in groups.items():
        node = org.node(nid)
        assert g.find(f"{SVG}title").text == node.name
        assert g.find(f"{SVG}rect") is not None
        kind, category = g.get("class").split()[1:3]
        assert kind == node.kind
        assert category in (
            f"discipline-{getattr(node, 'discipline', '')}",
            f"structure-{getattr(node, 'structure', '')}",
        )
    assert not re.search(rb' style="', data)


def test_hostile_labels_stay_text() -> None:
    org = hostile_org()
    for opts in (LayoutOptions(), LayoutOptions(orientation="left-right", collapse_depth=0)):
        data = svg_bytes(layout(org, opts))
        root = parse(data)
        tags = {el.tag.removeprefix(SVG) for el in root.iter()}
        assert tags <= {"svg", "title", "desc", "style", "rect", "g", "path", "text", "tspan"}
        for el in root.iter():
            assert not any(name.lower().startswith("on") for name in el.attrib)
        assert root.find(f"{SVG}title").text == org.name
    groups = nodes_of(parse(svg_bytes(layout(org))))
    for i, name in enumerate(HOSTILE):
        assert groups[f"t{i}"].find(f"{SVG}title").text == name
    assert b"<script" not in svg_bytes(layout(org))


def test_ten_thousand_character_names_are_cut_on_the_card_but_whole_in_the_title() -> None:
    name = "<b>" + "Wide name " * 1000
    arrays = OrgArrays(
        "Long",
        ids=["r", "t"],
        parent=[-1, 0],
        kids=[[1], []],
        depth=[0, 1],
        is_team=[False, True],
        category=[9, 3],
        headcount=[0, 4],
        names=[name, name],
        leads=[name, None],
    )
    root = parse(svg_bytes(layout(arrays)))
    groups = nodes_of(root)
    for g in groups.values():
        assert g.find(f"{SVG}title").text == name
        shown = "".join(g.find(f"{SVG}text").itertext())
        assert len(shown) < 60 and shown.endswith("…")


def test_escape_covers_markup_characters() -> None:
    assert escape("""<a href="x">'&'</a>""") == "&lt;a href=&quot;x&quot;&gt;&#39;&amp;&#39;&lt;/a&gt;"


def test_badges_and_collapsed_cards_are_drawn() -> None:
    org = make_org(60, "balanced")
    root_id = org.root
    assert root_id is not None
    data = svg_text(layout(org, LayoutOptions(collapse_depth=1, badges={root_id: BadgeCounts(1, 2, 3)})))
    root = parse(data.encode())
    badge = next(
        g
        for g in root.iter(f"{SVG}g")
        if (g.get("class") or "").startswith("badge ") and g.find(f"{SVG}title") is not None
    )
    assert badge.get("class") == "badge error"
    assert badge.find(f"{SVG}title").text == "1 error, 2 warnings, 3 notes"
    assert "collapsed" in data and "+" in data


def test_classes_hold_the_styles_and_links_are_dashed() -> None:
    data = svg_text(layout(make_org(100, "random", links=5)))
    style = re.search(r"<style>(.*?)</style>", data, re.S)
    assert style and "stroke-dasharray" in style.group(1) and ".discipline-mlops rect" in style.group(1)
    assert "DejaVu Sans" in style.group(1) and "sans-serif" in style.group(1)
    assert '<g class="links">' in data and '<g class="edges">' in data


def test_size_per_node_stays_small() -> None:
    org = make_org(2000, "balanced")
    assert len(svg_bytes(layout(org))) / len(org) < 320


def test_rsvg_renders_it(tmp_path: Path) -> None:
    rsvg = require_tool("rsvg-convert")
    for name, org in (("hostile", hostile_org()), ("synthetic", make_org(150, "skewed", links=5))):
        pl = layout(org)
        src = tmp_path / f"{name}.svg"
        src.write_bytes(svg_bytes(pl))
        out = tmp_path / f"{name}.png"
        subprocess.run([rsvg, str(src), "-o", str(out)], check=True, timeout=60)
        header = out.read_bytes()[:24]
        assert header[:8] == b"\x89PNG\r\n\x1a\n"
        width, height = int.from_bytes(header[16:20], "big"), int.from_bytes(header[20:24], "big")
        assert (width, height) == (int(-(-pl.width // 1)), int(-(-pl.height // 1)))


@pytest.mark.slow
def test_rsvg_renders_a_5000_level_chain(tmp_path: Path) -> None:
    rsvg = require_tool("rsvg-convert")
    src = tmp_path / "chain.svg"
    src.write_bytes(svg_bytes(layout(make_chain(5000), LayoutOptions(orientation="left-right"))))
    parse(src.read_bytes())
    out = tmp_path / "chain.png"
    subprocess.run([rsvg, str(src), "-o", str(out)], check=True, timeout=120)
    header = out.read_bytes()[:24]
    sides = int.from_bytes(header[16:20], "big"), int.from_bytes(header[20:24], "big")
    assert max(sides) == 32_000


def test_a_blank_lead_is_no_lead_on_any_card() -> None:
    flat = [
        FlatNode(Unit(id="root", name="Root", structure=Structure.EXECUTIVE, lead=""), None),
        FlatNode(Team(id="t", name="Solo", discipline=Discipline.MLOPS, headcount=2, lead=" \t "), "root"),
        FlatNode(Team(id="u", name="Led", discipline=Discipline.MLOPS, headcount=2, lead="Ada"), "root"),
    ]
    org = Organization.from_flat("Blank leads", 4, flat)
    assert org.node("root").lead is None and org.node("t").lead is None
    data = svg_text(layout(org))
    assert data.count("Lead:") == 1 and "Lead: Ada" in data


def test_a_collapsed_card_counts_the_findings_it_hides() -> None:
    org = make_org(60, "balanced")
    arr_ids = list(org.iter_preorder())
    head = next(nid for nid in arr_ids[1:] if org.children(nid))
    hidden = [nid for nid in arr_ids if nid != head and head in org.ancestors(nid)]
    badges = {head: BadgeCounts(0, 1, 0), hidden[0]: BadgeCounts(2, 0, 0), hidden[-1]: BadgeCounts(0, 0, 3)}
    badges[arr_ids[0]] = BadgeCounts(0, 0, 1)  # the root stays open: only its own count
    pl = layout(org, LayoutOptions(collapsed=frozenset({head}), badges=badges))
    box = pl.box_of(head)
    assert box is not None and box.badge == BadgeCounts(2, 1, 3)
    assert pl.box_of(arr_ids[0]).badge == BadgeCounts(0, 0, 1)  # type: ignore[union-attr]
    root = parse(svg_bytes(pl))
    card = nodes_of(root)[head]
    badge = next(g for g in card.iter(f"{SVG}g") if (g.get("class") or "").startswith("badge"))  # type: ignore[attr-defined]
    assert badge.get("class") == "badge error"
    assert badge.find(f"{SVG}title").text == "2 errors, 1 warning, 3 notes"
    assert "".join(badge.find(f"{SVG}text").itertext()) == "6"


def test_every_line_in_the_svg_fits_its_card() -> None:
    """The writer's shortcuts for short lines must hold for the widest characters too."""
    from orgdesigner.layout.cards import NAME_SIZE, SMALL_SIZE
    from orgdesigner.layout.text_fit import text_width

    wide = ["\u2031" * 8, "\u2031" * 11, "W" * 14, "😀" * 9, "漢字" * 6, "ǄǄǄǄǄǄǄǄǄǄǄǄ", "Plain team"]
    flat = [FlatNode(Unit(id="root", name="\u2031" * 9, structure=Structure.EXECUTIVE, lead="\u2031" * 8), None)]
    for k, text in enumerate(wide):
        mlops = Discipline.MLOPS
        flat.append(FlatNode(Team(id=f"t{k}", name=text, discipline=mlops, headcount=k, lead="Ada"), "root"))
        flat.append(FlatNode(Team(id=f"s{k}", name=f"S{k}", discipline=mlops, headcount=k, lead=text), "root"))
    pl = layout(Organization.from_flat("Wide", 4, flat))
    room = pl.text_width
    for card in nodes_of(parse(svg_bytes(pl))).values():
        for k, text in enumerate(card.iter(f"{SVG}text")):  # type: ignore[attr-defined]
            size = NAME_SIZE if k == 0 else SMALL_SIZE
            lines = [text.text or ""] + [t.text or "" for t in text.iter(f"{SVG}tspan")]
            for line in lines:
                assert text_width(line, size) <= room + 1e-9, line


def test_the_description_counts_in_words() -> None:
    one = Organization.from_flat(
        "Solo", 4, [FlatNode(Team(id="t", name="Only team", discipline=Discipline.MLOPS, headcount=1), None)]
    )
    assert parse(svg_bytes(layout(one))).find(f"{SVG}desc").text == (
        "Org chart of Solo: 0 units, 1 team, 1 person, 0 serves links. Drawn by orgdesigner."
    )
    many = make_org(30, "balanced", links=2)
    text = parse(svg_bytes(layout(many, LayoutOptions(collapse_depth=1)))).find(f"{SVG}desc").text
    assert ", 2 serves links; " in text and " nodes folded into collapsed cards." in text


def test_sub_lines_fit_and_read_as_the_card_says() -> None:
    from orgdesigner.layout import category_styles
    from orgdesigner.layout.cards import SMALL_SIZE, SubLines, people
    from orgdesigner.layout.text_fit import fit_line, text_width

    for room in (166.0, 60.0, 30.0):  # a normal card, and narrow ones where lines must be cut
        lines = SubLines(room)
        for cat, style in enumerate(category_styles()):
            for heads in (0, 1, 2, 12, 999, 1_000, 45_678, 1_000_000):
                line = lines.get(cat, heads)
                assert text_width(line, SMALL_SIZE) <= room + 1e-9
                assert line == fit_line(f"{style.short} · {people(heads)}", room, SMALL_SIZE)


def test_the_legend_explains_the_badges_whenever_they_are_drawn(tmp_path: Path) -> None:
    from orgdesigner.cli import main
    from orgdesigner.layout.legend import BADGE_LEGEND

    plain, badged = tmp_path / "plain.svg", tmp_path / "badged.svg"
    assert main(["export", "--template", "typical", "-o", str(plain)]) == 0
    assert main(["export", "--template", "typical", "--badges", "-o", str(badged)]) == 0
    assert "badge-key" not in plain.read_text(encoding="utf-8")
    text = badged.read_text(encoding="utf-8")
    assert text.count('class="badge-key"') == 1 and BADGE_LEGEND in text
    assert 'class="badge ' in text.split('class="badge-key"', 1)[1]  # the key's sample is a badge
