/** First focusable element on every page: jumps past the header to <main id="main">. */
export function SkipLink() {
  return (
    <a
      href="#main"
      className="fixed left-3 top-3 z-[100] -translate-y-24 rounded-lg bg-accent px-4 py-2 font-medium text-on-accent shadow-lg transition-transform focus:translate-y-0"
    >
      Skip to content
    </a>
  );
}
