"use client";
/**
 * `<Choose>`, `<Classify>` and `<Order>` as MDX sees them: server-rendered in full, hydrated when
 * near the viewport (components/ui/hydrate-when-visible.tsx), so a chapter of exercises costs no
 * JavaScript until the learner scrolls to one.
 */
import { hydrateWhenVisible } from "@/components/ui/hydrate-when-visible";
import type { ChooseProps, ClassifyProps, OrderProps } from "./exercise-widgets";

export const Choose = hydrateWhenVisible<ChooseProps>(() => import("./exercise-widgets").then((m) => m.Choose));
export const Classify = hydrateWhenVisible<ClassifyProps>(() => import("./exercise-widgets").then((m) => m.Classify));
export const Order = hydrateWhenVisible<OrderProps>(() => import("./exercise-widgets").then((m) => m.Order));
