"""Hypothesis strategies for the reliability suite: texts the model accepts (and some it must
refuse) and random valid orgs."""

from __future__ import annotations

import random

from hypothesis import strategies as st

from orgdesigner.model import Discipline, FlatNode, Link, Organization, Structure, Team, Unit, load_catalogue
from orgdesigner.model.text import NAME_MAX, NOTES_MAX, has_visible

RESPONSIBILITIES = sorted(load_catalogue().responsibility_ids())
DISCIPLINES = list(Discipline)
STRUCTURES = list(Structure)

# Characters no text field may hold (see orgdesigner.model.text): C0 controls but tab and line
# breaks, DEL and C1 controls, bidi embeddings, overrides and isolates, non-characters; and
# the line breaks that only notes may hold.
_FORBIDDEN = (
    "".join(chr(c) for c in [*range(0x00, 0x09), 0x0B, 0x0C, *range(0x0E, 0x20), *range(0x7F, 0xA0)])
    + "".join(chr(c) for c in [*range(0x202A, 0x202F), *range(0x2066, 0x206A)])
    + "\ufffe\uffff"
)
_BREAKS = "\t\n\r\u2028\u2029"

RTL = ["مرحبا بالعالم", "שלום עולם", "فريق علم البيانات", "צוות נתונים", "\u200fRTL mark\u200e", "\u061c!"]
COMBINING = ["Zoë", "e\u0301\u0301\u0301", "Z\u0351\u0360\u035b\u0346a\u0352\u0366l\u0347g\u036fo", "ñ\u0303"]
EMOJI = ["🚀", "👩\u200d💻", "🏳️\u200d🌈", "👍🏽", "🇪🇺", "🧑\u200d🔬 team", "𝔘𝔫𝔦𝔠𝔬𝔡𝔢"]
OTHER = [
    "データ基盤",
    "데이터 팀",
    "Ωμάδα",
    "Команда",
    "<script>alert(1)</script>",
    '"><svg onload=x>',
    "&amp; ]]> --",
    "a\u00a0b",
    "\u200bzero\u200dwidth\u2060",
]
SAMPLES = RTL + COMBINING + EMOJI + OTHER
line_chars = st.characters(codec="utf-8", exclude_characters=_FORBIDDEN + _BREAKS)
note_chars = st.characters(codec="utf-8", exclude_characters=_FORBIDDEN)


def _long_name(rng: random.Random) -> str:
    # Exactly NAME_MAX code points, made of pieces of every kind above (cut at a code point).
    text = ""
    while len(text) < NAME_MAX:
        text += rng.choice(SAMPLES) + " "
    text = text[:NAME_MAX]
    return text if has_visible(text) else "x" * NAME_MAX


names = st.one_of(
    st.text(line_chars, min_size=1, max_size=40),
    st.sampled_from(SAMPLES),
    st.text(line_chars, min_size=NAME_MAX, max_size=NAME_MAX),
    st.integers(0, 2**32 - 1).map(lambda seed: _long_name(random.Random(seed))),
).filter(has_visible)
notes = st.one_of(
    st.text(note_chars, max_size=200),
    st.lists(st.sampled_from([*SAMPLES, "", "\r\n", "\t", "line"]), max_size=30).map("\n".join),
    st.just("n" * NOTES_MAX),
)
ids = st.from_regex(r"\A[A-Za-z0-9_.\-]{1,64}\Z")

# Names every edit must refuse.
BAD_NAMES = [
    "",
    " ",
    "\u3000",
    "two\nlines",
    "tab\there",
    "bell\x07",
    "nul\x00",
    "x" * (NAME_MAX + 1),
    "\ud800",
    "del\x7f",
    "x\x85y",
    "\x9b2J",
    "\u202eevil\u202c",
    "\u2067isolate\u2069",
    "a\u2028b",
    "\u200b\u200d\u2060\ufeff",
    "\u3164\u2800",
    "\u0301\u0301",
]


def _random_text(rng: random.Random, multiline: bool = False) -> str:
    pick = rng.random()
    if pick < 0.4:
        return rng.choice(SAMPLES)
    if pick < 0.5:
        return _long_name(rng)
    words = rng.choices([*SAMPLES, "Data", "Platform", "ML", "Ops", "&", "42"], k=rng.randint(1, 6))
    return ("\n" if multiline and rng.random() < 0.5 else " ").join(words)


def _random_node(rng: random.Random, nid: str, name: str) -> Unit | Team:
    lead = _random_text(rng) if rng.random() < 0.4 else None
    note = _random_text(rng, multiline=True) if rng.random() < 0.3 else None
    if rng.random() < 0.35:
        return Unit(id=nid, name=name, structure=rng.choice(STRUCTURES), lead=lead, notes=note)
    resp = None
    if rng.random() < 0.4:
        resp = tuple(rng.sample(RESPONSIBILITIES, rng.randint(0, 6)))
    return Team(
        id=nid,
        name=name,
        discipline=rng.choice(DISCIPLINES),
        headcount=rng.choice([0, 1, 7, 1_000_000, rng.randint(0, 500)]),
        responsibilities=resp,
        lead=lead,
        notes=note,
    )


@st.composite
def orgs(draw: st.DrawFn, max_nodes: int = 500) -> Organization:
    """A random valid org of 0 to ``max_nodes`` nodes. The first few nodes' texts and ids are
    drawn by hypothesis (so they shrink); the bulk comes from a seeded generator, which keeps
    the example small enough for hypothesis at 500 nodes."""
    n = draw(st.integers(0, max_nodes))
    rng = random.Random(draw(st.integers(0, 2**32 - 1)))
    drawn = min(n, 6)
    chosen_ids = draw(st.lists(ids, min_size=drawn, max_size=drawn, unique=True))
    taken = set(chosen_ids)
    flat: list[FlatNode] = []
    for i in range(n):
        if i < drawn:
            nid, name = chosen_ids[i], draw(names)
        else:
            nid = f"n{i}"
            while nid in taken:
                nid += "x"
            name = _random_text(rng)
        taken.add(nid)
        node = _random_node(rng, nid, name)
        if i < drawn and draw(st.booleans()):
            node = node.with_changes(notes=draw(notes), lead=draw(names))
        parent = None if i == 0 else flat[rng.randrange(i) if rng.random() < 0.7 else i - 1].node.id
        flat.append(FlatNode(node, parent))
    teams = [f.node.id for f in flat if isinstance(f.node, Team)]
    links: list[Link] = []
    if len(flat) >= 2 and teams:
        for _ in range(rng.randint(0, max(1, n // 5))):
            link = Link(source=rng.choice(teams), target=rng.choice(flat).node.id)
            if link.source != link.target and link not in links:
                links.append(link)
    return Organization.from_flat(draw(names), draw(st.integers(1, 5)), flat, links)
