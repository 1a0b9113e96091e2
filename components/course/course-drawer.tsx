"use client";

import { usePathname } from "next/navigation";
import { useEffect, useId, useRef, type ReactNode } from "react";
import { CloseIcon, MenuIcon } from "@/components/ui/icons";

/**
 * The course navigation on narrow screens: a button that opens a modal drawer from the left.
 * The native <dialog> traps focus and closes on Escape; following a link closes it too.
 */
export function CourseDrawer({ children }: { children: ReactNode }) {
  const dialogRef = useRef<HTMLDialogElement>(null);
  const pathname = usePathname();
  const titleId = useId();

  useEffect(() => {
    dialogRef.current?.close();
  }, [pathname]);

  return (
    <>
      <button
        type="button"
        aria-haspopup="dialog"
        onClick={() => dialogRef.current?.showModal()}
        className="inline-flex h-9 items-center gap-2 rounded-lg border border-line bg-surface px-3 text-sm font-medium text-muted hover:text-fg"
      >
        <MenuIcon className="size-4" />
        Course
      </button>
      <dialog
        ref={dialogRef}
        aria-labelledby={titleId}
        onClick={(event) => {
          if (event.target === dialogRef.current) dialogRef.current?.close();
          else if ((event.target as HTMLElement).closest("a")) dialogRef.current?.close();
        }}
        className="m-0 h-dvh max-h-none w-[min(22rem,88vw)] border-r border-line bg-surface p-0 text-fg shadow-2xl backdrop:bg-black/40 open:flex open:flex-col motion-safe:open:animate-[fl-slide-in_180ms_ease-out]"
      >
        <div className="flex items-center justify-between border-b border-line px-4 py-3">
          <h2 id={titleId} className="font-serif text-lg font-semibold">
            The course
          </h2>
          <button type="button" onClick={() => dialogRef.current?.close()} className="inline-flex size-9 items-center justify-center rounded-lg text-muted hover:bg-sunken hover:text-fg" aria-label="Close course navigation">
            <CloseIcon className="size-4" />
          </button>
        </div>
        <nav aria-label="Course" className="flex-1 overflow-y-auto overscroll-contain p-3">
          {children}
        </nav>
      </dialog>
    </>
  );
}
