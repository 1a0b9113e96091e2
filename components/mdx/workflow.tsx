/**
 * The workflow widget MDX may use (content/README.md, "Interactive widgets"): a server component
 * that checks its props (a bad one fails the build naming the component and prop) and renders a
 * lazily hydrated island (components/workflow).
 */
import { WorkflowReplayIsland } from "@/components/workflow/islands";
import type { WorkflowReplayProps } from "@/components/workflow/workflow-replay";
import { eventsWithoutKill } from "@/lib/workflow/replay";

/** A durable workflow stepped event by event; kill the worker and watch the replay. */
export function WorkflowReplay({ readsClock, killAfter }: WorkflowReplayProps) {
  if (readsClock !== undefined && typeof readsClock !== "boolean") throw new Error(`<WorkflowReplay> readsClock must be true or false (got ${JSON.stringify(readsClock)})`);
  const max = eventsWithoutKill() - 1;
  if (killAfter !== undefined && killAfter !== null && (typeof killAfter !== "number" || !Number.isInteger(killAfter) || killAfter < 1 || killAfter > max))
    throw new Error(`<WorkflowReplay> killAfter must be an integer from 1 to ${max} (got ${JSON.stringify(killAfter)})`);
  return <WorkflowReplayIsland readsClock={readsClock ?? false} killAfter={killAfter ?? null} />;
}
