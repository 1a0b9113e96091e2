/**
 * The fields of a load-balancer node: strategy, ring size, health checks, and the extensions
 * (affinity, connections, zones, canary, membership changes; behaviour in extensions.ts). Its own file
 * so the balancer and its extensions both read the spec type without importing each other.
 */
import { kebabId } from "../../kernel/schema-common";
import { array, boolean, literal, nullable, number, object, oneOf, string, type Infer } from "../../kernel/schema-builder";

export const loadBalancerExtensionFields = {
  affinity: oneOf(["none", "cookie"] as const, { title: "Session affinity" }),
  sessionMs: nullable(number({ above: 0, max: 1e9, title: "Session (cookie) lifetime", unit: "ms", uiMin: 1000, uiMax: 1_800_000 })),
  level: oneOf(["request", "connection"] as const, { title: "Balance per request or per connection" }),
  maxConnectionAgeMs: nullable(number({ above: 0, max: 1e9, title: "Maximum connection age", unit: "ms", uiMin: 1000, uiMax: 600_000 })),
  zones: array(
    object({ zone: string({ title: "Zone", maxLength: 64 }), nodes: array(kebabId("Node id"), { maxItems: 500 }) }, { name: "a zone" }),
    { title: "Zones of sources and targets", maxItems: 16 },
  ),
  zoneMode: oneOf(["cross-zone", "local", "zone-aware"] as const, { title: "Zone routing" }),
  crossZoneMs: number({ min: 0, max: 1e6, title: "Added latency across zones", unit: "ms", uiMin: 0, uiMax: 20, uiStep: 0.1 }),
  canary: object(
    {
      targets: array(kebabId("Canary target"), { minItems: 1, maxItems: 256 }),
      weight: number({ min: 0, max: 1, title: "Canary weight", uiStep: 0.01 }),
      steps: array(object({ atMs: number({ min: 0, max: 1e9, unit: "ms" }), weight: number({ min: 0, max: 1 }) }, { name: "a canary step" }), { maxItems: 100 }),
      autoRollback: boolean({ title: "Roll back automatically" }),
      rollbackMargin: number({ min: 0, max: 1, title: "Error-rate margin over stable", uiStep: 0.005 }),
      minRequests: number({ integer: true, min: 0, max: 1e9, title: "Fewest canary requests to judge" }),
    },
    { optional: ["weight", "steps", "autoRollback", "rollbackMargin", "minRequests"], name: "canary" },
  ),
  changes: array(
    object(
      { atMs: number({ min: 0, max: 1e9, title: "At", unit: "ms" }), target: kebabId("Target"), action: oneOf(["add", "remove"] as const, { title: "Action" }) },
      { name: "a membership change" },
    ),
    { title: "Targets added or removed during the run", maxItems: 1000 },
  ),
};

export const loadBalancerExtensionOptional = ["affinity", "sessionMs", "level", "maxConnectionAgeMs", "zones", "zoneMode", "crossZoneMs", "canary", "changes"] as const;

export const loadBalancerStrategies = [
  "round-robin",
  "weighted-round-robin",
  "random",
  "least-connections",
  "power-of-two-choices",
  "least-response-time",
  "ip-hash",
  "key-hash",
  "consistent-hash",
] as const;
export type LoadBalancerStrategy = (typeof loadBalancerStrategies)[number];

export const loadBalancerSchema = object(
  {
    id: kebabId(),
    kind: literal("load-balancer"),
    strategy: oneOf(loadBalancerStrategies, { title: "Strategy" }),
    virtualNodes: number({ integer: true, above: 0, max: 10_000, title: "Virtual nodes per target (consistent-hash)", default: 100 }),
    healthCheck: object(
      {
        intervalMs: number({ above: 0, title: "Health-check interval", unit: "ms", uiMin: 100, uiMax: 30_000 }),
        unhealthyThreshold: number({ integer: true, above: 0, max: 100, title: "Failed checks before removal", default: 2 }),
        healthyThreshold: number({ integer: true, above: 0, max: 100, title: "Good checks before return", default: 2 }),
      },
      { optional: ["unhealthyThreshold", "healthyThreshold"], name: "healthCheck" },
    ),
    // Extensions: affinity, connections, zones, canary, membership changes (see extensions.ts).
    ...loadBalancerExtensionFields,
  },
  { optional: ["virtualNodes", "healthCheck", ...loadBalancerExtensionOptional], name: "a load-balancer node" },
);
export type LoadBalancerSpec = Infer<typeof loadBalancerSchema>;
