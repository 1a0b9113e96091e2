"use client";
/** `/s#<code>`: the short share route. Sends the fragment on to the full-screen playground. */
import { useEffect } from "react";

export function ShortLinkRedirect() {
  useEffect(() => {
    window.location.replace(`/playground${window.location.hash}`);
  }, []);
  return <p className="p-6 text-sm text-muted">Opening the shared lab…</p>;
}
