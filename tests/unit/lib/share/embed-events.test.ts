import { describe, expect, it } from "vitest";
import { challengeCompletedEvent, parseParentCommand, progressEvent, type EmbedEvent } from "@/lib/share/embed-protocol";
import { createPlayerJsListeners, parsePlayerJsMessage, playerJsMessage, playerJsReadyValue, PLAYERJS_METHODS } from "@/lib/share/player-js";

describe("challenge events", () => {
  it("challenge-completed carries exactly the documented fields, score in 0..1", () => {
    const event = challengeCompletedEvent({ challengeId: "size-the-queue", goalsMet: 1, goalsTotal: 3, seed: 11, engineVersion: "1", linkHash: "0123456789abcdef" });
    expect(event).toEqual({ type: "faultline:challenge-completed", challengeId: "size-the-queue", goalsMet: 1, goalsTotal: 3, score: 0.3333, passed: false, seed: 11, engineVersion: "1", linkHash: "0123456789abcdef" });
    expect(challengeCompletedEvent({ challengeId: "x", goalsMet: 2, goalsTotal: 2, seed: 1, engineVersion: "1", linkHash: "h" })).toMatchObject({ score: 1, passed: true });
    // Survives structured cloning (postMessage) unchanged.
    expect(structuredClone(event)).toEqual(event);
  });

  it("progress reports goals met, a score and passed", () => {
    expect(progressEvent("c", 0, 2)).toEqual({ type: "faultline:progress", challengeId: "c", goalsMet: 0, goalsTotal: 2, score: 0, passed: false });
    expect(progressEvent("c", 2, 2)).toMatchObject({ score: 1, passed: true });
    expect(progressEvent("c", 0, 0)).toMatchObject({ score: 0, passed: false });
  });

  it("challenge-started is part of the event union", () => {
    const started: EmbedEvent = { type: "faultline:challenge-started", challengeId: "c", goalsTotal: 2, seed: 1, engineVersion: "1" };
    expect(started.type).toBe("faultline:challenge-started");
  });

  it("parent commands stay strict", () => {
    expect(parseParentCommand({ type: "faultline:challenge-completed" })).toBeNull();
  });
});

describe("player.js", () => {
  it("parses the host's calls as strings or objects", () => {
    expect(parsePlayerJsMessage('{"context":"player.js","version":"0.0.11","method":"play"}')).toEqual({ method: "play" });
    expect(parsePlayerJsMessage({ context: "player.js", method: "getCurrentTime", listener: "7" })).toEqual({ method: "getCurrentTime", listener: "7" });
    expect(parsePlayerJsMessage({ context: "player.js", method: "getDuration", listener: 3 })).toEqual({ method: "getDuration", listener: "3" });
    expect(parsePlayerJsMessage({ context: "player.js", method: "setCurrentTime", value: 12.5 })).toEqual({ method: "setCurrentTime", value: 12.5 });
    expect(parsePlayerJsMessage({ context: "player.js", method: "addEventListener", value: "timeupdate", listener: "a" })).toEqual({ method: "addEventListener", value: "timeupdate", listener: "a" });
  });

  it("ignores anything malformed", () => {
    for (const bad of [
      "play",
      "{not json player.js",
      '{"context":"other","method":"play"}',
      { context: "player.js", method: "mute" },
      { context: "player.js", method: "setCurrentTime", value: -1 },
      { context: "player.js", method: "setCurrentTime", value: "10" },
      { context: "player.js", method: "addEventListener", value: "__proto__" },
      { context: "player.js", method: "play", extra: 1 },
      { context: "player.js", method: "play", listener: "x".repeat(65) },
      JSON.parse('{"context":"player.js","method":"play","__proto__":{}}'),
      `{"context":"player.js","method":"play","pad":"${"x".repeat(2000)}"}`,
      null,
      [],
    ]) expect(parsePlayerJsMessage(bad), JSON.stringify(bad)?.slice(0, 80)).toBeNull();
  });

  it("answers with player.js JSON strings and only to listeners the host added", () => {
    expect(JSON.parse(playerJsMessage("getCurrentTime", 4.2, "7"))).toEqual({ context: "player.js", version: "0.0.11", event: "getCurrentTime", value: 4.2, listener: "7" });
    expect(JSON.parse(playerJsMessage("ready", playerJsReadyValue("https://x/embed")))).toMatchObject({ event: "ready", value: { src: "https://x/embed", methods: [...PLAYERJS_METHODS] } });
    const listeners = createPlayerJsListeners();
    expect(listeners.messages("play")).toEqual([]);
    listeners.add("play", "a");
    listeners.add("play", "b");
    expect(listeners.messages("play").map((m) => JSON.parse(m).listener)).toEqual(["a", "b"]);
    listeners.remove("play", "a");
    expect(listeners.messages("play").map((m) => JSON.parse(m).listener)).toEqual(["b"]);
  });
});
