// d3-hierarchy's tree() and d3-flextree timed on one tree, for tests/benchmarks/test_bench_layout_export.py.
//
//   node d3_peers.mjs MODULES TREE.json [ROUNDS]
//
// MODULES is a node_modules folder holding d3-hierarchy and d3-flextree (the benchmark installs
// them with npm into a cache outside the repository). TREE.json is
//   {"parents": [-1, 0, 0, 1, ...], "size": [across, down], "card_width": w}
// parents in pre-order (the root first, -1); size is each node's room across (card width plus
// the gap to its neighbour) and down (card height plus the gap to the next level), given to
// tree().nodeSize() and, on every node, to d3-flextree's nodeSize (the accessor d3-org-chart
// uses); card_width is what a card really takes across, for the chart's breadth.
//
// After one warm-up round the program prints {"ready": true, "versions": {...}}. Then each line
// read from stdin runs one round (each peer twice, timed the second time, its hierarchy built
// anew each time) and prints one JSON line; at the end of input it prints the medians. With
// ROUNDS it runs that many rounds without reading stdin and prints only the medians. Times are
// milliseconds: "tree" and "flextree" the layout call alone, on a hierarchy already built (as
// orgdesigner's tidy core gets its child lists built); "*_build" the same plus building the
// hierarchy from the nested data. Breadths are max x - min x + card_width.
//
// d3-flextree recurses once per level, so the work runs in a worker thread with a large stack:
// a 100,000-node chain would overflow the main thread's.
import { once } from "node:events";
import { readFileSync } from "node:fs";
import { createRequire } from "node:module";
import { join } from "node:path";
import { createInterface } from "node:readline";
import { pathToFileURL } from "node:url";
import { Worker, isMainThread, parentPort, workerData } from "node:worker_threads";

const STACK_MB = 2048;

function median(values) {
  const s = [...values].sort((a, b) => a - b);
  const m = s.length >> 1;
  return s.length % 2 ? s[m] : (s[m - 1] + s[m]) / 2;
}

async function work({ modules, treeFile }) {
  const require = createRequire(join(modules, "noop.js"));
  const { hierarchy, tree } = await import(pathToFileURL(require.resolve("d3-hierarchy")).href);
  const { flextree } = require("d3-flextree");
  const version = (name) => JSON.parse(readFileSync(join(modules, name, "package.json"), "utf8")).version;
  const spec = JSON.parse(readFileSync(treeFile, "utf8"));
  const { parents, size, card_width: cardWidth } = spec;
  const nodes = parents.map((_, i) => ({ id: i, children: [], size }));
  parents.forEach((p, i) => {
    if (p >= 0) nodes[p].children.push(nodes[i]);
  });
  const data = nodes[0];
  const d3tree = tree().nodeSize(size).separation(() => 1);
  const flex = flextree();  // nodeSize defaults to node => node.data.size, spacing to 0

  const breadth = (root) => {
    let low = Infinity;
    let high = -Infinity;
    root.each((d) => {
      if (d.x < low) low = d.x;
      if (d.x > high) high = d.x;
    });
    return high - low + cardWidth;
  };
  // Each peer lays the tree out once untimed, then once timed, so that neither is timed on
  // caches the other (or orgdesigner, between rounds) has just filled with its own data.
  const round = () => {
    d3tree(hierarchy(data));
    let t0 = performance.now();
    const h = hierarchy(data);
    let t1 = performance.now();
    d3tree(h);
    let t2 = performance.now();
    const out = { tree: t2 - t1, tree_build: t2 - t0, tree_breadth: breadth(h) };
    flex(flex.hierarchy(data));
    t0 = performance.now();
    const f = flex.hierarchy(data);
    t1 = performance.now();
    flex(f);
    t2 = performance.now();
    return { ...out, flextree: t2 - t1, flextree_build: t2 - t0, flextree_breadth: breadth(f) };
  };
  const rounds = [];
  const summary = () => {
    const out = { rounds: rounds.length };
    for (const key of ["tree", "tree_build", "flextree", "flextree_build"]) out[key] = median(rounds.map((r) => r[key]));
    out.tree_breadth = rounds.length ? rounds[0].tree_breadth : null;
    out.flextree_breadth = rounds.length ? rounds[0].flextree_breadth : null;
    return out;
  };
  round();  // warm-up: let V8 compile both layouts before they are timed
  return {
    versions: { "d3-hierarchy": version("d3-hierarchy"), "d3-flextree": version("d3-flextree") },
    run: () => {
      const r = round();
      rounds.push(r);
      return r;
    },
    summary,
  };
}

if (isMainThread) {
  const [modules, treeFile, count] = process.argv.slice(2);
  if (!modules || !treeFile) {
    console.error("usage: node d3_peers.mjs MODULES TREE.json [ROUNDS]");
    process.exit(2);
  }
  const worker = new Worker(new URL(import.meta.url), {
    workerData: { modules, treeFile },
    resourceLimits: { stackSizeMb: STACK_MB },
  });
  worker.on("error", (e) => {
    console.error(`d3_peers: ${e.message}`);
    process.exit(1);
  });
  // The worker answers each message with one message.
  const ask = async (what) => {
    const reply = once(worker, "message");
    worker.postMessage(what);
    return (await reply)[0];
  };
  const ready = await ask("ready");
  if (count !== undefined) {
    for (let i = 0; i < Number(count); i++) await ask("round");
  } else {
    console.log(JSON.stringify(ready));
    for await (const _ of createInterface({ input: process.stdin })) console.log(JSON.stringify(await ask("round")));
  }
  console.log(JSON.stringify(await ask("summary")));
  await worker.terminate();
} else {
  const session = await work(workerData);
  parentPort.on("message", (what) => {
    if (what === "ready") parentPort.postMessage({ ready: true, versions: session.versions });
    else if (what === "round") parentPort.postMessage(session.run());
    else parentPort.postMessage(session.summary());
  });
}
