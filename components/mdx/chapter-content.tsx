import { getMDXComponent } from "mdx-bundler/client";
import { mdxComponents } from "./registry";

/**
 * Renders a compiled chapter (server component). The MDX code runs on the server; client
 * components in the registry hydrate on their own.
 */
export function ChapterContent({ code }: { code: string }) {
  const Mdx = getMDXComponent(code);
  return (
    <div className="prose">
      <Mdx components={mdxComponents} />
    </div>
  );
}
