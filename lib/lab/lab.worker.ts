/**
 * The lab's Web Worker entry: the simulation runs here, off the main thread, so a busy run never
 * janks scrolling or the particle animation. Loaded with
 * `new Worker(new URL("./lab.worker.ts", import.meta.url))`, which Next 16 (Turbopack) bundles.
 */
import { createLabWorkerHost } from "./lab-worker-host";
import type { LabCommand, LabMessage } from "./protocol";

const scope = self as unknown as { postMessage(message: LabMessage): void; onmessage: ((event: MessageEvent<LabCommand>) => void) | null };
const handle = createLabWorkerHost((message) => scope.postMessage(message));
scope.onmessage = (event) => handle(event.data);
