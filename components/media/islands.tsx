"use client";
/**
 * The media chapter's widget as an island: rendered in full on the server, its code loaded only when
 * it nears the viewport.
 */
import { hydrateWhenVisible } from "@/components/ui/hydrate-when-visible";
import type { ResumableUploadProps } from "./resumable-upload";

export const ResumableUploadIsland = hydrateWhenVisible<ResumableUploadProps>(() => import("./resumable-upload").then((m) => m.ResumableUpload));
