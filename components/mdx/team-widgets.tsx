"use client";
/**
 * `<ConwayMapView>` and `<CommunicationPathsView>` as MDX sees them (content/README.md, "Team
 * widgets"): server-rendered in full, hydrated when near the viewport, like the exercises.
 */
import { hydrateWhenVisible } from "@/components/ui/hydrate-when-visible";
import type { CommunicationPathsViewProps } from "@/components/teams/communication-paths-view";
import type { ConwayMapViewProps } from "@/components/teams/conway-map-view";

export const ConwayMapView = hydrateWhenVisible<ConwayMapViewProps>(() => import("@/components/teams/conway-map-view").then((m) => m.ConwayMapView));
export const CommunicationPathsView = hydrateWhenVisible<CommunicationPathsViewProps>(() => import("@/components/teams/communication-paths-view").then((m) => m.CommunicationPathsView));
