import { describe, expect, it } from "vitest";
import { BLOCKS, COLUMNS, formatBytes, formatSelectivity, ROW_BYTES, scan, TABLE_BYTES } from "@/lib/analytics/scan";

// Hand-computed: 1e8 rows × 100 B = 10 GB; 100 blocks of 1e6 rows; 10 partitions of 10 blocks.
// Default query: SELECT city_id (2 B), tip_cents (4 B) plus the filter column restaurant_id (4 B) = 10 B a row.
const q = { selected: ["city_id", "tip_cents"], selectivity: 0.01, partitioned: false, sorted: false };

describe("bytes scanned, row vs columnar, with zone maps", () => {
  it("the example table is 20 columns, 100 bytes a row, 10 GB", () => {
    expect(COLUMNS).toHaveLength(20);
    expect(ROW_BYTES).toBe(100);
    expect(TABLE_BYTES).toBe(10e9);
  });

  it("neither sorted nor partitioned: zone maps prune nothing, columnar reads only its 10 bytes a row", () => {
    const r = scan(q);
    expect(r.columnsRead).toEqual(["restaurant_id", "city_id", "tip_cents"]);
    expect(r.columnarRowBytes).toBe(10);
    expect(r.row.blocksRead).toBe(100);
    expect(r.row.bytes).toBe(10e9); // 100 × 1e6 × 100
    expect(r.columnar.bytes).toBe(1e9); // 100 × 1e6 × 10
    expect(r.prunedByZoneMap).toBe(0);
    expect(r.matchingRows).toBe(1_000_000);
    // Selectivity does not matter when nothing can be pruned.
    expect(scan({ ...q, selectivity: 0.0001 }).row.bytes).toBe(10e9);
  });

  it("sorted on the filter column: 1% reads ceil(100 × 0.01) = 1 block", () => {
    const r = scan({ ...q, sorted: true });
    expect(r.row.blocksRead).toBe(1);
    expect(r.row.bytes).toBe(100e6); // 1 × 1e6 × 100
    expect(r.columnar.bytes).toBe(10e6); // 1 × 1e6 × 10
    expect(r.prunedByZoneMap).toBe(99);
    expect(r.zoneMapsChecked).toBe(100);
    expect(r.blockRead.filter(Boolean)).toHaveLength(1);
    expect(r.blockRead[0]).toBe(true);
  });

  it("partitioned only: 1% opens ceil(10 × 0.01) = 1 partition and reads its 10 blocks", () => {
    const r = scan({ ...q, partitioned: true });
    expect(r.partitionsOpened).toBe(1);
    expect(r.prunedByPartition).toBe(90);
    expect(r.prunedByZoneMap).toBe(0);
    expect(r.row.bytes).toBe(1e9); // 10 × 1e6 × 100
    expect(r.columnar.bytes).toBe(100e6); // 10 × 1e6 × 10
  });

  it("partitioned and sorted: the same blocks as sorted, but only one partition's zone maps are checked", () => {
    const r = scan({ ...q, partitioned: true, sorted: true });
    expect(r.row.blocksRead).toBe(1);
    expect(r.zoneMapsChecked).toBe(10);
    expect(r.prunedByPartition + r.prunedByZoneMap).toBe(99);
  });

  it("25% sorted reads 25 blocks; partitioned only reads ceil(2.5) = 3 partitions, 30 blocks", () => {
    expect(scan({ ...q, selectivity: 0.25, sorted: true }).row.blocksRead).toBe(25);
    expect(scan({ ...q, selectivity: 0.25, partitioned: true }).row.blocksRead).toBe(30);
    expect(scan({ ...q, selectivity: 0.07, sorted: true }).row.blocksRead).toBe(7); // no float noise
    expect(scan({ ...q, selectivity: 0.0001, sorted: true }).row.blocksRead).toBe(1); // never below one
  });

  it("SELECT * reads the whole row in both layouts: columnar has nothing to skip", () => {
    const r = scan({ ...q, selected: COLUMNS.map((c) => c.name) });
    expect(r.columnar.bytes).toBe(r.row.bytes);
    expect(r.columnar.fractionOfTable).toBe(1);
  });

  it("a query of only the filter column still reads it", () => {
    const r = scan({ ...q, selected: [] });
    expect(r.columnsRead).toEqual(["restaurant_id"]);
    expect(r.columnar.bytes).toBe(BLOCKS * 1e6 * 4);
  });

  it("refuses a bad selectivity or an unknown column", () => {
    expect(() => scan({ ...q, selectivity: 0 })).toThrow(/selectivity/);
    expect(() => scan({ ...q, selected: ["price"] })).toThrow(/unknown column "price"/);
  });

  it("formats bytes and selectivities", () => {
    expect(formatBytes(10e9)).toBe("10 GB");
    expect(formatBytes(100e6)).toBe("100 MB");
    expect(formatBytes(1.25e6)).toBe("1.25 MB");
    expect(formatBytes(400)).toBe("400 B");
    expect(formatSelectivity(0.0001)).toBe("0.01%");
    expect(formatSelectivity(0.25)).toBe("25%");
  });
});
