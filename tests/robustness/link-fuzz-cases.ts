/**
 * The share-link fuzz corpus: adversarial links for `decodeLabLink`, generated deterministically
 * from every preset. Adapted from the independent probe of hostile input (issue 17): random text and
 * bytes, damaged deflate, truncations and bit flips, size and inflate bombs, deep nesting, keys and
 * parameter paths named like prototype members, out-of-range numbers, enormous runs, big graphs,
 * cycles, hostile strings and type confusion. `scale` multiplies the random categories (1 gives
 * about 10,500 inputs); `large` adds the slow extremes (10^7-character links, 300 MB bombs).
 */
/* eslint-disable @typescript-eslint/no-explicit-any -- a fuzzer builds deliberately ill-typed data */
import { readFileSync, readdirSync } from "node:fs";
import path from "node:path";
import { deflateSync, strToU8 } from "fflate";

export interface LinkCase {
  cat: string;
  link: string;
  note?: string;
}

const ROOT = path.resolve(import.meta.dirname, "../..");

/** The corpus, in a fixed order for a given scale. */
export function generateLinkCases({ scale = 1, large = false }: { scale?: number; large?: boolean } = {}): LinkCase[] {
  // ---------- deterministic randomness ----------
  let s = 0x9e3779b9;
  const rnd = () => {
    s |= 0;
    s = (s + 0x6d2b79f5) | 0;
    let t = Math.imul(s ^ (s >>> 15), 1 | s);
    t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t;
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
  const ri = (n: number) => Math.floor(rnd() * n);
  const pick = <T,>(a: readonly T[] | string): T => (a as readonly T[])[ri(a.length)] as T;

  // ---------- encoding ----------
  function b64url(bytes: Uint8Array): string {
    return Buffer.from(bytes).toString("base64").replace(/\+/g, "-").replace(/\//g, "_").replace(/=+$/, "");
  }
  const encText = (text: string, version = 2) => `${version}.${b64url(deflateSync(strToU8(text), { level: 9 }))}`;
  /** JSON with raw numeric tokens: "@@N:1e999@@" becomes 1e999 in the text. */
  const rawJson = (data: unknown) => JSON.stringify(data).replace(/"@@N:([^@]*)@@"/g, "$1");
  const enc = (data: unknown, version = 2) => encText(rawJson(data), version);
  const N = (t: string) => `@@N:${t}@@`;

  // ---------- base states from every preset ----------
  const root = path.join(ROOT, "content/scenarios");
  const presets: { id: string; scenario: Record<string, unknown> }[] = [];
  for (const g of readdirSync(root)) for (const f of readdirSync(path.join(root, g))) if (f.endsWith(".json")) presets.push({ id: `${g}/${f.slice(0, -5)}`, scenario: JSON.parse(readFileSync(path.join(root, g, f), "utf8")) });
  const clone = <T>(x: T): T => structuredClone(x);
  function baseState(p = pick(presets)): Record<string, any> {
    const sc = clone(p.scenario) as any;
    return {
      scenarioId: p.id,
      title: sc.title,
      scenario: sc,
      expose: [],
      edits: { params: {}, faults: (sc.faults ?? []).map((f: object, i: number) => ({ ...f, id: `preset-${i}`, origin: "preset" })) },
      seed: sc.seed,
      timeMs: 0,
      view: { tables: false, panel: "controls", speed: 1, motion: "system" },
    };
  }
  const mm1 = presets.find((p) => p.id === "queues/mm1-80")!;
  const validLinks = presets.map((p) => enc(baseState(p)));

  // ---------- cases ----------
  interface Case { cat: string; link: string; note?: string }
  const cases: Case[] = [];
  const add = (cat: string, link: string, note?: string) => cases.push({ cat, link, note });

  // 1. random bytes / text
  const alphabets = [
    "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_",
    "0123456789.",
    " !\"#$%&'()*+,-./:;<=>?@[\\]^_`{|}~\t\n",
  ];
  for (let i = 0; i < Math.round(2000 * scale); i++) {
    const len = ri(3) === 0 ? ri(4000) : ri(200);
    const mode = ri(5);
    let t = "";
    if (mode === 0) for (let j = 0; j < len; j++) t += String.fromCharCode(ri(0x10000));
    else if (mode === 1) for (let j = 0; j < len; j++) t += pick(alphabets[0]);
    else if (mode === 2) { t = `${pick(["1", "2", "0", "3", "99", "-1", "02", "2 ", "２", "1e0"])}.`; for (let j = 0; j < len; j++) t += pick(alphabets[0]); }
    else if (mode === 3) { const b = new Uint8Array(len); for (let j = 0; j < len; j++) b[j] = ri(256); t = `${pick(["1", "2"])}.${b64url(b)}`; }
    else for (let j = 0; j < len; j++) t += pick(alphabets[ri(3)]);
    add("random", ri(4) === 0 ? `#${t}` : t);
  }
  // 2. valid deflate of junk
  for (let i = 0; i < Math.round(500 * scale); i++) {
    const mode = ri(4);
    const len = ri(3000);
    let text = "";
    if (mode === 0) { const b = new Uint8Array(len); for (let j = 0; j < len; j++) b[j] = ri(256); add("random-deflate", `${pick(["1", "2"])}.${b64url(deflateSync(b))}`); continue; }
    if (mode === 1) text = JSON.stringify(pick([null, 1, "x", [], true, [1, 2], { a: 1 }, { scenario: null }, { scenario: [] }, { scenario: "s" }, { scenario: 5 }]));
    if (mode === 2) text = rawJson(baseState()).slice(0, ri(2000)); // truncated JSON
    if (mode === 3) text = rawJson(baseState()).replace(/[,:]/, pick([";", "", "::", ",,"]));
    add("random-deflate", encText(text, pick([1, 2])));
  }
  // 3. truncated valid links
  for (let i = 0; i < Math.round(1000 * scale); i++) { const l = pick(validLinks); add("truncated", l.slice(0, ri(l.length))); }
  // 4. bit flips in the deflate bytes and character substitutions
  for (let i = 0; i < Math.round(2500 * scale); i++) {
    const l = pick(validLinks);
    const dot = l.indexOf(".");
    if (i % 2 === 0) {
      const bytes = new Uint8Array(Buffer.from(l.slice(dot + 1).replace(/-/g, "+").replace(/_/g, "/"), "base64"));
      const flips = 1 + ri(3);
      for (let f = 0; f < flips; f++) { const at = ri(bytes.length); bytes[at] ^= 1 << ri(8); }
      add("bitflip", `${l.slice(0, dot)}.${b64url(bytes)}`);
    } else {
      const chars = [...l];
      const n = 1 + ri(4);
      for (let f = 0; f < n; f++) chars[dot + 1 + ri(chars.length - dot - 1)] = pick(alphabets[0]);
      add("charflip", chars.join(""));
    }
  }
  // 5. huge lengths
  for (const len of large ? [31_998, 31_999, 32_000, 32_001, 40_000, 100_000, 1_000_000, 10_000_000] : [31_999, 32_001, 100_000]) {
    add("huge-length", "2." + "A".repeat(len - 2), `len ${len}`);
    add("huge-length", "2." + b64url(new Uint8Array(Math.floor(((len - 2) * 3) / 4)).map(() => ri(256))).slice(0, len - 2), `random len ${len}`);
  }
  { // a valid link padded to just under the limit with a long description
    const st = baseState(mm1);
    let desc = "";
    for (let j = 0; j < 4000; j++) desc += String.fromCharCode(0x4e00 + ri(20000));
    st.scenario.description = desc;
    add("huge-length", enc(st), "4000-char random CJK description");
    st.scenario.description = desc + "x";
    add("huge-length", enc(st), "4001-char description (over schema max)");
  }
  // 6. deflate bombs
  for (const mb of large ? [0.5, 0.6, 1, 5, 24, 100, 300] : [0.6, 5]) {
    const size = Math.floor(mb * 1e6);
    const text = '{"scenario":{"title":"' + "a".repeat(size) + '"}}';
    add("bomb", encText(text), `${mb} MB of 'a' in a JSON string`);
  }
  for (const mb of large ? [0.6, 20] : [0.6]) add("bomb", `2.${b64url(deflateSync(new Uint8Array(mb * 1e6)))}`, `${mb} MB of zero bytes`);
  if (large) { // largest bomb that fits in 32,000 characters
    let lo = 1e6, hi = 60e6;
    while (hi - lo > 1e5) { const mid = Math.floor((lo + hi) / 2); if (encText(" ".repeat(mid)).length <= 32000) lo = mid; else hi = mid; }
    add("bomb", encText(" ".repeat(lo)), `${(lo / 1e6).toFixed(1)} MB of spaces in ${encText(" ".repeat(lo)).length} chars`);
    add("bomb", encText("[" + "0,".repeat(Math.floor(lo / 2) - 1) + "0]"), "array of ~12M zeros");
  }
  for (let i = 0; i < (large ? 20 : 3); i++) { // repeated JSON objects (valid JSON) near the inflate limit
    const st = baseState(mm1);
    st.edits.params = {};
    const n = 2000 + ri(40000);
    for (let j = 0; j < n; j++) st.edits.params[`consumer.x${j}`] = j;
    add("bomb", enc(st), `${n} params`);
  }
  // 7. deep nesting
  const nestText = (d: number, arr = true) => (arr ? "[".repeat(d) + "1" + "]".repeat(d) : '{"a":'.repeat(d) + "1" + "}".repeat(d));
  for (const d of large ? [100, 1000, 5000, 10_000, 50_000, 100_000, 250_000] : [100, 1000, 3000, 10_000]) {
    for (const arr of [true, false]) {
      const n = nestText(d, arr);
      add("deep", encText(n), `top-level depth ${d} ${arr ? "array" : "object"}`);
      const st = baseState(mm1);
      const placements: [string, (t: string) => string][] = [
        ["scenario.toString", (t) => rawJson(st).replace('"scenario":{', `"scenario":{"toString":${t},`)],
        ["scenario.constructor", (t) => rawJson(st).replace('"scenario":{', `"scenario":{"constructor":${t},`)],
        ["scenario.nodes[1].hasOwnProperty", (t) => rawJson(st).replace('"id":"consumer",', `"id":"consumer","hasOwnProperty":${t},`)],
        ["view.tables", (t) => rawJson(st).replace('"tables":false', `"tables":${t}`)],
        ["edits.params value", (t) => rawJson(st).replace('"params":{}', `"params":{"consumer.workers":${t}}`)],
        ["title", (t) => rawJson(st).replace(/"title":"[^"]*",/, `"title":${t},`)],
        ["edits.faults[0].valueOf", (t) => rawJson(st).replace('"faults":[]}', `"faults":[{"kind":"crash","atMs":1,"target":"consumer","valueOf":${t}}]}`)],
        ["scenario.stop", (t) => rawJson(st).replace(/"stop":\{[^}]*\}/, `"stop":${t}`)],
      ];
      for (const [where, fn] of placements) if (d <= 100_000 || where === "scenario.toString") add("deep", encText(fn(n)), `depth ${d} ${arr ? "array" : "object"} at ${where}`);
    }
  }
  // 8. prototype keys everywhere
  const protoKeys = ["__proto__", "constructor", "prototype", "toString", "valueOf", "hasOwnProperty", "__defineGetter__", "isPrototypeOf", "toJSON", "then"];
  const protoVals: unknown[] = [1, "x", null, {}, { polluted: 1 }, { toString: 1 }, { __proto__: { polluted: 1 } }, [], { prototype: { polluted: 1 } }, { "dangerouslySetInnerHTML": { "__html": "<img src=x onerror=alert(1)>" } }];
  for (let i = 0; i < Math.round(800 * scale); i++) {
    const st = baseState(mm1);
    const key = pick(protoKeys);
    const val = clone(pick(protoVals));
    const where = ri(9);
    let text: string;
    const kv = `${JSON.stringify(key)}:${JSON.stringify(val)}`;
    if (where === 0) text = rawJson(st).replace(/^\{/, `{${kv},`);
    else if (where === 1) text = rawJson(st).replace('"scenario":{', `"scenario":{${kv},`);
    else if (where === 2) text = rawJson(st).replace('"id":"consumer",', `"id":"consumer",${kv},`);
    else if (where === 3) text = rawJson(st).replace('{"from":"producer"', `{${kv},"from":"producer"`);
    else if (where === 4) text = rawJson(st).replace('"serviceMs":{', `"serviceMs":{${kv},`);
    else if (where === 5) text = rawJson(st).replace('"stop":{', `"stop":{${kv},`);
    else if (where === 6) text = rawJson(st).replace('"view":{', `"view":{${kv},`);
    else if (where === 7) text = rawJson(st).replace('"faults":[]}', `"faults":[{${kv},"kind":"latency","atMs":1000,"addMs":5,"target":"consumer"}]}`);
    else {
      // parameter paths through prototype segments
      const seg = pick(["__proto__", "constructor", "prototype", "constructor.prototype", "serviceMs.__proto__", "__proto__.__proto__", "toString", "hasOwnProperty"]);
      const leaf = pick(["polluted", "workers", "dangerouslySetInnerHTML.__html", "toString", "hasOwnProperty", "valueOf", "then", "length", "innerHTML", "src"]);
      const value = pick<unknown>([1, 0, -1, "yes", "<img src=x onerror=alert(1)>", "javascript:alert(1)", 1e308]);
      st.edits.params = { [`consumer.${seg}.${leaf}`]: value };
      text = rawJson(st);
    }
    add("proto", encText(text), `${key} at #${where}`);
  }
  // 9. numbers: NaN/Infinity/1e308/negative/-0/denormals everywhere numeric
  const numTexts = ["1e999", "-1e999", "1e308", "-1e308", "-0", "5e-324", "-5e-324", "9007199254740993", "-1", "0", "0.5", "1.5", "4294967296", "-2147483649", "1e-7", "123456789012345678901234567890", "NaN", "Infinity", "null", '"5"', "true", "[]", "{}"];
  const numPaths: ((st: any, v: string) => void)[] = [
    (st, v) => (st.timeMs = N(v)), (st, v) => (st.seed = N(v)), (st, v) => (st.view.speed = N(v)),
    (st, v) => (st.scenario.seed = N(v)), (st, v) => (st.scenario.warmupMs = N(v)), (st, v) => (st.scenario.stop = { requests: N(v) }),
    (st, v) => (st.scenario.stop = { durationMs: N(v) }), (st, v) => (st.scenario.nodes[0].ratePerSec = N(v)), (st, v) => (st.scenario.nodes[1].workers = N(v)),
    (st, v) => (st.scenario.nodes[1].queueCapacity = N(v)), (st, v) => (st.scenario.nodes[1].serviceMs.meanMs = N(v)), (st, v) => (st.scenario.edges[0].weight = N(v)),
    (st, v) => (st.edits.params = { "consumer.workers": N(v) }), (st, v) => (st.edits.params = { "producer.ratePerSec": N(v) }), (st, v) => (st.edits.params = { "consumer.serviceMs.meanMs": N(v) }),
    (st, v) => (st.edits.faults = [{ id: "f", origin: "learner", kind: "latency", target: "consumer", atMs: N(v), addMs: 10 }]),
    (st, v) => (st.edits.faults = [{ id: "f", origin: "learner", kind: "latency", target: "consumer", atMs: 0, addMs: N(v) }]),
    (st, v) => (st.edits.faults = [{ id: "f", origin: "learner", kind: "errors", target: "consumer", atMs: 0, durationMs: N(v), rate: 0.5 }]),
    (st, v) => (st.edits.faults = [{ id: "f", origin: "learner", kind: "errors", target: "consumer", atMs: 0, rate: N(v) }]),
    (st, v) => (st.scenario.nodes[0].keys = { count: N(v), zipfExponent: 1 }), (st, v) => (st.scenario.nodes[0].clients = N(v)),
  ];
  for (let i = 0; i < Math.round(1500 * scale); i++) {
    const st = baseState(mm1);
    const n = 1 + ri(3);
    const notes: string[] = [];
    for (let j = 0; j < n; j++) { const p = ri(numPaths.length); const v = pick(numTexts); numPaths[p](st, v); notes.push(`${p}=${v}`); }
    add("numbers", encText(rawJson(st), pick([1, 2, 2, 2]) === 1 ? 1 : 2), notes.join(" "));
  }
  // 10. enormous stop / durations / catch-up
  for (let i = 0; i < Math.round(200 * scale); i++) {
    const st = baseState(mm1);
    st.scenario.stop = pick([{ requests: 1e8 }, { durationMs: 1e9 }, { requests: 99_999_999 }, { durationMs: 999_999_999 }]);
    st.scenario.warmupMs = pick([0, 0, 1e8, 999_999_998]);
    if ("durationMs" in st.scenario.stop && st.scenario.warmupMs >= st.scenario.stop.durationMs) st.scenario.warmupMs = 0;
    st.scenario.nodes[0].ratePerSec = pick([80, 1000, 1e5, 1e6]);
    st.timeMs = pick([0, 1e6, 1e9, 5e8]);
    st.scenario.nodes[1].queueCapacity = pick([null, null, 100]);
    st.scenario.nodes[1].serviceMs = pick([{ dist: "exponential", meanMs: 10 }, { dist: "constant", ms: 1e6 }, { dist: "constant", ms: 0 }]);
    add("enormous", enc(st), `stop ${JSON.stringify(st.scenario.stop)} rate ${st.scenario.nodes[0].ratePerSec} timeMs ${st.timeMs}`);
  }
  // 11. big graphs
  function bigGraph(nNodes: number, nEdges: number, extra: (st: any) => void = () => {}) {
    const st = baseState(mm1);
    const nodes: any[] = [{ id: "users", kind: "source", ratePerSec: 100 }, { id: "lb", kind: "load-balancer", strategy: "round-robin" }];
    const edges: any[] = [{ from: "users", to: "lb" }];
    for (let i = 0; nodes.length < nNodes; i++) nodes.push({ id: `s-${i}`, kind: "server", workers: 1, serviceMs: { dist: "exponential", meanMs: 10 } });
    for (let i = 2; i < nodes.length && edges.length < Math.min(nEdges, 257); i++) edges.push({ from: "lb", to: nodes[i].id });
    for (let i = 2; edges.length < nEdges; i++) { const a = 2 + ri(nodes.length - 2); const b = 2 + ri(nodes.length - 2); if (a !== b && !edges.some((e) => e.from === nodes[a].id && e.to === nodes[b].id)) edges.push({ from: nodes[a].id, to: nodes[b].id }); if (i > nEdges * 20) break; }
    st.scenario = { version: 1, title: "big", seed: 1, stop: { durationMs: 60000 }, nodes, edges };
    st.edits = { params: {}, faults: [] };
    extra(st);
    return st;
  }
  for (const [n, e] of [[500, 257], [500, 499], [500, 2000], [500, 5000], [501, 100], [100, 5001]] as const) add("big-graph", enc(bigGraph(n, e)), `${n} nodes ${e} edges`);
  for (let k = 0; k < (large ? 10 : 1); k++) add("big-graph", enc(bigGraph(500, 5000, (st) => { st.edits.params = Object.fromEntries(Array.from({ length: 200 }, (_, i) => [`s-${i}.workers`, -5])); })), "500 nodes, 5000 edges, 200 invalid params (settleEdits worst case)");
  for (let k = 0; k < (large ? 5 : 1); k++) add("big-graph", enc(bigGraph(500, 5000, (st) => { st.edits.faults = Array.from({ length: 1000 }, (_, i) => ({ id: `f${i}`, origin: "learner", kind: "crash", atMs: i, target: `s-${i % 400}` })); st.edits.params = Object.fromEntries(Array.from({ length: 200 }, (_, i) => [`s-${i}.bogus${i}`, 1])); })), "500/5000 + 1000 faults + 200 unknown-field params");
  for (let k = 0; k < (large ? 5 : 1); k++) add("big-graph", enc(bigGraph(500, 257, (st) => { st.edits.faults = Array.from({ length: 2000 }, (_, i) => ({ id: `f${i}`, origin: "learner", kind: pick(["crash", "latency", "errors", "partition"]), atMs: i, target: `s-${i % 400}`, addMs: 5, rate: 0.1 })); })), "2,000 faults (half invalid)");
  { // consistent-hash ring of 256 targets x 10,000 virtual nodes, several balancers
    for (const lbs of large ? [1, 4, 16] : [16]) {
      const nodes: any[] = [{ id: "users", kind: "source", ratePerSec: 10, keys: { count: 1000 } }];
      const edges: any[] = [];
      for (let b = 0; b < lbs; b++) nodes.push({ id: `lb-${b}`, kind: "load-balancer", strategy: "consistent-hash", virtualNodes: 10000 });
      nodes.push({ id: "front", kind: "load-balancer", strategy: "round-robin" });
      edges.push({ from: "users", to: "front" });
      for (let b = 0; b < lbs; b++) edges.push({ from: "front", to: `lb-${b}` });
      for (let t = 0; t < 256; t++) nodes.push({ id: `t-${t}`, kind: "server", workers: 1, serviceMs: { dist: "constant", ms: 1 } });
      for (let b = 0; b < lbs; b++) for (let t = 0; t < 256; t++) edges.push({ from: `lb-${b}`, to: `t-${t}` });
      const st = baseState(mm1);
      st.scenario = { version: 1, title: "ring", seed: 1, stop: { durationMs: 1000 }, nodes, edges };
      st.edits = { params: {}, faults: [] };
      add("big-graph", enc(st), `${lbs} consistent-hash balancers x 256 targets x 10,000 vnodes`);
    }
    for (const srcs of large ? [1, 10, 100, 240] : [1, 240]) {
      const nodes: any[] = [{ id: "api", kind: "server", workers: 1, serviceMs: { dist: "constant", ms: 1 } }];
      const edges: any[] = [];
      for (let i = 0; i < srcs; i++) { nodes.push({ id: `u-${i}`, kind: "source", ratePerSec: 1, keys: { count: 10_000_000, zipfExponent: 1.1 } }); edges.push({ from: `u-${i}`, to: "api" }); }
      const st = baseState(mm1);
      st.scenario = { version: 1, title: "zipf", seed: 1, stop: { durationMs: 1000 }, nodes, edges };
      st.edits = { params: {}, faults: [] };
      add("big-graph", enc(st), `${srcs} sources with keys.count 1e7, zipf 1.1`);
    }
  }
  // 12. cycles
  const forwarders = () => pick([
    { kind: "server", workers: 1 + ri(4), serviceMs: pick([{ dist: "constant", ms: 0 }, { dist: "exponential", meanMs: 5 }, { dist: "constant", ms: 1 }]) },
    { kind: "load-balancer", strategy: pick(["round-robin", "random", "least-connections"]) },
    { kind: "server", workers: 1, serviceMs: { dist: "constant", ms: 0 } },
  ]);
  for (let i = 0; i < Math.round(200 * scale); i++) {
    const n = 2 + ri(5);
    const nodes: any[] = [{ id: "users", kind: "source", ratePerSec: pick([1, 10, 100]) }];
    for (let j = 0; j < n; j++) nodes.push({ id: `n-${j}`, ...forwarders() });
    const edges: any[] = [{ from: "users", to: "n-0" }];
    for (let j = 0; j < n; j++) edges.push({ from: `n-${j}`, to: `n-${(j + 1) % n}` });
    const st = baseState(mm1);
    st.scenario = { version: 1, title: `cycle ${n}`, seed: 1, stop: pick([{ durationMs: 10000 }, { requests: 100 }]), nodes, edges };
    st.edits = { params: {}, faults: [] };
    add("cycle", enc(st), `ring of ${n}`);
  }
  // 13. strings: unicode, RTL, HTML, script
  const evil = ["<script>window.__pwned=1</script>", "<img src=x onerror=window.__pwned=1>", "javascript:window.__pwned=1", "\u202eRTL override\u202c", "\u0000nul\u0001", "\ud800 lone surrogate", "𝕱𝖆𝖚𝖑𝖙", "a".repeat(201), "a".repeat(5000), "</title><script>alert(1)</script>", "{{constructor.constructor('alert(1)')()}}", "${alert(1)}", " ", "\n\t", "%3Cscript%3E", "&lt;b&gt;", "\u200b\u200d\ufeff", "Ω≈ç√∫˜µ≤≥÷", "😀".repeat(150)];
  const strPaths: ((st: any, v: string) => void)[] = [
    (st, v) => (st.title = v), (st, v) => (st.scenario.title = v), (st, v) => (st.scenario.description = v), (st, v) => (st.scenarioId = v),
    (st, v) => (st.scenario.nodes[1].id = v), (st, v) => (st.scenario.edges[0].id = v), (st, v) => (st.expose = [v, `consumer.${v}`]),
    (st, v) => (st.edits.faults = [{ id: v, origin: "learner", kind: "crash", target: "consumer", atMs: 5 }]),
    (st, v) => (st.edits.params = { "producer.arrival": v }), (st, v) => (st.edits.params = { [`consumer.${v}`]: 1 }), (st, v) => (st.view.panel = v),
    (st, v) => (st.scenario.$schema = v), (st, v) => (st.edits.faults = [{ id: "x", origin: "learner", kind: "partition", target: v, atMs: 5 }]),
  ];
  for (let i = 0; i < Math.round(1000 * scale); i++) {
    const st = baseState(mm1);
    const p = ri(strPaths.length);
    const v = pick(evil);
    strPaths[p](st, v);
    add("strings", enc(st, ri(5) === 0 ? 1 : 2), `path ${p} = ${JSON.stringify(v.slice(0, 40))}`);
  }
  // 14. structural / type confusion
  const structural: ((st: any) => void)[] = [
    (st) => (st.scenario = []), (st) => (st.scenario.nodes = {}), (st) => (st.scenario.nodes = [null]), (st) => (st.scenario.edges = null),
    (st) => (st.edits = []), (st) => (st.edits.params = []), (st) => (st.edits.params = null), (st) => (st.edits.faults = {}), (st) => (st.edits.faults = [1, "x", null, []]),
    (st) => (st.view = []), (st) => (st.expose = "consumer.workers"), (st) => (st.expose = [1, null, {}]), (st) => (st.scenario.version = 2), (st) => (st.scenario.version = "1"),
    (st) => (st.scenario.faults = [{ kind: "crash", atMs: 0, target: "consumer" }]), (st) => (st.edits.faults = [{ kind: "partition", atMs: 0, target: "producer->consumer", id: "p" }]),
    (st) => (st.scenario.nodes[1].kind = "__proto__"), (st) => (st.scenario.nodes[1].kind = "constructor"), (st) => (st.scenario.nodes[1].kind = "toString"),
    (st) => (st.edits.params = { "consumer": 5 }), (st) => (st.edits.params = { ".workers": 5 }), (st) => (st.edits.params = { "consumer.": 5 }), (st) => (st.edits.params = { "consumer..workers": 5 }),
    (st) => (st.edits.params = { "consumer.serviceMs": 5 }), (st) => (st.edits.params = { "consumer.serviceMs.dist": "constant" }), (st) => (st.edits.params = { "consumer.serviceMs.dist": "constant", "consumer.serviceMs.ms": 0 }),
    (st) => (st.edits.faults = Array.from({ length: 5 }, () => ({ id: "dup", origin: "learner", kind: "crash", target: "consumer", atMs: 1 }))),
    (st) => (st.edits.faults = [{ id: "x", origin: "preset", kind: "crash", target: "consumer", atMs: 1, durationMs: null }]),
  ];
  for (let i = 0; i < Math.round(500 * scale); i++) {
    const st = baseState(mm1);
    const k = 1 + ri(2);
    for (let j = 0; j < k; j++) { try { pick(structural)(st); } catch { /* earlier mutation removed the path */ } }
    add("structural", enc(st, ri(4) === 0 ? 1 : 2));
  }
  // version prefix games on a valid link
  for (const v of ["0", "3", "02", "002", "+2", "2 ", " 2", "２", "2e0", "0x2", "999999", "1000000", "", "-1"]) add("structural", `${v}${validLinks[0].slice(validLinks[0].indexOf("."))}`, `version "${v}"`);
  add("structural", validLinks[0].replace(".", ".."), "double dot");
  add("structural", "#" + validLinks[0], "leading #");
  add("structural", "##" + validLinks[0], "double #");
  add("structural", validLinks[0] + "=", "padding");
  add("structural", validLinks[0] + "%3D", "percent-encoded padding");
  // sanity: every valid preset link
  for (const l of validLinks) add("valid", l);

  return cases;
}
