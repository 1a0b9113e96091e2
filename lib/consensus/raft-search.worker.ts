/**
 * Web Worker entry for the Raft counterexample search: a search explores up to a few hundred thousand
 * states (seconds of work), so it runs here, off the page's thread, and reports its progress.
 */
import { searchRaftCounterexample } from "@/simulations";
import type { SearchReply, SearchRequest } from "./raft-search-runner";

const scope = self as unknown as { postMessage(message: SearchReply): void; onmessage: ((event: MessageEvent<SearchRequest>) => void) | null };
scope.onmessage = (event) => {
  try {
    const result = searchRaftCounterexample(event.data.options, (states) => scope.postMessage({ type: "progress", states }));
    scope.postMessage({ type: "result", result });
  } catch (error) {
    scope.postMessage({ type: "error", message: error instanceof Error ? error.message : String(error) });
  }
};
