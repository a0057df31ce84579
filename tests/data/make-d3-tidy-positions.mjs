// Makes d3-tidy-positions.json: the x positions d3-hierarchy's tree() and d3-flextree give fixed
// trees, which tests/layout/test_tidy_reference.py compares with orgdesigner's tidy tree.
// Run in a scratch folder outside the repository:
//   npm install d3-hierarchy d3-flextree && node make-d3-tidy-positions.mjs > d3-tidy-positions.json
import { readFileSync } from "fs";
import { createRequire } from "module";
import { hierarchy, tree } from "d3-hierarchy";
const require = createRequire(import.meta.url);
const { flextree } = require("d3-flextree");

// A small seeded generator (mulberry32), so the trees can be made again.
function rng(seed) {
  return () => { seed |= 0; seed = (seed + 0x6d2b79f5) | 0; let t = Math.imul(seed ^ (seed >>> 15), 1 | seed);
    t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t; return ((t ^ (t >>> 14)) >>> 0) / 4294967296; };
}
function parentsOf(shape, n, seed) {
  const r = rng(seed), p = [-1];
  for (let i = 1; i < n; i++) {
    if (shape === "deep") p.push(r() < 0.85 ? i - 1 : Math.floor(r() * i));
    else if (shape === "random") p.push(Math.floor(r() * i));
    else if (shape === "balanced") p.push(Math.floor((i - 1) / 3));
    else if (shape === "wide") p.push(i <= 8 ? 0 : 1 + Math.floor(r() * 8));
    else if (shape === "bushy") p.push(Math.floor(r() * Math.min(i, 5)));
  }
  return p;
}
function build(parents, extra) {
  const nodes = parents.map((_, i) => ({ id: i, children: [], ...extra(i) }));
  parents.forEach((p, i) => { if (p >= 0) nodes[p].children.push(nodes[i]); });
  return nodes[0];
}
const out = { d3_hierarchy: [], d3_flextree: [] };
const cases = [["deep", 300, 1], ["random", 250, 2], ["balanced", 121, 3], ["wide", 200, 4], ["bushy", 150, 5]];
for (let k = 0; k < 20; k++) cases.push([k % 2 ? "random" : "deep", 8 + k * 3, 100 + k]);
for (const [shape, n, seed] of cases) {
  const parents = parentsOf(shape, n, seed);
  const root = hierarchy(build(parents, () => ({})), d => (d.children.length ? d.children : null));
  tree().nodeSize([1, 1]).separation(() => 1)(root);
  const x = new Array(n);
  root.each(d => { x[d.data.id] = d.x; });
  out.d3_hierarchy.push({ name: `${shape}-${n}-${seed}`, parents, x });
}
for (const [shape, n, seed] of [["random", 120, 7], ["deep", 150, 8], ["bushy", 90, 9], ["random", 40, 10], ["wide", 60, 11], ["deep", 30, 12]]) {
  const parents = parentsOf(shape, n, seed);
  const r = rng(seed * 7919);
  const sizes = parents.map(() => [1 + Math.floor(r() * 4), 1 + Math.floor(r() * 3)]);
  const layout = flextree({ nodeSize: d => d.data.size });
  const root = layout.hierarchy(build(parents, i => ({ size: sizes[i] })), d => (d.children.length ? d.children : null));
  layout(root);
  const x = new Array(n), y = new Array(n);
  root.each(d => { x[d.data.id] = d.x; y[d.data.id] = d.y; });
  out.d3_flextree.push({ name: `${shape}-${n}-${seed}`, parents, sizes, x, y });
}
const version = p => JSON.parse(readFileSync(`node_modules/${p}/package.json`, "utf8")).version;
out.versions = { "d3-hierarchy": version("d3-hierarchy"), "d3-flextree": version("d3-flextree") };
console.log(JSON.stringify(out));
