/**
 * A message port to the lab's simulation host: a real Web Worker in the browser, or the same host
 * in-process (tests, and browsers without module workers).
 */
import { createLabWorkerHost } from "./lab-worker-host";
import type { LabCommand, LabMessage } from "./protocol";

export interface LabPort {
  post(command: LabCommand): void;
  onMessage(listener: (message: LabMessage) => void): void;
  terminate(): void;
}

/** The simulation in a Web Worker (the normal case). */
export function createWorkerPort(): LabPort {
  const worker = new Worker(new URL("./lab.worker.ts", import.meta.url), { type: "module", name: "faultline-lab" });
  return {
    post: (command) => worker.postMessage(command),
    onMessage: (listener) => worker.addEventListener("message", (event: MessageEvent<LabMessage>) => listener(event.data)),
    terminate: () => worker.terminate(),
  };
}

/** The simulation on this thread, with asynchronous delivery like a worker's. */
export function createInProcessPort(): LabPort {
  const listeners: ((message: LabMessage) => void)[] = [];
  let alive = true;
  const host = createLabWorkerHost((message) => {
    const copy = structuredClone(message);
    setTimeout(() => alive && listeners.forEach((l) => l(copy)), 0);
  });
  return {
    post: (command) => {
      const copy = structuredClone(command);
      setTimeout(() => alive && host(copy), 0);
    },
    onMessage: (listener) => listeners.push(listener),
    terminate: () => {
      alive = false;
      host({ type: "pause" });
    },
  };
}

/** A worker port when Workers exist, else the in-process fallback. */
export function createDefaultPort(): LabPort {
  return typeof Worker !== "undefined" ? createWorkerPort() : createInProcessPort();
}
