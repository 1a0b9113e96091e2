/**
 * The script of the offline lab file (bundled by scripts/build-offline-lab.ts into the template):
 * applies the theme, reads the saved state from the page and renders {@link OfflineLab}.
 */
import { createRoot } from "react-dom/client";
import { OFFLINE_LINK_ID, readOfflinePayload } from "@/lib/offline/offline-page";
import { OfflineLab } from "./offline-lab";

const root = document.documentElement;
const dark = window.matchMedia?.("(prefers-color-scheme: dark)").matches;
root.dataset.theme = dark ? "dark" : "light";
const payload = readOfflinePayload(document.getElementById(OFFLINE_LINK_ID)?.textContent);
createRoot(document.getElementById("faultline-offline-root")!).render(<OfflineLab payload={payload} />);
