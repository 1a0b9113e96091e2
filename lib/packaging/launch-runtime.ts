/**
 * The script of a package's launch page, as JavaScript source (it runs inside the course platform,
 * not in this app, so it is plain ES2017 with no imports). The common part listens to the embedded
 * labs' `faultline:*` events BY NAME (lib/share/embed-protocol.ts, and the challenge events
 * `faultline:challenge-started` / `faultline:challenge-completed` with `{ challengeId, goalsMet,
 * score, seed, engineVersion, linkHash }`), accepting only messages whose source is one of its own
 * iframes and whose origin is the embed's origin; an adapter turns progress into SCORM 1.2 API calls
 * or cmi5 xAPI statements.
 *
 * Rules: with challenges, the activity is passed when every challenge reported its goals met; the
 * score is the mean of each challenge's best score (0-100; a missing score counts 100 when met,
 * 0 otherwise). Without challenges, it is completed once every lab has been played.
 */

/** Shared by both formats: reads the config, tracks progress, calls `adapter`. */
const COMMON = String.raw`
  var config = JSON.parse(document.getElementById("faultline-config").textContent);
  var statusEl = document.getElementById("faultline-status");
  var frames = Array.prototype.slice.call(document.querySelectorAll("iframe[data-frame]"));
  var played = {};
  var best = {};
  var met = {};
  var done = false;
  function say(text) { if (text) statusEl.textContent = text; }
  function frameOf(source) {
    for (var i = 0; i < frames.length; i++) if (frames[i].contentWindow === source) return i;
    return -1;
  }
  function goalCount(id) {
    for (var i = 0; i < config.challenges.length; i++) if (config.challenges[i].id === id) return config.challenges[i].goals;
    return -1;
  }
  function goalsMet(value, count) {
    if (value === true) return true;
    if (typeof value === "number") return count > 0 && value >= count;
    if (Array.isArray(value)) return value.length > 0 && value.every(function (v) { return v === true; });
    return false;
  }
  function showChallenge(id, text) {
    var item = document.querySelector('[data-challenge="' + id + '"] .state');
    if (item) item.textContent = text;
  }
  function onChallengeCompleted(data) {
    var count = goalCount(data.challengeId);
    if (count < 0) return;
    var ok = goalsMet(data.goalsMet, count);
    // The embed protocol's score is goalsMet / goalsTotal in 0..1 (lib/share/README.md); packages report 0-100.
    var score = typeof data.score === "number" && isFinite(data.score) ? Math.max(0, Math.min(1, data.score)) * 100 : ok ? 100 : 0;
    score = Math.round(score * 100) / 100;
    if (!(data.challengeId in best) || score > best[data.challengeId]) best[data.challengeId] = score;
    if (ok) met[data.challengeId] = true;
    showChallenge(data.challengeId, met[data.challengeId] ? "goals met (best score " + best[data.challengeId] + ")" : "goals not met yet (best score " + best[data.challengeId] + ")");
    var total = 0;
    var allMet = true;
    config.challenges.forEach(function (c) {
      total += best[c.id] || 0;
      if (!met[c.id]) allMet = false;
    });
    var overall = Math.round((total / config.challenges.length) * 100) / 100;
    adapter.result({ challengeId: data.challengeId, met: ok, allMet: allMet, score: overall });
    if (allMet && !done) { done = true; say("All goals met: your result has been sent."); }
    else if (!done) say(ok ? "Goals met for this challenge: your score has been sent." : "Not all goals are met yet: change the settings and run again.");
  }
  window.addEventListener("message", function (event) {
    var index = frameOf(event.source);
    if (index < 0 || event.origin !== config.embedOrigin) return;
    var data = event.data;
    if (typeof data !== "object" || data === null || typeof data.type !== "string") return;
    switch (data.type) {
      case "faultline:ready":
        frames[index].setAttribute("data-ready", "true");
        if (!done) say("The lab has loaded." + (config.challenges.length ? " Meet the goals to pass." : " Play it to complete this activity."));
        break;
      case "faultline:resize":
        if (typeof data.heightPx === "number" && isFinite(data.heightPx)) frames[index].style.height = Math.max(240, Math.min(6000, Math.round(data.heightPx))) + "px";
        break;
      case "faultline:played":
        played[index] = true;
        if (!config.challenges.length && !done && frames.every(function (_, i) { return played[i]; })) {
          done = true;
          adapter.completed();
          say("Completed: every lab has been played.");
        }
        break;
      case "faultline:challenge-started":
        if (goalCount(data.challengeId) >= 0 && !(data.challengeId in best)) showChallenge(data.challengeId, "started");
        break;
      case "faultline:challenge-completed":
        if (typeof data.challengeId === "string") onChallengeCompleted(data);
        break;
    }
  });
  var finish = function () { adapter.finish(); };
  window.addEventListener("pagehide", finish);
  window.addEventListener("beforeunload", finish);
  Promise.resolve(adapter.start()).then(function (text) {
    // "Connected…" is news only until a lab reports that it has loaded.
    if (!(text && /^Connected/.test(text) && document.querySelector("iframe[data-ready]"))) say(text);
  }, function (error) { say("Progress cannot be recorded: " + (error && error.message ? error.message : error)); });
`;

/** SCORM 1.2: finds `API` in the parent windows (then the opener's), the discovery loop of the SCORM 1.2 RTE. */
const SCORM = String.raw`
  function findApi(win) {
    for (var n = 0; win && n < 500; n++) {
      try { if (win.API) return win.API; } catch (e) { /* a cross-origin window: look further up */ }
      if (win.parent === win) break;
      win = win.parent;
    }
    return null;
  }
  function sessionTime(ms) {
    var s = Math.floor(ms / 1000);
    var pad = function (n, w) { n = String(n); while (n.length < w) n = "0" + n; return n; };
    return pad(Math.floor(s / 3600), 4) + ":" + pad(Math.floor(s / 60) % 60, 2) + ":" + pad(s % 60, 2);
  }
  var adapter = (function () {
    var api = null;
    var finished = false;
    var finalStatus = false;
    var startedAt = Date.now();
    return {
      start: function () {
        api = findApi(window) || (window.opener ? findApi(window.opener) : null);
        if (!api) return "No course platform was found (no SCORM 1.2 API): the lab works, but your progress is not recorded.";
        if (String(api.LMSInitialize("")) !== "true") { api = null; return "The course platform refused to start a session: your progress is not recorded."; }
        var status = String(api.LMSGetValue("cmi.core.lesson_status"));
        finalStatus = status === "passed" || status === "completed";
        if (status === "" || status === "not attempted") {
          api.LMSSetValue("cmi.core.lesson_status", "incomplete");
          api.LMSCommit("");
        }
        return "Connected to your course platform. Loading the lab…";
      },
      result: function (r) {
        if (!api || finished) return;
        api.LMSSetValue("cmi.core.score.min", "0");
        api.LMSSetValue("cmi.core.score.max", "100");
        api.LMSSetValue("cmi.core.score.raw", String(r.score));
        if (r.allMet && !finalStatus) { api.LMSSetValue("cmi.core.lesson_status", "passed"); finalStatus = true; }
        api.LMSCommit("");
      },
      completed: function () {
        if (!api || finished || finalStatus) return;
        api.LMSSetValue("cmi.core.lesson_status", "completed");
        finalStatus = true;
        api.LMSCommit("");
      },
      finish: function () {
        if (!api || finished) return;
        finished = true;
        api.LMSSetValue("cmi.core.session_time", sessionTime(Date.now() - startedAt));
        api.LMSSetValue("cmi.core.exit", finalStatus ? "" : "suspend");
        api.LMSFinish("");
      }
    };
  })();
`;

/** cmi5: launch parameters from the URL, the auth token from `fetch`, LMS.LaunchData, then xAPI statements. */
const CMI5 = String.raw`
  var VERBS = {
    initialized: "http://adlnet.gov/expapi/verbs/initialized",
    passed: "http://adlnet.gov/expapi/verbs/passed",
    failed: "http://adlnet.gov/expapi/verbs/failed",
    completed: "http://adlnet.gov/expapi/verbs/completed",
    terminated: "http://adlnet.gov/expapi/verbs/terminated"
  };
  var CMI5_CATEGORY = "https://w3id.org/xapi/cmi5/context/categories/cmi5";
  var MOVEON_CATEGORY = "https://w3id.org/xapi/cmi5/context/categories/moveon";
  function uuid() {
    var b = new Uint8Array(16);
    crypto.getRandomValues(b);
    b[6] = (b[6] & 15) | 64;
    b[8] = (b[8] & 63) | 128;
    var h = Array.prototype.map.call(b, function (x) { return (x + 256).toString(16).slice(1); }).join("");
    return h.slice(0, 8) + "-" + h.slice(8, 12) + "-" + h.slice(12, 16) + "-" + h.slice(16, 20) + "-" + h.slice(20);
  }
  function duration(ms) { return "PT" + (Math.round(ms / 10) / 100) + "S"; }
  var adapter = (function () {
    var q = new URLSearchParams(location.search);
    var launch = { endpoint: q.get("endpoint"), fetch: q.get("fetch"), actor: q.get("actor"), registration: q.get("registration"), activityId: q.get("activityId") };
    var token = null;
    var launchData = {};
    var actor = null;
    var queue = Promise.resolve();
    var sent = {};
    var terminated = false;
    var startedAt = Date.now();
    var live = false;
    function endpoint(path) { return launch.endpoint.replace(/\/?$/, "/") + path; }
    function headers(json) {
      var h = { "Authorization": "Basic " + token, "X-Experience-API-Version": "1.0.3" };
      if (json) h["Content-Type"] = "application/json";
      return h;
    }
    function statement(verb, result, moveOn) {
      var template = launchData.contextTemplate || {};
      var context = JSON.parse(JSON.stringify(template));
      context.registration = launch.registration;
      context.contextActivities = context.contextActivities || {};
      var category = (context.contextActivities.category || []).slice();
      category.push({ id: CMI5_CATEGORY });
      if (moveOn) category.push({ id: MOVEON_CATEGORY });
      context.contextActivities.category = category;
      var s = { id: uuid(), actor: actor, verb: { id: VERBS[verb], display: { "en-US": verb } }, object: { id: launch.activityId, objectType: "Activity" }, context: context, timestamp: new Date().toISOString() };
      if (result) s.result = result;
      return s;
    }
    var pending = 0;
    function chain(step) {
      pending++;
      queue = queue.then(step).then(function () { pending--; }, function (error) { pending--; say("Progress could not be sent: " + (error && error.message ? error.message : error)); });
      return queue;
    }
    function send(verb, result, moveOn, keepalive) {
      var run = function () {
        if (!live) throw new Error("the session did not start");
        // Built when sent, so it carries the launch data's context template.
        var body = JSON.stringify(statement(verb, result, moveOn));
        return fetch(endpoint("statements"), { method: "POST", headers: headers(true), body: body, keepalive: !!keepalive }).then(function (r) {
          if (!r.ok) throw new Error("the platform refused the " + verb + " statement (HTTP " + r.status + ")");
        });
      };
      // While the page unloads, queued promise callbacks may never run: send at once when nothing waits.
      if (keepalive && pending === 0) return run();
      return chain(run);
    }
    var normal = function () { return !launchData.launchMode || launchData.launchMode === "Normal"; };
    return {
      start: function () {
        if (!launch.endpoint || !launch.fetch || !launch.actor || !launch.registration || !launch.activityId) {
          return "This page was not launched by a cmi5 course platform: the lab works, but your progress is not recorded.";
        }
        try { actor = JSON.parse(launch.actor); } catch (e) { return "The platform's actor parameter is not JSON: your progress is not recorded."; }
        chain(function () {
          return fetch(launch.fetch, { method: "POST" })
            .then(function (r) { if (!r.ok) throw new Error("the platform gave no session token (HTTP " + r.status + ")"); return r.json(); })
            .then(function (body) {
              if (!body || typeof body["auth-token"] !== "string") throw new Error(body && body["error-text"] ? body["error-text"] : "the platform gave no session token");
              token = body["auth-token"];
              var url = endpoint("activities/state") + "?" + new URLSearchParams({ stateId: "LMS.LaunchData", activityId: launch.activityId, agent: JSON.stringify(actor), registration: launch.registration }).toString();
              return fetch(url, { headers: headers(false) });
            })
            .then(function (r) { return r.ok ? r.json() : {}; })
            .then(function (data) { launchData = data && typeof data === "object" ? data : {}; live = true; });
        });
        return send("initialized").then(function () {
          return live ? "Connected to your course platform. Loading the lab…" : undefined;
        });
      },
      result: function (r) {
        if (terminated || !normal()) return;
        var ms = Date.now() - startedAt;
        if (r.allMet && !sent.passed) {
          sent.passed = true;
          send("passed", { success: true, score: { scaled: r.score / 100, raw: r.score, min: 0, max: 100 }, duration: duration(ms) }, true);
        } else if (!r.met && !sent.failed && !sent.passed) {
          sent.failed = true;
          send("failed", { success: false, score: { scaled: r.score / 100, raw: r.score, min: 0, max: 100 }, duration: duration(ms) }, true);
        }
      },
      completed: function () {
        if (terminated || !normal() || sent.completed) return;
        sent.completed = true;
        send("completed", { completion: true, duration: duration(Date.now() - startedAt) }, true);
      },
      finish: function () {
        if (!live || terminated) return;
        terminated = true;
        send("terminated", { duration: duration(Date.now() - startedAt) }, false, true);
      }
    };
  })();
`;

/** The launch page's script for a format. */
export function launchScript(format: "scorm12" | "cmi5"): string {
  return `(function () {\n  "use strict";\n${format === "scorm12" ? SCORM : CMI5}${COMMON}})();\n`;
}
