/**
 * The lab's port in the offline file (scripts/build-offline-lab.ts swaps it in for lab-port.ts): the
 * simulation always runs on the page's thread, since a page opened from disk cannot load a module
 * worker from a file URL.
 */
import { createInProcessPort, type LabPort } from "@/lib/lab/lab-port";

export { createInProcessPort, createWorkerPort, type LabPort } from "@/lib/lab/lab-port";

export function createDefaultPort(): LabPort {
  return createInProcessPort();
}
