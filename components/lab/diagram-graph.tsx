"use client";
/**
 * A static drawing of a scenario's graph: the lab's own layout and node components over a
 * controller that never simulates (no worker, no engine). Loaded lazily by <Diagram>.
 */
import { useState } from "react";
import type { Scenario } from "@/simulations";
import { createStaticLabController } from "@/lib/lab/static-controller";
import { LabContext } from "./lab-context";
import { LabGraph } from "./graph/lab-graph";

export default function DiagramGraph({ scenarioId, scenario }: { scenarioId: string; scenario: Scenario }) {
  const [controller] = useState(() => createStaticLabController({ scenarioId, preset: scenario }));
  return (
    <LabContext.Provider value={controller}>
      <LabGraph scenario={scenario} interactive={false} />
    </LabContext.Provider>
  );
}
