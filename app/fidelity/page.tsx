import type { Metadata } from "next";
import Link from "next/link";
import { computeFidelityRows } from "@/lib/fidelity/theory-checks";

export const metadata: Metadata = {
  title: "How faithful is the simulation?",
  description: "What Faultline's simulation models, what it leaves out, and how its results compare with queueing theory.",
};

// Computed once at build time by running the simulations.
export const dynamic = "force-static";

const format = (value: number, unit: string) => (unit === "ms" ? `${value.toFixed(2)} ms` : value < 1 ? value.toFixed(4) : value.toFixed(3));

export default function FidelityPage() {
  const rows = computeFidelityRows();
  return (
    <main id="main" tabIndex={-1} className="mx-auto max-w-4xl px-4 pb-12 pt-12 outline-none sm:px-6">
      <h1 className="font-serif text-4xl font-semibold tracking-tight sm:text-5xl">How faithful is the simulation?</h1>
      <div className="prose mt-6">
        <p>
          Every lab in Faultline is a discrete-event simulation: the engine keeps a list of future events (a request arrives, a worker
          finishes, a probe fires), jumps the clock to the next one and lets it change the state. Nothing is animated first and measured
          later; the charts and numbers you see are read from the simulated requests themselves.
        </p>
        <h2>What it models</h2>
        <ul>
          <li>Requests as individuals, each with its own arrival time, key, client and path through the graph; latency percentiles are measured from them, never derived from a mean.</li>
          <li>Queues, worker pools, waiting-room limits, load-balancing strategies, caches with eviction and expiry, and the faults you inject: crashes, added latency, error rates and network partitions.</li>
          <li>Randomness from seeded, independent streams per component, so a run can be replayed exactly and two variants can be compared on identical traffic.</li>
        </ul>
        <h2>What it leaves out</h2>
        <ul>
          <li>Network transfer time and bandwidth: a request moves along an edge instantly unless a latency fault or policy says otherwise.</li>
          <li>CPU contention between workers on one machine, garbage-collection pauses, and memory pressure, except where you inject them as latency.</li>
          <li>Payload sizes, serialisation costs and TCP behaviour such as slow start or head-of-line blocking.</li>
          <li>Real clocks: all time is simulated, so a lab can run an hour of traffic in a second, and nothing depends on how fast your computer is.</li>
        </ul>
        <p>
          Those omissions are deliberate: each lab isolates the mechanism it teaches. When a number matters in production, measure your own
          system; the labs show you which numbers to look at and why they move.
        </p>
        <h2>Checked against queueing theory</h2>
        <p>
          For models that queueing theory solves exactly, the simulation must agree with the formula. The table below is produced when this
          site is built, by running each scenario for 200,000 requests (after a 20-second warm-up) and comparing with the closed form. The
          unit tests assert the same comparisons with fixed tolerances, so a change that breaks the model fails the build.
        </p>
      </div>
      <div className="mt-6 overflow-x-auto">
        <table className="w-full border-collapse text-left text-sm">
          <caption className="mb-2 text-left text-muted">Theory against simulation, seeded runs of 200,000 requests</caption>
          <thead>
            <tr className="border-b border-line">
              <th scope="col" className="py-2 pr-4">Model</th>
              <th scope="col" className="py-2 pr-4">Setting</th>
              <th scope="col" className="py-2 pr-4">Metric</th>
              <th scope="col" className="py-2 pr-4 text-right">Theory</th>
              <th scope="col" className="py-2 pr-4 text-right">Simulated</th>
              <th scope="col" className="py-2 text-right">Difference</th>
            </tr>
          </thead>
          <tbody>
            {rows.map((row, i) => (
              <tr key={i} className="border-b border-line/60 align-top">
                <td className="py-2 pr-4 font-medium">{row.model}</td>
                <td className="py-2 pr-4 text-muted">{row.setting}</td>
                <td className="py-2 pr-4">{row.metric}</td>
                <td className="py-2 pr-4 text-right tabular-nums">{format(row.theory, row.unit)}</td>
                <td className="py-2 pr-4 text-right tabular-nums">{format(row.simulated, row.unit)}</td>
                <td className="py-2 text-right tabular-nums">{(((row.simulated - row.theory) / row.theory) * 100).toFixed(1)}%</td>
              </tr>
            ))}
          </tbody>
        </table>
      </div>
      <div className="prose mt-8">
        <p>
          Differences of a few percent are statistical noise: a finite run estimates a mean from correlated samples, and waits near
          saturation (ρ = 0.9) vary the most. Percentiles come from a histogram whose buckets are at most 0.5% wide in relative terms.
        </p>
        <h2>Invariants checked on every change</h2>
        <ul>
          <li>Nothing is lost: arrived = completed + failed + dropped + in flight, on 150 randomly generated scenarios with random faults.</li>
          <li>Every request is answered exactly once, even when timeouts, crashes and retries race.</li>
          <li>The same scenario and seed give identical results in Node and in the browser.</li>
          <li>Changing one component leaves the random draws of every other component unchanged.</li>
        </ul>
        <p>
          The engine, the format and the tests are open source; see <Link href="/learn">the course</Link> to put them to work.
        </p>
      </div>
    </main>
  );
}
