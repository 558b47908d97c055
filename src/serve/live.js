// gloss serve: reload the page after a good build; show the errors of a
// broken one over the last good page. Injected only by `gloss serve`.
(function () {
  "use strict";
  var overlayId = "gloss-serve-overlay";

  function showErrors(text) {
    var overlay = document.getElementById(overlayId);
    if (!overlay) {
      overlay = document.createElement("div");
      overlay.id = overlayId;
      overlay.setAttribute("role", "alert");
      overlay.style.cssText =
        "position:fixed;inset:1rem;z-index:2147483647;overflow:auto;padding:1rem 1.5rem;" +
        "background:#1d1d1f;color:#f5f5f5;border:3px solid #d33;border-radius:6px;" +
        "font:14px/1.45 ui-monospace,Menlo,Consolas,monospace;box-shadow:0 4px 24px #0008";
      document.body.appendChild(overlay);
    }
    overlay.textContent = "";
    var title = document.createElement("strong");
    title.textContent = "gloss: the last edit does not build. Still showing the last good version.";
    var pre = document.createElement("pre");
    pre.style.whiteSpace = "pre-wrap";
    pre.textContent = text;
    overlay.appendChild(title);
    overlay.appendChild(pre);
  }

  function clearErrors() {
    var overlay = document.getElementById(overlayId);
    if (overlay) overlay.remove();
  }

  function poll(generation) {
    fetch("/__gloss/poll?since=" + generation, { cache: "no-store" })
      .then(function (r) { return r.json(); })
      .then(function (status) {
        if (status.generation === generation) return poll(generation);
        if (status.errors) {
          showErrors(status.errors);
          return poll(status.generation);
        }
        location.reload();
      })
      .catch(function () { setTimeout(function () { poll(generation); }, 1000); });
  }

  fetch("/__gloss/status", { cache: "no-store" })
    .then(function (r) { return r.json(); })
    .then(function (status) {
      if (status.errors) showErrors(status.errors); else clearErrors();
      poll(status.generation);
    })
    .catch(function () { setTimeout(function () { location.reload(); }, 1000); });
})();
