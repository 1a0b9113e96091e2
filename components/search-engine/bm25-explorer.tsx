"use client";
/**
 * <Bm25Explorer>: the learner edits a few short documents and a query, switches the analyzer's
 * filters, moves k1 and b, and splits the documents over shards. The widget shows each document's
 * tokens, the postings of the query terms, and every matching document's BM25 score as a sum of
 * term contributions. Logic in lib/search-engine/; native inputs only, no animation.
 */
import { useId, useMemo, useState } from "react";
import { analyze, type AnalyzerOptions } from "@/lib/search-engine/analyzer";
import { DEFAULT_BM25, SAMPLE_DOCS, SAMPLE_QUERY, search, type TermStats } from "@/lib/search-engine/bm25";
import { seriesColors } from "@/components/mechanisms/palette";
import { GeoFrame, RangeField, Toggle } from "@/components/geo/widget-parts";

export interface Bm25ExplorerProps {
  /** k1 shown first (1.2). */
  k1?: number;
  /** b shown first (0.75). */
  b?: number;
  /** Shards shown first, 1–3 (1). */
  shards?: number;
  /** The query shown first. */
  query?: string;
}

export const MAX_DOCS = 10;

/** The documents typed one per line, or why they cannot be indexed. */
export function parseDocs(text: string): { docs: string[]; error: string | null } {
  const docs = text.split("\n").map((l) => l.trim()).filter((l) => l.length > 0);
  if (docs.length === 0) return { docs, error: "Type at least one document (one per line)." };
  if (docs.length > MAX_DOCS) return { docs, error: `At most ${MAX_DOCS} documents, one per line (got ${docs.length}).` };
  return { docs, error: null };
}

const fmt = (x: number) => x.toFixed(3);

export function Bm25Explorer({ k1: k10 = DEFAULT_BM25.k1, b: b0 = DEFAULT_BM25.b, shards: s0 = 1, query: q0 = SAMPLE_QUERY }: Bm25ExplorerProps) {
  const [text, setText] = useState(() => SAMPLE_DOCS.join("\n"));
  const [query, setQuery] = useState(q0);
  const [analyzer, setAnalyzer] = useState<AnalyzerOptions>({ lowercase: true, stopWords: true, stemming: true });
  const [k1, setK1] = useState(k10);
  const [b, setB] = useState(b0);
  const [shards, setShards] = useState(s0);
  const [stats, setStats] = useState<TermStats>("shard");
  const areaId = useId();
  const queryId = useId();
  const shardsId = useId();

  const parsed = useMemo(() => parseDocs(text), [text]);
  const result = useMemo(() => (parsed.error ? null : search(parsed.docs, query, { params: { k1, b }, analyzer, shards, stats })), [parsed, query, k1, b, analyzer, shards, stats]);
  const termColor = (term: string) => seriesColors[Math.max(0, result?.queryTerms.indexOf(term) ?? 0) % seriesColors.length];
  const queryTokens = analyze(query, analyzer).map((t) => t.term);

  let summary: string;
  if (parsed.error || !result) summary = `The documents cannot be indexed: ${parsed.error}`;
  else if (result.queryTerms.length === 0) summary = "The query has no terms left after analysis, so nothing matches.";
  else if (result.hits.length === 0) summary = `No document holds any of ${result.queryTerms.map((t) => `"${t}"`).join(", ")}.`;
  else {
    const top = result.hits[0];
    summary =
      `${result.hits.length} of ${parsed.docs.length} documents match. Document ${top.doc + 1} ranks first with ${fmt(top.score)}: ` +
      top.contributions.map((c) => `"${c.term}" ${fmt(c.score)}`).join(", ") +
      `. k1 ${k1.toFixed(1)}, b ${b.toFixed(2)}` +
      (shards > 1 ? `, ${shards} shards scoring with ${stats === "shard" ? "their own statistics" : "gathered statistics"}.` : ".");
  }
  const maxScore = result?.hits[0]?.score ?? 1;
  const setFilter = (k: keyof AnalyzerOptions) => (v: boolean) => setAnalyzer((a) => ({ ...a, [k]: v }));

  return (
    <GeoFrame title="BM25: from text to tokens, postings and scores" testId="bm25-explorer">
      <div className="flex flex-col gap-1 text-sm">
        <label htmlFor={areaId}>Documents, one per line (up to {MAX_DOCS})</label>
        <textarea
          id={areaId}
          rows={6}
          spellCheck={false}
          className="w-full rounded-md border border-line bg-surface p-2 font-mono text-xs aria-[invalid=true]:border-accent"
          value={text}
          aria-invalid={parsed.error ? true : undefined}
          aria-describedby={parsed.error ? `${areaId}-error` : undefined}
          onChange={(e) => setText(e.target.value)}
          data-testid="bm25-docs"
        />
        {parsed.error ? (
          <span id={`${areaId}-error`} className="text-xs text-accent" data-testid="bm25-error">
            {parsed.error}
          </span>
        ) : null}
      </div>
      <div className="mt-2 flex flex-col gap-1 text-sm">
        <label htmlFor={queryId}>Query</label>
        <input id={queryId} type="text" spellCheck={false} className="h-9 w-full rounded-md border border-line bg-surface px-2 font-mono text-sm" value={query} onChange={(e) => setQuery(e.target.value)} data-testid="bm25-query" />
        <span className="text-xs text-muted" data-testid="bm25-query-tokens">
          Query terms after the analyzer: {queryTokens.length ? queryTokens.map((t) => `[${t}]`).join(" ") : "none"}
        </span>
      </div>
      <fieldset className="mt-3 flex flex-wrap gap-x-4 gap-y-1">
        <legend className="mb-1 text-sm font-semibold">Analyzer (applied to documents and query alike)</legend>
        <Toggle label="lowercase" checked={analyzer.lowercase} onChange={setFilter("lowercase")} testId="bm25-lowercase" />
        <Toggle label="English stop words" checked={analyzer.stopWords} onChange={setFilter("stopWords")} testId="bm25-stop" />
        <Toggle label="plural stemming" checked={analyzer.stemming} onChange={setFilter("stemming")} testId="bm25-stem" />
      </fieldset>
      <div className="mt-3 flex flex-wrap items-end gap-x-4 gap-y-2">
        <RangeField label="k1 (tf saturation)" value={k1} min={0} max={3} step={0.1} onChange={setK1} format={(v) => v.toFixed(1)} testId="bm25-k1" />
        <RangeField label="b (length normalisation)" value={b} min={0} max={1} step={0.05} onChange={setB} format={(v) => v.toFixed(2)} testId="bm25-b" />
        <div className="flex flex-col gap-1 text-sm">
          <label htmlFor={shardsId}>Shards</label>
          <select id={shardsId} className="h-9 rounded-md border border-line bg-surface px-2" value={shards} onChange={(e) => setShards(Number(e.target.value))} data-testid="bm25-shards">
            <option value={1}>1</option>
            <option value={2}>2</option>
            <option value={3}>3</option>
          </select>
        </div>
        {shards > 1 ? (
          <fieldset className="flex flex-col gap-1 text-sm">
            <legend className="mb-1">Term statistics</legend>
            <label className="inline-flex items-center gap-2">
              <input type="radio" name={`${shardsId}-stats`} value="shard" checked={stats === "shard"} onChange={() => setStats("shard")} className="accent-[var(--fl-accent)]" data-testid="bm25-stats-shard" />
              per shard (query_then_fetch)
            </label>
            <label className="inline-flex items-center gap-2">
              <input type="radio" name={`${shardsId}-stats`} value="global" checked={stats === "global"} onChange={() => setStats("global")} className="accent-[var(--fl-accent)]" data-testid="bm25-stats-global" />
              gathered first (dfs_query_then_fetch)
            </label>
          </fieldset>
        ) : null}
      </div>

      {result ? (
        <>
          <h3 className="mt-4 text-sm font-semibold">Ranking</h3>
          <div className="overflow-x-auto">
            <table className="w-full text-left text-xs" data-testid="bm25-ranking">
              <thead>
                <tr className="border-b border-line">
                  <th scope="col" className="pr-2">#</th>
                  <th scope="col" className="pr-2">doc</th>
                  {shards > 1 ? <th scope="col" className="pr-2">shard</th> : null}
                  <th scope="col" className="hidden pr-2 sm:table-cell">length</th>
                  <th scope="col" className="pr-2 text-right">score</th>
                  <th scope="col">term contributions (idf × tf part)</th>
                </tr>
              </thead>
              <tbody>
                {result.hits.map((h, i) => (
                  <tr key={h.doc} className="border-b border-line/60 align-top" data-testid="bm25-hit">
                    <td className="py-1 pr-2 font-mono">{i + 1}</td>
                    <td className="py-1 pr-2 font-mono">{h.doc + 1}</td>
                    {shards > 1 ? <td className="py-1 pr-2 font-mono">{h.shard}</td> : null}
                    <td className="hidden py-1 pr-2 font-mono sm:table-cell">{h.length}</td>
                    <td className="py-1 pr-2 text-right font-mono font-semibold">{fmt(h.score)}</td>
                    <td className="py-1">
                      <div className="flex h-2.5 w-full max-w-[14rem] overflow-hidden rounded-sm bg-sunken" aria-hidden="true">
                        {h.contributions.map((c) => (
                          <span key={c.term} style={{ width: `${Math.round((c.score / maxScore) * 1000) / 10}%`, backgroundColor: termColor(c.term) }} />
                        ))}
                      </div>
                      <div className="mt-0.5 font-mono">
                        {h.contributions.map((c) => (
                          <span key={c.term} className="mr-2 block sm:inline-block">
                            {c.term}: {c.idf.toFixed(2)} × {c.tfPart.toFixed(2)} = {fmt(c.score)}
                          </span>
                        ))}
                      </div>
                    </td>
                  </tr>
                ))}
              </tbody>
            </table>
          </div>

          <h3 className="mt-4 text-sm font-semibold">Postings of the query terms</h3>
          <div className="overflow-x-auto">
            <table className="w-full text-left text-xs" data-testid="bm25-postings">
              <thead>
                <tr className="border-b border-line">
                  <th scope="col" className="pr-2">term</th>
                  <th scope="col" className="pr-2">df</th>
                  <th scope="col">postings: doc (tf) @ positions</th>
                </tr>
              </thead>
              <tbody className="font-mono">
                {result.queryTerms.map((t) => {
                  const list = result.index.postings.get(t) ?? [];
                  return (
                    <tr key={t} className="border-b border-line/60">
                      <th scope="row" className="py-0.5 pr-2 font-normal">
                        <span className="mr-1 inline-block size-2.5 rounded-sm" style={{ backgroundColor: termColor(t) }} aria-hidden="true" />
                        {t}
                      </th>
                      <td className="py-0.5 pr-2">{list.length}</td>
                      <td className="py-0.5">{list.length ? list.map((p) => `${p.doc + 1} (${p.tf}) @${p.positions.join(",")}`).join(" → ") : "(not in the index)"}</td>
                    </tr>
                  );
                })}
              </tbody>
            </table>
          </div>

          <details className="mt-3 text-xs">
            <summary className="cursor-pointer text-sm text-muted">Show every document&apos;s tokens</summary>
            <table className="mt-1 w-full text-left text-xs" data-testid="bm25-tokens">
              <thead>
                <tr className="border-b border-line">
                  <th scope="col" className="pr-2">doc</th>
                  <th scope="col" className="pr-2">length</th>
                  <th scope="col">tokens</th>
                </tr>
              </thead>
              <tbody>
                {result.index.docs.map((d) => {
                  const toks = result.index.tokens.get(d)!;
                  return (
                    <tr key={d} className="border-b border-line/60 align-top">
                      <td className="py-0.5 pr-2 font-mono">{d + 1}</td>
                      <td className="py-0.5 pr-2 font-mono">{toks.length}</td>
                      <td className="py-0.5 font-mono">{toks.map((t) => t.term).join(" · ")}</td>
                    </tr>
                  );
                })}
              </tbody>
            </table>
            <p className="mt-1 text-muted">Average length (avgdl): {result.index.avgLength.toFixed(2)} tokens over {result.index.docCount} documents.</p>
          </details>
        </>
      ) : null}
      <p className="mt-3 text-sm" aria-live="polite" data-testid="bm25-summary">
        {summary}
      </p>
      <p className="mt-1 text-xs text-muted">
        Score per term: idf × tf·(k1 + 1) / (tf + k1·(1 − b + b·length/avgdl)), idf = ln(1 + (N − df + 0.5)/(df + 0.5)), as Elasticsearch computes it. Each distinct query term counts once; document i goes to shard (i − 1) mod shards.
      </p>
    </GeoFrame>
  );
}
