import { describe, expect, it } from "vitest";
import { patternHomesElsewhere, redirectForHash } from "@/lib/content/pattern-redirect";

// message-queues was split: the broker patterns moved to a new chapter.
const index = [
  { id: "competing-consumers", chapter: "message-queues", written: true },
  { id: "rabbitmq-exchanges", chapter: "message-brokers-in-practice", written: true },
  { id: "kafka-streams", chapter: "event-streaming", written: false },
];
const homes = patternHomesElsewhere(index, "message-queues");
const nothingHere = () => false;

describe("pattern anchors that moved to another chapter", () => {
  it("maps only written patterns of other chapters", () => {
    expect(homes).toEqual({ "rabbitmq-exchanges": "message-brokers-in-practice" });
  });

  it("sends an old link on to the chapter that now holds the pattern", () => {
    expect(redirectForHash("#rabbitmq-exchanges", "message-queues", homes, nothingHere)).toBe("/learn/message-brokers-in-practice#rabbitmq-exchanges");
  });

  it("stays when the anchor exists on this page, the hash is empty, unknown, planned-only or malformed", () => {
    expect(redirectForHash("#rabbitmq-exchanges", "message-queues", homes, (id) => id === "rabbitmq-exchanges")).toBeNull();
    expect(redirectForHash("", "message-queues", homes, nothingHere)).toBeNull();
    expect(redirectForHash("#littles-law", "message-queues", homes, nothingHere)).toBeNull();
    expect(redirectForHash("#kafka-streams", "message-queues", homes, nothingHere)).toBeNull();
    expect(redirectForHash("#%E0%A4%A", "message-queues", homes, nothingHere)).toBeNull();
    expect(redirectForHash("#constructor", "message-queues", homes, nothingHere)).toBeNull();
  });

  it("never redirects to the page it is on", () => {
    expect(redirectForHash("#competing-consumers", "message-queues", patternHomesElsewhere(index, "x"), nothingHere)).toBeNull();
  });
});
