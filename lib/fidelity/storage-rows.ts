/**
 * Fidelity rows for replication against erasure coding: the closed form behind the <DurabilityCalc>
 * widget (lib/storage/durability.ts), a binomial tail over the other disks of a group during one
 * repair window, checked against a seeded Monte Carlo that draws each disk's exponential lifetime.
 * The failure rate is set high (AFR 50 %, a 2,000-hour window) so that losses are common enough to
 * measure; the formula is the same one the widget evaluates at realistic rates.
 */
import { copies, lossDuringRepair, simulateRepairWindows, type Scheme } from "@/lib/storage/durability";
import type { RowSpec } from "./rows";

const REPS = 30;
const TRIALS = 20_000;
const AFR = 0.5;
const HOURS = 2000;
const widget = { href: "/learn/storage-object-block-file#copies-or-erasure-codes", label: "Try it in the durability calculator" };
const method = `${REPS} seeds × ${TRIALS.toLocaleString("en")} repair windows, exponential disk lifetimes`;

function row(id: string, scheme: Scheme, label: string, lossRule: string): RowSpec {
  return {
    id,
    family: "durability",
    compared: `share of repair windows in which ${label} loses data`,
    setting: `one disk already down, AFR ${AFR * 100} %, ${HOURS.toLocaleString("en")}-hour rebuild; ${lossRule}`,
    unit: "ratio",
    comparison: "interval",
    theory: lossDuringRepair(scheme, AFR, HOURS),
    replications: REPS,
    method,
    sample: (seed) => simulateRepairWindows(scheme, AFR, HOURS, TRIALS, seed),
    widget,
  };
}

/** Every durability row, in page order. */
export function storageRowSpecs(): RowSpec[] {
  return [
    row("durability-three-copies", copies(3), "3 copies", "lost when both other copies fail"),
    row("durability-rs-6-3", { k: 6, m: 3 }, "RS(6,3)", "lost when 3 or more of the other 8 fragments fail"),
  ];
}
