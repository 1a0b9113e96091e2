/**
 * The real-time communication widget MDX may use (content/README.md, "Interactive widgets"): a
 * server component that checks its props (a bad one fails the build naming the component and prop)
 * and renders a lazily hydrated island.
 */
import { TransportCostsIsland } from "@/components/realtime/islands";

const STEPS = { clients: 7, rate: 6, payload: 6, poll: 6 } as const;

function step(prop: keyof typeof STEPS, value: unknown, fallback: number): number {
  if (value === undefined) return fallback;
  if (typeof value !== "number" || !Number.isInteger(value) || value < 0 || value >= STEPS[prop]) throw new Error(`<TransportCosts> ${prop} must be a whole number from 0 to ${STEPS[prop] - 1} (got ${JSON.stringify(value)})`);
  return value;
}

export interface TransportCostsMdxProps {
  /** Step of the clients slider: 0–6 for 1, 10, 100, 1,000, 10,000, 100,000, 1,000,000 (default 4). */
  clients?: number;
  /** Step of the update-rate slider: 0–5 for 1 a minute, 1 every 10 s, 1/s, 5/s, 20/s, 60/s (default 2). */
  rate?: number;
  /** Step of the payload slider: 0–5 for 16 B, 100 B, 200 B, 1 kB, 4 kB, 100 kB (default 1). */
  payload?: number;
  /** Step of the poll-interval slider: 0–5 for 0.5, 1, 2, 5, 10, 30 s (default 3). */
  poll?: number;
}

/** Requests, bytes and worst wait of polling, long polling, SSE and WebSockets for the same updates. */
export function TransportCosts({ clients, rate, payload, poll }: TransportCostsMdxProps) {
  return <TransportCostsIsland clients={step("clients", clients, 4)} rate={step("rate", rate, 2)} payload={step("payload", payload, 1)} poll={step("poll", poll, 3)} />;
}
