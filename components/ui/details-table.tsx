/**
 * A table folded behind a "Show … as a table" summary: the text alternative every stepped widget
 * offers (the steps of a mechanism, the runs of a job). Columns say how to render a row; the first
 * column can be the row header; the current step is highlighted. Scrolls sideways on a narrow screen.
 */
import type { ReactNode } from "react";

export interface DetailsTableColumn<T> {
  header: string;
  cell: (row: T, index: number) => ReactNode;
  /** Numbers: right-aligned. */
  align?: "right";
  /** Monospaced figures. */
  mono?: boolean;
  /** Keep the cell on one line. */
  nowrap?: boolean;
}

export interface DetailsTableProps<T> {
  summary: string;
  rows: readonly T[];
  /** The first column is the row header (`<th scope="row">`); the rest are cells. */
  columns: readonly DetailsTableColumn<T>[];
  /** Index of the row to highlight (the step the widget stands on). */
  current?: number;
  testId?: string;
}

const cellClass = <T,>(c: DetailsTableColumn<T>, last: boolean) =>
  ["py-1", last ? "" : "pr-2", c.align === "right" ? "text-right" : "", c.mono ? "font-mono" : "", c.nowrap ? "whitespace-nowrap" : ""].filter(Boolean).join(" ");

export function DetailsTable<T>({ summary, rows, columns, current, testId }: DetailsTableProps<T>) {
  const [head, ...rest] = columns;
  return (
    <details className="mt-2 text-sm">
      <summary className="cursor-pointer text-muted">{summary}</summary>
      <div className="overflow-x-auto">
        <table className="mt-2 w-full text-left text-xs" data-testid={testId}>
          <thead>
            <tr className="border-b border-line">
              {columns.map((c, i) => (
                <th key={c.header} scope="col" className={cellClass({ ...c, mono: false }, i === columns.length - 1)}>
                  {c.header}
                </th>
              ))}
            </tr>
          </thead>
          <tbody>
            {rows.map((row, i) => (
              <tr key={i} className={`border-b border-line/60 align-top ${i === current ? "bg-accent-soft" : ""}`} aria-current={i === current ? "step" : undefined}>
                {head && (
                  <th scope="row" className={`${cellClass(head, rest.length === 0)} font-normal`}>
                    {head.cell(row, i)}
                  </th>
                )}
                {rest.map((c, j) => (
                  <td key={c.header} className={cellClass(c, j === rest.length - 1)}>
                    {c.cell(row, i)}
                  </td>
                ))}
              </tr>
            ))}
          </tbody>
        </table>
      </div>
    </details>
  );
}
