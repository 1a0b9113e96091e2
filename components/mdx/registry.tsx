/**
 * THE registry of what MDX chapters may use: exactly the components of content/README.md.
 * Chapters have no import lines; the chapter renderer passes this map to the compiled MDX.
 * The compiler (lib/content) rejects any other component name, and a unit test keeps this
 * map's keys equal to lib/content/mdx-vocabulary.ts.
 *
 * Lab, Predict, Challenge and Diagram hydrate lazily near the viewport (components/ui/hydrate-when-visible.tsx).
 */
import type { ComponentType } from "react";
import type { MdxComponentName } from "@/lib/content/mdx-vocabulary";
import { BeforeAfter } from "./before-after";
import { BreakIt } from "./break-it";
import { Callout } from "./callout";
import { Challenge } from "./challenge";
import { DependencyDiagram } from "./dependency-diagram";
import { Diagram } from "./diagram";
import { Lab } from "./lab";
import { BreakerTimelineView, HashRingView, OutboxSequenceView, QueueingCurvesView, RetryTimelineView, SagaSequenceView, ShuffleShardView, TokenBucketView, VisibilityTimeoutView, WindowEdgesView, XFetchView } from "./mechanisms";
import { Pattern } from "./pattern-section";
import { Predict } from "./predict";
import { Recap } from "./recap";
import { DeepDive, Hint, Solution } from "./reveal";
import { Choose, Classify, Order } from "./exercises";
import { AggregateBoundary, ContextMapView } from "./ddd";
import { CommunicationPathsView, ConwayMapView } from "./team-widgets";
import { GeofenceJitter, GeohashGrid, QuadtreeSearch } from "./geo";
import { CompactionCompare, MerkleRepair, PartitionRing } from "./partitioning";
import { EventReplay } from "./event-sourcing";
import { DrTimeline } from "./disaster-recovery";
import { RaftCounterexample } from "./consensus";
import { IsolationLab } from "./transactions";
import { CollisionOdds, GorillaCompression, IdGenerator } from "./storage-widgets";
import { BatchJobView, CheckpointBarrierView, WatermarkPlot } from "./streaming";
import { WorkflowReplay } from "./workflow";
import { LoadRerun, ScanBytes } from "./analytics";
import { TraversalExplorer } from "./graph";
import { Bm25Explorer, HnswSearch } from "./search-widgets";
import { SchemaEvolution } from "./schemas";
import { DurabilityCalc } from "./durability";
import { WalCrash } from "./wal";
import { WhatYouWillLearn } from "./what-you-will-learn";
import { TransportCosts } from "./realtime";
import { ResumableUpload } from "./media";

// `satisfies` makes a missing or extra key a type error.
export const mdxComponents = {
  WhatYouWillLearn,
  Pattern,
  Lab,
  BreakIt,
  Predict,
  Challenge,
  Callout,
  Diagram,
  Recap,
  Hint,
  Solution,
  DeepDive,
  Choose,
  Classify,
  Order,
  BeforeAfter,
  DependencyDiagram,
  // Domain-driven design widgets (components/mdx/ddd.tsx)
  ContextMapView,
  AggregateBoundary,
  // Mechanism views (components/mdx/mechanisms.tsx)
  TokenBucketView,
  WindowEdgesView,
  HashRingView,
  BreakerTimelineView,
  RetryTimelineView,
  VisibilityTimeoutView,
  SagaSequenceView,
  OutboxSequenceView,
  XFetchView,
  QueueingCurvesView,
  ShuffleShardView,
  // Team widgets (components/mdx/team-widgets.tsx)
  ConwayMapView,
  CommunicationPathsView,
  // Geospatial widgets (components/mdx/geo.tsx)
  GeohashGrid,
  QuadtreeSearch,
  GeofenceJitter,
  // Partitioning and storage widgets (components/mdx/partitioning.tsx)
  PartitionRing,
  MerkleRepair,
  CompactionCompare,
  // Event-sourcing widget (components/mdx/event-sourcing.tsx)
  EventReplay,
  // Disaster-recovery widget (components/mdx/disaster-recovery.tsx)
  DrTimeline,
  RaftCounterexample,
  // Transaction widgets (components/mdx/transactions.tsx)
  IsolationLab,
  // ID-generation and time-series widgets (components/mdx/storage-widgets.tsx)
  IdGenerator,
  CollisionOdds,
  GorillaCompression,
  // Stream and batch processing widgets (components/mdx/streaming.tsx)
  WatermarkPlot,
  BatchJobView,
  CheckpointBarrierView,
  // Workflow widget (components/mdx/workflow.tsx)
  WorkflowReplay,
  // Analytics storage and pipeline widgets (components/mdx/analytics.tsx)
  ScanBytes,
  LoadRerun,
  // Graph-database widget (components/mdx/graph.tsx)
  TraversalExplorer,
  // Search-engine and vector-database widgets (components/mdx/search-widgets.tsx)
  Bm25Explorer,
  HnswSearch,
  // Real-time communication widget (components/mdx/realtime.tsx)
  TransportCosts,
  // Media-processing widget (components/mdx/media.tsx)
  ResumableUpload,
  // Schema-evolution widget (components/mdx/schemas.tsx)
  SchemaEvolution,
  // Storage durability widget (components/mdx/durability.tsx)
  DurabilityCalc,
  // Write-ahead-log widget (components/mdx/wal.tsx)
  WalCrash,
  // eslint-disable-next-line @typescript-eslint/no-explicit-any -- MDX passes arbitrary props; each component types its own.
} satisfies Record<MdxComponentName, ComponentType<any>>;
