import { describe, expect, it } from "vitest";
import { formatBytes, formatDelay, longPollRequestsPerClient, transportCosts, websocketHeaderBytes, withAssumptions, type TransportCost } from "@/lib/realtime/transports";

const byId = (rows: TransportCost[]) => Object.fromEntries(rows.map((r) => [r.id, r]));

describe("websocketHeaderBytes (RFC 6455 §5.2)", () => {
  it("uses the 7-bit, 16-bit and 64-bit length forms at 125/126 and 65535/65536 bytes", () => {
    expect(websocketHeaderBytes(0)).toBe(2);
    expect(websocketHeaderBytes(125)).toBe(2);
    expect(websocketHeaderBytes(126)).toBe(4);
    expect(websocketHeaderBytes(65535)).toBe(4);
    expect(websocketHeaderBytes(65536)).toBe(10);
  });
  it("adds the 4-byte masking key on client-to-server frames", () => {
    expect(websocketHeaderBytes(125, true)).toBe(6);
    expect(websocketHeaderBytes(1000, true)).toBe(8);
  });
});

describe("transportCosts: hand-computed cases (700 B headers, 100 ms round trip, 30 s hold, 20 B SSE framing)", () => {
  it("1,000 clients, 1 update/s of 200 B, polling every 5 s", () => {
    const c = byId(transportCosts(withAssumptions({ clients: 1000, updatesPerSec: 1, payloadBytes: 200, pollIntervalS: 5 })));
    // Polling: 1000 / 5 = 200 req/s; each carries 5 updates, none empty; 200 × 700 = 140,000 B/s headers
    // on top of 1000 × 200 = 200,000 B/s payload.
    expect(c.polling.requestsPerSec).toBe(200);
    expect(c.polling.emptyResponsesPerSec).toBe(0);
    expect(c.polling.bytesPerSec).toBe(340_000);
    expect(c.polling.bytesPerUpdate).toBe(340);
    expect(c.polling.messagesPerUpdate).toBeCloseTo(0.4, 12);
    expect(c.polling.worstDelayS).toBe(5);
    // Long polling: one request per update, 1000 req/s × 700 B = 700,000 B/s of headers.
    expect(c["long-polling"].requestsPerSec).toBe(1000);
    expect(c["long-polling"].bytesPerSec).toBe(900_000);
    expect(c["long-polling"].bytesPerUpdate).toBe(900);
    expect(c["long-polling"].messagesPerUpdate).toBe(2);
    expect(c["long-polling"].worstDelayS).toBe(0.1);
    expect(c["long-polling"].heldOpen).toBe(1000);
    // SSE: 200 + 20 per update; WebSocket: 200 > 125, so the 16-bit length form: 200 + 4.
    expect(c.sse.bytesPerSec).toBe(220_000);
    expect(c.sse.requestsPerSec).toBe(0);
    expect(c.websocket.bytesPerUpdate).toBe(204);
    expect(c.websocket.bytesPerSec).toBe(204_000);
    expect(c.websocket.worstDelayS).toBe(0);
    expect(c.websocket.messagesPerUpdate).toBe(1);
  });

  it("10,000 clients, one 100-B update a minute, polling every 2 s: almost every poll is empty", () => {
    const c = byId(transportCosts(withAssumptions({ clients: 10_000, updatesPerSec: 1 / 60, payloadBytes: 100, pollIntervalS: 2 })));
    // 5,000 polls/s; a fraction 2/60 of them find an update, so 5000 × 58/60 ≈ 4,833.3 come back empty.
    expect(c.polling.requestsPerSec).toBe(5000);
    expect(c.polling.emptyResponsesPerSec).toBeCloseTo(4833.333, 3);
    // 3,500,000 B/s of headers for 166.67 updates/s: 21,000 B of headers + 100 B payload per update.
    expect(c.polling.bytesPerUpdate).toBeCloseTo(21_100, 6);
    // Long polling: a 60 s gap takes ceil(60/30) = 2 requests (one times out empty), 2/60 per client.
    expect(c["long-polling"].requestsPerSec).toBeCloseTo(333.333, 3);
    expect(c["long-polling"].emptyResponsesPerSec).toBeCloseTo(166.667, 3);
    expect(c["long-polling"].bytesPerUpdate).toBeCloseTo(1500, 6);
    // 100 B ≤ 125: a 2-byte WebSocket header.
    expect(c.websocket.bytesPerUpdate).toBeCloseTo(102, 9);
    expect(c.sse.bytesPerUpdate).toBeCloseTo(120, 9);
  });

  it("one client, 20 updates/s of 1,000 B: long polling batches to one request per round trip", () => {
    const c = byId(transportCosts(withAssumptions({ clients: 1, updatesPerSec: 20, payloadBytes: 1000, pollIntervalS: 1 })));
    expect(c["long-polling"].requestsPerSec).toBe(10);
    expect(c["long-polling"].emptyResponsesPerSec).toBe(0);
    expect(c["long-polling"].bytesPerSec).toBe(27_000); // 10 × 700 + 20 × 1000
    expect(c["long-polling"].messagesPerUpdate).toBe(1); // 20 messages for 20 updates
    expect(c.polling.bytesPerSec).toBe(20_700);
    expect(c.websocket.bytesPerSec).toBe(20_080); // 20 × (1000 + 4)
  });
});

describe("longPollRequestsPerClient", () => {
  it("counts timeouts per gap: a gap of exactly two holds takes two requests, 1.5 holds also two, half a hold one", () => {
    expect(longPollRequestsPerClient(1 / 60, 0.1, 30)).toBeCloseTo(2 / 60, 12);
    expect(longPollRequestsPerClient(1 / 45, 0.1, 30)).toBeCloseTo(2 / 45, 12);
    expect(longPollRequestsPerClient(1 / 15, 0.1, 30)).toBeCloseTo(1 / 15, 12);
  });
});

describe("inputs and formatting", () => {
  it("refuses nonsense by name", () => {
    expect(() => transportCosts(withAssumptions({ clients: 10, updatesPerSec: 0, payloadBytes: 1, pollIntervalS: 1 }))).toThrow(/updatesPerSec/);
    expect(() => transportCosts(withAssumptions({ clients: -1, updatesPerSec: 1, payloadBytes: 1, pollIntervalS: 1 }))).toThrow(/clients/);
    expect(() => transportCosts(withAssumptions({ clients: 1, updatesPerSec: 1, payloadBytes: 1, pollIntervalS: 1, rttS: 40 }))).toThrow(/rttS/);
  });
  it("zero clients cost nothing", () => {
    for (const r of transportCosts(withAssumptions({ clients: 0, updatesPerSec: 1, payloadBytes: 100, pollIntervalS: 1 }))) {
      expect(r.bytesPerSec).toBe(0);
      expect(r.bytesPerUpdate).toBe(0);
    }
  });
  it("formats bytes in decimal units and delays in ms or s", () => {
    expect(formatBytes(512)).toBe("512 B");
    expect(formatBytes(340_000)).toBe("340 kB");
    expect(formatBytes(3_516_667)).toBe("3.52 MB");
    expect(formatDelay(0)).toBe("none");
    expect(formatDelay(0.1)).toBe("100 ms");
    expect(formatDelay(5)).toBe("5 s");
  });
});
