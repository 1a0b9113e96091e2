"use client";
/**
 * The mechanism views as islands: each renders in full on the server (drawing, description and
 * table), and its code (a few KB per view plus the shared shell) loads only when it nears the
 * viewport (components/ui/hydrate-when-visible.tsx). The models run on the server
 * (components/mdx/mechanisms.tsx); the browser gets their output as props, not the simulation code.
 */
import { hydrateWhenVisible } from "@/components/ui/hydrate-when-visible";
import type { BreakerTimelineViewProps } from "./breaker-timeline-view";
import type { HashRingViewProps } from "./hash-ring-view";
import type { QueueingCurvesViewProps } from "./queueing-curves-view";
import type { RetryTimelineViewProps } from "./retry-timeline-view";
import type { SagaSequenceViewProps } from "./saga-sequence-view";
import type { ShuffleShardViewProps } from "./shuffle-shard-view";
import type { TokenBucketViewProps } from "./token-bucket-view";
import type { VisibilityTimeoutViewProps } from "./visibility-timeout-view";
import type { WindowEdgesViewProps } from "./window-edges-view";
import type { XFetchViewProps } from "./xfetch-view";

export const TokenBucketIsland = hydrateWhenVisible<TokenBucketViewProps>(() => import("./token-bucket-view").then((m) => m.TokenBucketView));
export const WindowEdgesIsland = hydrateWhenVisible<WindowEdgesViewProps>(() => import("./window-edges-view").then((m) => m.WindowEdgesView));
export const HashRingIsland = hydrateWhenVisible<HashRingViewProps>(() => import("./hash-ring-view").then((m) => m.HashRingView));
export const BreakerTimelineIsland = hydrateWhenVisible<BreakerTimelineViewProps>(() => import("./breaker-timeline-view").then((m) => m.BreakerTimelineView));
export const RetryTimelineIsland = hydrateWhenVisible<RetryTimelineViewProps>(() => import("./retry-timeline-view").then((m) => m.RetryTimelineView));
export const VisibilityTimeoutIsland = hydrateWhenVisible<VisibilityTimeoutViewProps>(() => import("./visibility-timeout-view").then((m) => m.VisibilityTimeoutView));
export const SagaSequenceIsland = hydrateWhenVisible<SagaSequenceViewProps>(() => import("./saga-sequence-view").then((m) => m.SagaSequenceView));
export const XFetchIsland = hydrateWhenVisible<XFetchViewProps>(() => import("./xfetch-view").then((m) => m.XFetchView));
export const QueueingCurvesIsland = hydrateWhenVisible<QueueingCurvesViewProps>(() => import("./queueing-curves-view").then((m) => m.QueueingCurvesView));
export const ShuffleShardIsland = hydrateWhenVisible<ShuffleShardViewProps>(() => import("./shuffle-shard-view").then((m) => m.ShuffleShardView));
