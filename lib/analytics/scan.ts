/**
 * Bytes a query reads from a row layout and a columnar layout of the same table, with zone-map
 * (min/max per block) pruning. Pure arithmetic on a fixed example, behind <ScanBytes> in the
 * analytics-storage chapter.
 *
 * The table: `deliveries`, 100,000,000 rows of 20 fixed-width columns, 100 bytes a row uncompressed,
 * so 10 GB (decimal) in either layout. Both layouts are cut into the same 100 blocks of 1,000,000
 * rows (a row layout's block of whole rows; a columnar row group holding one chunk per column), and
 * each block keeps the minimum and maximum of the filter column, `restaurant_id`.
 *
 * The query: `SELECT <columns> FROM deliveries WHERE restaurant_id < X`, where X is chosen so the
 * filter keeps a fraction s of the rows. A prefix range, so when the table is sorted the matching
 * rows start at the first block and no block is straddled at the start.
 *
 * - Not sorted, not partitioned: rows arrive in delivery order, so every block holds restaurant ids
 *   from across the whole range; its min and max cover any filter, and zone maps prune nothing.
 * - Partitioned by restaurant_id range into 10 partitions of 10 blocks: the engine opens only the
 *   ceil(10·s) partitions the range touches, and reads every block in them (unsorted inside).
 * - Sorted (clustered) on restaurant_id, with or without partitions: the matches are contiguous, so
 *   only the first ceil(100·s) blocks can contain them; every later block's minimum is at or above
 *   X, so its zone map alone rules it out.
 *
 * A row layout reads whole blocks: every column of every block it cannot skip. A columnar layout
 * reads, in those blocks, only the chunks of the columns the query needs: the selected columns and
 * the filter column (it has to be read to evaluate the filter). Sizes are uncompressed; compression
 * shrinks both layouts, columnar usually more, and is taught separately.
 */

export interface Column {
  name: string;
  /** Bytes per value, uncompressed, fixed width (variable-width columns at their average). */
  bytes: number;
  /** What it holds, for the column picker. */
  about: string;
}

export const COLUMNS: readonly Column[] = [
  { name: "delivery_id", bytes: 8, about: "64-bit id" },
  { name: "order_id", bytes: 8, about: "64-bit id" },
  { name: "restaurant_id", bytes: 4, about: "32-bit id; the filter column" },
  { name: "courier_id", bytes: 4, about: "32-bit id" },
  { name: "customer_id", bytes: 8, about: "64-bit id" },
  { name: "city_id", bytes: 2, about: "16-bit id" },
  { name: "created_at", bytes: 8, about: "timestamp" },
  { name: "delivered_at", bytes: 8, about: "timestamp" },
  { name: "distance_m", bytes: 4, about: "metres" },
  { name: "prep_s", bytes: 4, about: "seconds" },
  { name: "wait_s", bytes: 4, about: "seconds" },
  { name: "ride_s", bytes: 4, about: "seconds" },
  { name: "subtotal_cents", bytes: 4, about: "money" },
  { name: "fee_cents", bytes: 4, about: "money" },
  { name: "tip_cents", bytes: 4, about: "money" },
  { name: "status", bytes: 1, about: "code" },
  { name: "payment_method", bytes: 1, about: "code" },
  { name: "rating", bytes: 1, about: "1–5" },
  { name: "vehicle", bytes: 1, about: "code" },
  { name: "notes", bytes: 18, about: "text, average length" },
];

export const FILTER_COLUMN = "restaurant_id";
export const ROWS = 100_000_000;
export const BLOCKS = 100;
export const ROWS_PER_BLOCK = ROWS / BLOCKS;
export const PARTITIONS = 10;
export const BLOCKS_PER_PARTITION = BLOCKS / PARTITIONS;
/** Bytes of one row with every column: 100. */
export const ROW_BYTES = COLUMNS.reduce((s, c) => s + c.bytes, 0);
export const TABLE_BYTES = ROW_BYTES * ROWS;

/** The selectivities the widget offers (fraction of rows the filter keeps). */
export const SELECTIVITIES = [0.0001, 0.001, 0.01, 0.05, 0.1, 0.25, 0.5, 1] as const;

export interface ScanInput {
  /** Columns in the SELECT list (names from COLUMNS). */
  selected: readonly string[];
  /** Fraction of rows the filter keeps, in (0, 1]. */
  selectivity: number;
  /** Range-partitioned on the filter column into PARTITIONS partitions. */
  partitioned: boolean;
  /** Sorted (clustered) on the filter column inside the table or each partition. */
  sorted: boolean;
}

export interface LayoutResult {
  /** Blocks (row groups) read after pruning, of BLOCKS. */
  blocksRead: number;
  /** Bytes read from storage. */
  bytes: number;
  /** bytes ÷ TABLE_BYTES. */
  fractionOfTable: number;
}

export interface ScanResult {
  /** Rows the filter keeps. */
  matchingRows: number;
  /** Partitions opened (PARTITIONS when not partitioned: the whole table is one directory). */
  partitionsOpened: number;
  /** Zone maps (block min/max) the engine consults: the blocks of the partitions it opened. */
  zoneMapsChecked: number;
  /** Blocks skipped by partition pruning and by zone maps. */
  prunedByPartition: number;
  prunedByZoneMap: number;
  /** Which blocks are read, in storage order (true = read). */
  blockRead: boolean[];
  /** Columns a columnar scan reads: the selected ones plus the filter column, in table order. */
  columnsRead: string[];
  /** Bytes per row of those columns. */
  columnarRowBytes: number;
  row: LayoutResult;
  columnar: LayoutResult;
  /** No pruning at all: every block of every column, the same in both layouts. */
  fullScanBytes: number;
}

function check(input: ScanInput): void {
  const s = input.selectivity;
  if (!(s > 0 && s <= 1)) throw new Error(`selectivity must be in (0, 1] (got ${s})`);
  for (const c of input.selected) if (!COLUMNS.some((k) => k.name === c)) throw new Error(`unknown column "${c}"`);
}

/** ceil with a guard against 100 × 0.07 = 7.000000000000001 style noise. */
const ceilish = (x: number) => Math.ceil(x - 1e-9);

/** Bytes each layout reads for the query, and which blocks it reads. */
export function scan(input: ScanInput): ScanResult {
  check(input);
  const s = input.selectivity;
  const partitionsOpened = input.partitioned ? Math.max(1, ceilish(s * PARTITIONS)) : PARTITIONS;
  const candidateBlocks = partitionsOpened * BLOCKS_PER_PARTITION;
  // Blocks that can hold a match. Sorted: the first ceil(100·s). Not sorted: every candidate block,
  // because each one's min and max span (nearly) the whole range of restaurant ids.
  const needed = input.sorted ? Math.min(candidateBlocks, Math.max(1, ceilish(s * BLOCKS))) : candidateBlocks;
  const blockRead = Array.from({ length: BLOCKS }, (_, i) => i < needed);
  const columnsRead = COLUMNS.filter((c) => c.name === FILTER_COLUMN || input.selected.includes(c.name)).map((c) => c.name);
  const columnarRowBytes = COLUMNS.filter((c) => columnsRead.includes(c.name)).reduce((sum, c) => sum + c.bytes, 0);
  const layout = (rowBytes: number): LayoutResult => {
    const bytes = needed * ROWS_PER_BLOCK * rowBytes;
    return { blocksRead: needed, bytes, fractionOfTable: bytes / TABLE_BYTES };
  };
  return {
    matchingRows: Math.round(s * ROWS),
    partitionsOpened,
    zoneMapsChecked: candidateBlocks,
    prunedByPartition: BLOCKS - candidateBlocks,
    prunedByZoneMap: candidateBlocks - needed,
    blockRead,
    columnsRead,
    columnarRowBytes,
    row: layout(ROW_BYTES),
    columnar: layout(columnarRowBytes),
    fullScanBytes: TABLE_BYTES,
  };
}

/** Bytes in decimal units with three significant figures at most: "10 GB", "100 MB", "1.2 MB". */
export function formatBytes(b: number): string {
  const units: [number, string][] = [
    [1e12, "TB"],
    [1e9, "GB"],
    [1e6, "MB"],
    [1e3, "kB"],
  ];
  for (const [size, unit] of units) if (b >= size) return `${trim(b / size)} ${unit}`;
  return `${b} B`;
}

const trim = (x: number) => String(Number(x.toPrecision(3)));

/** A selectivity as a percentage: 0.0001 → "0.01%", 0.25 → "25%". */
export function formatSelectivity(s: number): string {
  return `${Number((s * 100).toPrecision(3))}%`;
}
