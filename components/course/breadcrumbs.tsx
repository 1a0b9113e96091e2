import { ChevronRightIcon } from "@/components/ui/icons";
import { IntentLink } from "@/components/ui/intent-link";

/** One step of the trail; the last one is the current page and has no link. */
export interface Crumb {
  label: string;
  href?: string;
}

/** A breadcrumb trail (nav landmark, ordered list, aria-current on the last item); links prefetch on intent. */
export function Breadcrumbs({ items }: { items: readonly Crumb[] }) {
  return (
    <nav aria-label="Breadcrumb" className="text-sm text-muted print:hidden">
      <ol className="flex flex-wrap items-center gap-x-1.5 gap-y-1">
        {items.map((item, index) => {
          const last = index === items.length - 1;
          return (
            <li key={`${item.label}-${index}`} className="flex items-center gap-1.5">
              {item.href && !last ? (
                <IntentLink href={item.href} className="rounded hover:text-fg hover:underline">
                  {item.label}
                </IntentLink>
              ) : (
                <span aria-current={last ? "page" : undefined} className={last ? "text-fg" : undefined}>
                  {item.label}
                </span>
              )}
              {!last ? <ChevronRightIcon className="size-3.5 text-faint" /> : null}
            </li>
          );
        })}
      </ol>
    </nav>
  );
}
