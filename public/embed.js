/*
 * Faultline embed resizer (documented in lib/share/README.md of the Faultline repository, "Embedding labs").
 * Load it once on a page that embeds Faultline labs:
 *   <script src="https://<faultline-site>/embed.js" async></script>
 * Every embedded lab posts its content height to the page ({type: "faultline:resize", heightPx}, and
 * Canvas's {subject: "lti.frameResize", height}); this sets the height of the iframe that sent it.
 * It only resizes the frame the message came from, and only when the message's origin is the origin
 * of that frame's src; it reads no other data and sends nothing.
 */
(function () {
  "use strict";
  if (window.__faultlineEmbedResizer) return;
  window.__faultlineEmbedResizer = true;
  var MIN = 120;
  var MAX = 20000;

  function heightOf(data) {
    if (!data || typeof data !== "object") return null;
    var h = data.type === "faultline:resize" ? data.heightPx : data.subject === "lti.frameResize" ? data.height : null;
    if (typeof h === "string" && /^\d+(px)?$/.test(h)) h = parseInt(h, 10);
    return typeof h === "number" && isFinite(h) ? Math.min(MAX, Math.max(MIN, Math.ceil(h))) : null;
  }

  function originOf(src) {
    try {
      return new URL(src, document.baseURI).origin;
    } catch (e) {
      return null;
    }
  }

  window.addEventListener("message", function (event) {
    var height = heightOf(event.data);
    if (height === null) return;
    var frames = document.getElementsByTagName("iframe");
    for (var i = 0; i < frames.length; i++) {
      var frame = frames[i];
      if (frame.contentWindow !== event.source) continue;
      if (originOf(frame.src) !== event.origin) return;
      frame.style.height = height + "px";
      frame.setAttribute("height", String(height));
      frame.setAttribute("data-faultline-height", String(height));
      return;
    }
  });
})();
