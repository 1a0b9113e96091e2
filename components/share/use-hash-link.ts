"use client";
/** Reads and decodes the lab link in the page's fragment once, on the client. */
import { useEffect, useState } from "react";
import { decodeLabLink, type LinkDecodeResult } from "@/lib/share/lab-link";

export type HashLink = { status: "reading" } | { status: "none" } | { status: "decoded"; result: LinkDecodeResult };

export function useHashLink(): HashLink {
  const [link, setLink] = useState<HashLink>({ status: "reading" });
  useEffect(() => {
    const read = () => {
      const hash = window.location.hash;
      setLink(hash.length > 1 ? { status: "decoded", result: decodeLabLink(hash) } : { status: "none" });
    };
    read();
    window.addEventListener("hashchange", read);
    return () => window.removeEventListener("hashchange", read);
  }, []);
  return link;
}
