import { Children, isValidElement, type ReactNode } from "react";

/** Props of `<BeforeAfter>`. */
export interface BeforeAfterProps {
  /** What the refactoring does, shown as the caption ("Inject the payment gateway"). */
  title: string;
  /** Label of the first pane (default "Before"). */
  beforeLabel?: string;
  /** Label of the second pane (default "After"). */
  afterLabel?: string;
  /** Exactly two code fences, before then after (the compiler checks: lib/content/before-after.ts). */
  children?: ReactNode;
}

/**
 * A refactoring's code before and after, each pane labelled. Side by side when the component has
 * room (a 36rem container: the chapter column on a desktop, where each pane fits about 40 characters of code at 12 px), stacked on phones. A server component
 * with no JavaScript: the code arrives highlighted from the compiler, and each code block is a
 * focusable, keyboard-scrollable region.
 */
export function BeforeAfter({ title, beforeLabel = "Before", afterLabel = "After", children }: BeforeAfterProps) {
  const panes = Children.toArray(children).filter(isValidElement);
  const labels = [beforeLabel, afterLabel];
  return (
    <figure className="@container rounded-xl border border-line bg-surface p-3 sm:p-4" data-before-after>
      <figcaption className="px-1 text-[0.95rem] font-semibold leading-snug">{title}</figcaption>
      <div className="mt-3 grid gap-3 @[36rem]:grid-cols-2">
        {panes.map((pane, i) => (
          <figure key={i} className="flex min-w-0 flex-col" data-pane={i === 0 ? "before" : "after"}>
            <figcaption className={`px-1 pb-1.5 text-xs font-semibold uppercase tracking-[0.08em] ${i === 0 ? "text-warn" : "text-ok"}`}>
              {labels[i] ?? `Step ${i + 1}`}
            </figcaption>
            <div className="flex min-w-0 flex-1 flex-col [&_pre]:m-0 [&_pre]:flex-1 [&_pre]:px-3.5 [&_pre]:py-3 [&_pre]:text-[0.8125rem] @[36rem]:[&_pre]:px-3 @[36rem]:[&_pre]:text-[0.75rem]">{pane}</div>
          </figure>
        ))}
      </div>
    </figure>
  );
}
