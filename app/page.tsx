import Link from "next/link";
import { HeroGraph } from "@/components/home/hero-graph";
import { ArrowRightIcon, BookIcon, FlaskIcon, HammerIcon } from "@/components/ui/icons";
import { content } from "@/lib/content";

const steps = [
  { Icon: BookIcon, title: "Read", text: "Short sections, one per pattern: what it is, the problem it solves, how it behaves in numbers, and when to leave it out." },
  { Icon: FlaskIcon, title: "Run", text: "A seeded discrete-event simulation beside the prose. Measured percentiles that agree with queueing theory, not cartoons." },
  { Icon: HammerIcon, title: "Break", text: "Push the load, kill a server, open a breaker. Predict the number first, then see how close your intuition was." },
];

export default function HomePage() {
  const course = content.getCourse();
  const firstLive = course.chapters.find((chapter) => chapter.status === "live");
  const patternCount = content.getSyllabus().length;
  const liveCount = course.chapters.filter((chapter) => chapter.status === "live").length;

  return (
    <main id="main" tabIndex={-1} className="outline-none">
      <section className="mx-auto grid max-w-6xl items-center gap-12 px-4 pb-16 pt-14 sm:px-6 md:pt-20 lg:grid-cols-[1.1fr_1fr] lg:gap-16">
        <div>
          <p className="text-sm font-semibold uppercase tracking-[0.12em] text-accent">An interactive course in software architecture</p>
          <h1 className="mt-4 font-serif text-[2.6rem] font-semibold leading-[1.05] tracking-tight text-balance sm:text-6xl">
            Learn architecture by breaking it.
          </h1>
          <p className="mt-6 max-w-xl text-lg leading-relaxed text-muted sm:text-xl">
            Faultline is a free, open-source course that teaches software architecture through live simulations you can run, tune and
            break. Read a short section on a pattern, then overload its queue or kill its server in the lab beside it, and watch what
            your users would feel.
          </p>
          <div className="mt-9 flex flex-wrap items-center gap-3">
            {firstLive ? (
              <Link
                href={`/learn/${firstLive.id}`}
                className="group inline-flex h-12 items-center gap-2 rounded-full bg-accent px-6 font-semibold text-on-accent shadow-sm transition-colors hover:bg-accent-strong"
              >
                Start the course
                <ArrowRightIcon className="size-4 transition-transform group-hover:translate-x-0.5" />
              </Link>
            ) : null}
            <Link href="/learn" className="inline-flex h-12 items-center rounded-full border border-line bg-surface px-6 font-semibold transition-colors hover:border-accent hover:text-accent">
              See all chapters
            </Link>
            <Link href="/playground" className="inline-flex h-12 items-center px-3 font-semibold text-accent-strong underline-offset-4 hover:underline" data-testid="home-playground">
              Build your own system →
            </Link>
          </div>
        </div>
        <div className="rounded-[2rem] border border-line bg-surface p-4 shadow-[0_1px_0_var(--fl-line),0_24px_60px_-30px_rgb(0_0_0/0.25)] sm:p-6">
          <HeroGraph />
          <p className="mt-2 px-2 text-center text-sm text-muted">
            One of three servers stalls. Round-robin keeps feeding it, and its queue grows.
          </p>
        </div>
      </section>

      <section aria-labelledby="how-heading" className="border-y border-line bg-surface">
        <div className="mx-auto max-w-6xl px-4 py-16 sm:px-6">
          <h2 id="how-heading" className="font-serif text-3xl font-semibold tracking-tight">
            How every chapter works
          </h2>
          <ol className="mt-8 grid gap-6 md:grid-cols-3">
            {steps.map(({ Icon, title, text }, index) => (
              <li key={title} className="rounded-2xl border border-line bg-bg p-6">
                <span className="flex items-center gap-3">
                  <span className="inline-flex size-10 items-center justify-center rounded-xl bg-accent-soft text-accent">
                    <Icon className="size-5" />
                  </span>
                  <span className="text-sm font-medium text-faint">Step {index + 1}</span>
                </span>
                <h3 className="mt-4 text-xl font-semibold">{title}</h3>
                <p className="mt-2 leading-relaxed text-muted">{text}</p>
              </li>
            ))}
          </ol>
        </div>
      </section>

      <section aria-labelledby="inside-heading" className="mx-auto max-w-6xl px-4 py-16 sm:px-6">
        <div className="flex flex-wrap items-end justify-between gap-6">
          <div>
            <h2 id="inside-heading" className="font-serif text-3xl font-semibold tracking-tight">
              What is inside
            </h2>
            <p className="mt-2 max-w-2xl text-muted">
              {course.chapters.length} chapters in {course.parts.length} parts cover {patternCount} patterns, from architecture styles to
              incident response. {liveCount === 1 ? "One chapter is" : `${liveCount} chapters are`} ready to read; the rest are being
              written in the open.
            </p>
          </div>
          <Link href="/patterns" className="inline-flex items-center gap-1.5 font-semibold text-accent hover:underline">
            Browse all {patternCount} patterns A–Z <ArrowRightIcon className="size-4" />
          </Link>
        </div>
        <ul className="mt-8 grid gap-3 sm:grid-cols-2 lg:grid-cols-3">
          {course.parts.map((part, index) => {
            const live = part.chapters.filter((chapter) => chapter.status === "live").length;
            return (
              <li key={part.slug}>
                <Link
                  href={`/learn#${part.slug}`}
                  className="group flex h-full items-baseline gap-4 rounded-xl border border-line bg-surface px-5 py-4 transition-colors hover:border-accent"
                >
                  <span className="font-mono text-sm tabular-nums text-faint">{String(index).padStart(2, "0")}</span>
                  <span className="flex-1">
                    <span className="font-semibold group-hover:text-accent">{part.title}</span>
                    <span className="mt-0.5 block text-sm text-muted">
                      {part.chapters.length} chapter{part.chapters.length === 1 ? "" : "s"}
                      {live > 0 ? ` · ${live} ready` : ""}
                    </span>
                  </span>
                </Link>
              </li>
            );
          })}
        </ul>
      </section>
    </main>
  );
}
