"use client";
/** The write-ahead-log widget as an island: rendered on the server, hydrated near the viewport. */
import { hydrateWhenVisible } from "@/components/ui/hydrate-when-visible";
import type { WalCrashProps } from "./wal-crash";

export const WalCrashIsland = hydrateWhenVisible<WalCrashProps>(() => import("./wal-crash").then((m) => m.WalCrash));
