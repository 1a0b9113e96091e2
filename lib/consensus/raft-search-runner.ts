/**
 * Starts a Raft counterexample search and lets the page cancel it: in a Web Worker where there is one
 * (the page stays responsive; cancel terminates the worker), else on the page's thread after a tick
 * (tests, very old browsers).
 */
import { searchRaftCounterexample, type RaftSearchOptions, type RaftSearchResult } from "@/simulations";

export interface SearchRequest {
  options: RaftSearchOptions;
}

export type SearchReply = { type: "progress"; states: number } | { type: "result"; result: RaftSearchResult } | { type: "error"; message: string };

export interface RunningSearch {
  /** Settles with the result; rejects with the search's own message (a bad option) or on cancel. */
  result: Promise<RaftSearchResult>;
  cancel(): void;
}

export class SearchCancelled extends Error {
  constructor() {
    super("The search was cancelled.");
  }
}

export function startRaftSearch(options: RaftSearchOptions, onProgress: (states: number) => void): RunningSearch {
  if (typeof Worker === "undefined") return startInline(options, onProgress);
  const worker = new Worker(new URL("./raft-search.worker.ts", import.meta.url), { type: "module", name: "faultline-raft-search" });
  let settle: { resolve(r: RaftSearchResult): void; reject(e: Error): void } | null = null;
  const result = new Promise<RaftSearchResult>((resolve, reject) => {
    settle = { resolve, reject };
  });
  worker.onmessage = (event: MessageEvent<SearchReply>) => {
    const reply = event.data;
    if (reply.type === "progress") return onProgress(reply.states);
    worker.terminate();
    if (reply.type === "result") settle?.resolve(reply.result);
    else settle?.reject(new Error(reply.message));
    settle = null;
  };
  worker.onerror = (event) => {
    worker.terminate();
    settle?.reject(new Error(event.message || "The search stopped unexpectedly."));
    settle = null;
  };
  worker.postMessage({ options } satisfies SearchRequest);
  return {
    result,
    cancel() {
      worker.terminate();
      settle?.reject(new SearchCancelled());
      settle = null;
    },
  };
}

function startInline(options: RaftSearchOptions, onProgress: (states: number) => void): RunningSearch {
  let cancelled = false;
  let rejectCancel: (e: Error) => void = () => {};
  const result = new Promise<RaftSearchResult>((resolve, reject) => {
    rejectCancel = reject;
    setTimeout(() => {
      if (cancelled) return;
      try {
        resolve(searchRaftCounterexample(options, onProgress));
      } catch (error) {
        reject(error instanceof Error ? error : new Error(String(error)));
      }
    }, 0);
  });
  return {
    result,
    cancel() {
      cancelled = true;
      rejectCancel(new SearchCancelled());
    },
  };
}
