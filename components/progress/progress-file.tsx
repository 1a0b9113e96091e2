"use client";
/**
 * Export and import of reading progress as a file (lib/progress/progress.ts): for learners whose
 * browser storage is partitioned (labs embedded on a course site) or who move to another computer.
 * Importing adds to what is here (it never removes progress) and refuses a bad file with a message.
 */
import { useRef, useState } from "react";
import { MAX_PROGRESS_FILE_BYTES, parseProgressFile, progressFileText, solvedChallengeKey } from "@/lib/progress/progress";
import { download } from "@/components/share/use-lab-link";
import { useProgress } from "./use-progress";

const SOLVED_PREFIX = solvedChallengeKey("");

function solvedChallenges(): string[] {
  try {
    const ids: string[] = [];
    for (let i = 0; i < window.localStorage.length; i++) {
      const key = window.localStorage.key(i);
      if (key?.startsWith(SOLVED_PREFIX) && window.localStorage.getItem(key) === "solved") ids.push(key.slice(SOLVED_PREFIX.length));
    }
    return ids;
  } catch {
    return [];
  }
}

export function ProgressFileButtons() {
  const { read, setAll } = useProgress();
  const [message, setMessage] = useState<{ kind: "ok" | "error"; text: string } | null>(null);
  const fileInput = useRef<HTMLInputElement>(null);

  const exportFile = () => {
    download("faultline-progress.json", progressFileText(read, solvedChallenges()), "application/json");
    setMessage({ kind: "ok", text: `Saved ${read.size} chapters read and ${solvedChallenges().length} challenges solved to faultline-progress.json.` });
  };

  const importFile = async (file: File | undefined) => {
    if (!file) return;
    if (file.size > MAX_PROGRESS_FILE_BYTES) return setMessage({ kind: "error", text: `${file.name} is too large to be a progress file; nothing was changed.` });
    const parsed = parseProgressFile(await file.text());
    if (!parsed.ok) return setMessage({ kind: "error", text: `${parsed.error} Nothing was changed.` });
    const before = read.size;
    const merged = new Set([...read, ...parsed.file.read]);
    setAll(merged);
    let solved = 0;
    try {
      for (const id of parsed.file.solvedChallenges) {
        if (window.localStorage.getItem(solvedChallengeKey(id)) !== "solved") solved++;
        window.localStorage.setItem(solvedChallengeKey(id), "solved");
      }
    } catch {
      // Storage blocked: the chapters still show for this visit.
    }
    setMessage({ kind: "ok", text: `Imported: ${merged.size - before} more chapters read, ${solved} more challenges solved. Nothing was removed.` });
  };

  return (
    <div className="mt-3 flex flex-wrap items-center gap-2 text-sm" data-testid="progress-file">
      <button type="button" className="rounded-md border border-line px-2.5 py-1 hover:bg-sunken" onClick={exportFile} data-testid="progress-export">
        Export progress
      </button>
      <button type="button" className="rounded-md border border-line px-2.5 py-1 hover:bg-sunken" onClick={() => fileInput.current?.click()} data-testid="progress-import">
        Import progress…
      </button>
      <input ref={fileInput} type="file" accept=".json,application/json" className="sr-only" tabIndex={-1} aria-label="Progress file to import" onChange={(e) => { void importFile(e.target.files?.[0]); e.target.value = ""; }} data-testid="progress-import-file" />
      <p role="status" aria-live="polite" className={`w-full text-xs ${message?.kind === "error" ? "font-medium" : "text-muted"}`} data-testid="progress-file-status">
        {message?.kind === "error" ? "⚠ " : ""}
        {message?.text ?? ""}
      </p>
    </div>
  );
}
