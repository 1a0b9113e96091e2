// @vitest-environment happy-dom
// The folded table widgets use as their text alternative: the first column heads each row, the
// current step is marked for assistive technology, numbers align right.
import { describe, expect, it } from "vitest";
import { DetailsTable } from "@/components/ui/details-table";
import { q, render } from "../harness";

describe("<DetailsTable>", () => {
  it("renders a folded table with row headers, the current row marked and numbers right-aligned", () => {
    const host = render(
      <DetailsTable
        summary="Show the steps as a table"
        testId="t"
        rows={[{ what: "start", n: 1 }, { what: "crash", n: 22 }]}
        current={1}
        columns={[
          { header: "step", cell: (_r, i) => i + 1 },
          { header: "what", cell: (r) => r.what },
          { header: "count", cell: (r) => r.n, align: "right", mono: true },
        ]}
      />,
    );
    expect(host.querySelector("summary")!.textContent).toBe("Show the steps as a table");
    const table = q(host, "t");
    expect([...table.querySelectorAll("thead th")].map((th) => [th.textContent, th.getAttribute("scope")])).toEqual([["step", "col"], ["what", "col"], ["count", "col"]]);
    const rows = table.querySelectorAll("tbody tr");
    expect(rows).toHaveLength(2);
    expect(rows[0]!.querySelector("th[scope=row]")!.textContent).toBe("1");
    expect(rows[0]!.getAttribute("aria-current")).toBeNull();
    expect(rows[1]!.getAttribute("aria-current")).toBe("step");
    const count = rows[1]!.querySelectorAll("td")[1]!;
    expect(count.textContent).toBe("22");
    expect(count.className).toContain("text-right");
    expect(count.className).toContain("font-mono");
  });
});
