"use client";
/**
 * `/teach/grade`: paste or upload submitted links, grade them one after another (each replay in a
 * Web Worker, so the tab stays responsive), and download the table as CSV or JSON. The rules are
 * lib/assignments/grade.ts, the same as `npm run grade`.
 */
import { useRef, useState } from "react";
import { decodeAssignment, splitAssignmentLink, type Assignment } from "@/lib/assignments/assignment";
import { ENGINE_VERSION } from "@/lib/assignments/engine-version";
import { gradeSubmission, summarise, type GradeRow } from "@/lib/assignments/grade";
import { gradeCsv, gradeJson, MAX_LIST_CHARS, parseSubmissionList } from "@/lib/assignments/submission-list";
import { formatMetric } from "@/lib/lab/metrics";
import { download } from "@/components/share/use-lab-link";

type Run = { state: "idle" } | { state: "running"; done: number; total: number } | { state: "done" } | { state: "stopped" };

function readExpected(text: string): { ok: true; value: Assignment | undefined } | { ok: false; error: string } {
  if (!text.trim()) return { ok: true, value: undefined };
  const parts = splitAssignmentLink(text);
  if (!parts.ok) return parts;
  if (!parts.value.assignment) return { ok: false, error: "That link carries no assignment." };
  const decoded = decodeAssignment(parts.value.assignment);
  return decoded.ok ? { ok: true, value: decoded.value } : decoded;
}

export function GradeBoard({ presetHashes }: { presetHashes: Record<string, string> }) {
  const [text, setText] = useState("");
  const [assignmentText, setAssignmentText] = useState("");
  const [rows, setRows] = useState<GradeRow[]>([]);
  const [run, setRun] = useState<Run>({ state: "idle" });
  const [problem, setProblem] = useState<string | null>(null);
  const stop = useRef(false);

  const onFile = async (file: File | undefined) => {
    if (!file) return;
    if (file.size > MAX_LIST_CHARS) {
      setProblem(`${file.name} is too large (${Math.round(file.size / 1e6)} MB; the limit is ${MAX_LIST_CHARS / 1e6} MB). Nothing was loaded.`);
      return;
    }
    setText(await file.text());
    setProblem(null);
  };

  const grade = async () => {
    const list = parseSubmissionList(text);
    if (!list.ok) return setProblem(list.error);
    const expected = readExpected(assignmentText);
    if (!expected.ok) return setProblem(`Your assignment link: ${expected.error}`);
    setProblem(null);
    stop.current = false;
    const { runInWorker } = await import("@/lib/lab/headless-client");
    const graded: GradeRow[] = [];
    setRows([]);
    setRun({ state: "running", done: 0, total: list.submissions.length });
    for (const submission of list.submissions) {
      if (stop.current) return setRun({ state: "stopped" });
      graded.push(await gradeSubmission(submission, runInWorker, { presetHashes, expected: expected.value }));
      setRows([...graded]);
      setRun({ state: "running", done: graded.length, total: list.submissions.length });
    }
    setRun({ state: "done" });
  };

  const totals = summarise(rows);
  const running = run.state === "running";
  const field = "mt-1 block w-full rounded-md border border-line bg-surface px-2 py-1.5 text-sm";

  return (
    <div className="mt-6 grid gap-4" data-testid="grade-board">
      <label className="text-sm font-medium">
        Submitted links (one per line, &ldquo;name link&rdquo;, or CSV with a &ldquo;link&rdquo; column)
        <textarea rows={6} className={`${field} font-mono text-xs`} value={text} onChange={(e) => setText(e.target.value)} data-testid="grade-input" spellCheck={false} />
      </label>
      <div className="flex flex-wrap items-end gap-4">
        <label className="text-sm">
          Or upload a file (.csv, .txt)
          <input type="file" accept=".csv,.txt,text/csv,text/plain" className="mt-1 block text-sm" onChange={(e) => void onFile(e.target.files?.[0])} data-testid="grade-file" />
        </label>
      </div>
      <label className="text-sm">
        Your assignment link (optional: grade against your goals and flag links whose assignment was changed)
        <input className={`${field} font-mono text-xs`} value={assignmentText} onChange={(e) => setAssignmentText(e.target.value)} data-testid="grade-assignment" spellCheck={false} />
      </label>
      <div className="flex flex-wrap items-center gap-2">
        <button type="button" className="h-9 rounded-lg bg-accent px-3 text-sm font-medium text-on-accent hover:bg-accent-strong disabled:opacity-60" onClick={() => void grade()} disabled={running || !text.trim()} data-testid="grade-run">
          {running ? "Grading…" : "Grade"}
        </button>
        {running && (
          <button type="button" className="h-9 rounded-lg border border-line px-3 text-sm hover:bg-sunken" onClick={() => (stop.current = true)}>
            Stop
          </button>
        )}
        {rows.length > 0 && !running && (
          <>
            <button type="button" className="h-9 rounded-lg border border-line px-3 text-sm hover:bg-sunken" onClick={() => download("grades.csv", gradeCsv(rows), "text/csv")} data-testid="grade-csv">
              Download CSV
            </button>
            <button type="button" className="h-9 rounded-lg border border-line px-3 text-sm hover:bg-sunken" onClick={() => download("grades.json", gradeJson(rows, ENGINE_VERSION), "application/json")}>
              Download JSON
            </button>
          </>
        )}
      </div>
      {problem && (
        <p role="alert" className="rounded-md bg-warn-soft px-3 py-2 text-sm" data-testid="grade-problem">
          {problem}
        </p>
      )}
      <p role="status" aria-live="polite" className="text-sm" data-testid="grade-status" data-state={run.state}>
        {run.state === "running" && `Replaying ${run.done + 1} of ${run.total}…`}
        {(run.state === "done" || run.state === "stopped") &&
          `${run.state === "stopped" ? "Stopped. " : ""}${totals.total} graded: ${totals.passed} pass, ${totals.failed} fail, ${totals.errors} could not be graded, ${totals.flagged} flagged.`}
      </p>
      {rows.length > 0 && (
        <div className="overflow-x-auto rounded-xl border border-line">
          <table className="w-full min-w-[36rem] text-left text-sm" data-testid="grade-table">
            <caption className="sr-only">Grades by learner</caption>
            <thead className="bg-sunken">
              <tr>
                <th scope="col" className="px-3 py-2">Learner</th>
                <th scope="col" className="px-3 py-2">Result</th>
                <th scope="col" className="px-3 py-2">Goals met</th>
                <th scope="col" className="px-3 py-2">Details</th>
              </tr>
            </thead>
            <tbody>
              {rows.map((r, i) => (
                <tr key={i} className="border-t border-line align-top" data-testid="grade-row" data-status={r.status} data-flagged={r.flags.length > 0 ? "true" : "false"}>
                  <th scope="row" className="px-3 py-2 font-medium">{r.learner}</th>
                  <td className="px-3 py-2">
                    <span className={r.status === "pass" ? "font-semibold text-ok" : r.status === "fail" ? "font-semibold" : "font-semibold text-muted"}>{r.status === "pass" ? "✓ pass" : r.status === "fail" ? "✗ fail" : "error"}</span>
                    {r.flags.length > 0 && <span className="ml-2 rounded bg-warn-soft px-1.5 py-0.5 text-xs">⚑ flagged</span>}
                  </td>
                  <td className="px-3 py-2 tabular-nums">{r.status === "error" ? "–" : `${r.goalsMet} of ${r.goalsTotal}`}</td>
                  <td className="px-3 py-2">
                    {r.error && <p>{r.error}</p>}
                    <ul className="space-y-0.5">
                      {r.goals.map((g, j) => (
                        <li key={j}>
                          <span aria-hidden>{g.passed ? "✓ " : "✗ "}</span>
                          <span className="sr-only">{g.passed ? "Met: " : "Not met: "}</span>
                          {g.requirement}: {g.measured === null ? "not reported" : formatMetric(g.metric, g.measured)}
                        </li>
                      ))}
                      {r.flags.map((f, j) => <li key={`f${j}`}>⚑ {f}</li>)}
                    </ul>
                    <p className="mt-1 font-mono text-xs text-muted">link {r.linkHash}</p>
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      )}
    </div>
  );
}
