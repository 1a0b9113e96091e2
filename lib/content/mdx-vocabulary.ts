/**
 * The names of the components MDX chapters may use (content/README.md). The compiler rejects
 * any other capitalised JSX name, and components/mdx/registry.tsx must provide exactly these
 * (a unit test keeps the two in step).
 */
export const mdxComponentNames = [
  "WhatYouWillLearn",
  "Pattern",
  "Lab",
  "BreakIt",
  "Predict",
  "Challenge",
  "Callout",
  "Diagram",
  "Recap",
  "Hint",
  "Solution",
  "DeepDive",
  "Choose",
  "Classify",
  "Order",
  "BeforeAfter",
  "DependencyDiagram",
  // Domain-driven design widgets (components/mdx/ddd-widgets.tsx)
  "ContextMapView",
  "AggregateBoundary",
  // Mechanism views: how a pattern works inside (content/README.md, "Mechanism views").
  "TokenBucketView",
  "WindowEdgesView",
  "HashRingView",
  "BreakerTimelineView",
  "RetryTimelineView",
  "VisibilityTimeoutView",
  "SagaSequenceView",
  "OutboxSequenceView",
  "XFetchView",
  "QueueingCurvesView",
  "ShuffleShardView",
  // Team widgets: organisation arithmetic on a fixed example (content/README.md, "Team widgets").
  "ConwayMapView",
  "CommunicationPathsView",
  // Geospatial widgets (content/README.md, "Interactive widgets").
  "GeohashGrid",
  "QuadtreeSearch",
  "GeofenceJitter",
  // Partitioning and storage widgets (content/README.md, "Interactive widgets").
  "PartitionRing",
  "MerkleRepair",
  "CompactionCompare",
  // Event-sourcing widget (content/README.md, "Interactive widgets").
  "EventReplay",
  // Disaster-recovery widget (content/README.md, "Interactive widgets").
  "DrTimeline",
  // Consensus widget: the bounded Raft counterexample search.
  "RaftCounterexample",
  // Transaction widgets (content/README.md, "Interactive widgets").
  "IsolationLab",
  // ID-generation and time-series widgets (content/README.md, "Interactive widgets").
  "IdGenerator",
  "CollisionOdds",
  "GorillaCompression",
  // Stream and batch processing widgets (content/README.md, "Interactive widgets").
  "WatermarkPlot",
  "BatchJobView",
  "CheckpointBarrierView",
  // Workflow widget (content/README.md, "Interactive widgets").
  "WorkflowReplay",
  // Analytics storage and pipeline widgets (content/README.md, "Interactive widgets").
  "ScanBytes",
  "LoadRerun",
  // Graph-database widget (content/README.md, "Interactive widgets").
  "TraversalExplorer",
  // Search-engine and vector-database widgets (content/README.md, "Interactive widgets").
  "Bm25Explorer",
  "HnswSearch",
  // Real-time communication widget (content/README.md, "Interactive widgets").
  "TransportCosts",
  // Media-processing widget (content/README.md, "Interactive widgets").
  "ResumableUpload",
  // Schema-evolution widget (content/README.md, "Interactive widgets").
  "SchemaEvolution",
  // Storage durability widget (content/README.md, "Interactive widgets").
  "DurabilityCalc",
  // Write-ahead-log widget (content/README.md, "Interactive widgets").
  "WalCrash",
] as const;

/** A component name MDX may use. */
export type MdxComponentName = (typeof mdxComponentNames)[number];

/** Components whose `scenario` prop names a preset in content/scenarios/<id>.json. */
export const scenarioComponentNames = ["Lab", "Predict", "Challenge", "Diagram", "BreakerTimelineView"] as const satisfies readonly MdxComponentName[];

/** True when `name` is in the vocabulary. */
export function isMdxComponentName(name: string): name is MdxComponentName {
  return (mdxComponentNames as readonly string[]).includes(name);
}
