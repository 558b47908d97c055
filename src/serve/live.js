// gloss serve: reload the page after a good build; show the errors of a
// broken one over the last good page, in an overlay the editor can dismiss
// (button or Escape) to look at that page, and bring back from a small
// bar until the next build. Injected only by `gloss serve`.
(function () {
  "use strict";
  var overlayId = "gloss-serve-overlay";
  var barId = "gloss-serve-errors-bar";

  function button(label, onClick) {
    var b = document.createElement("button");
    b.type = "button";
    b.textContent = label;
    b.style.cssText = "font:inherit;margin:0 0 0.75rem;padding:0.2rem 0.8rem;color:#1d1d1f;" +
      "background:#f5f5f5;border:1px solid #f5f5f5;border-radius:3px;cursor:pointer";
    b.addEventListener("click", onClick);
    return b;
  }

  function remove(id) {
    var e = document.getElementById(id);
    if (e) e.remove();
  }

  function showErrors(text) {
    remove(barId);
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
    var title = document.createElement("p");
    title.style.cssText = "margin:0 0 0.5rem;font-weight:700";
    title.textContent = "gloss: the last edit does not build. Still showing the last good version.";
    var pre = document.createElement("pre");
    pre.style.whiteSpace = "pre-wrap";
    pre.textContent = text;
    overlay.appendChild(title);
    overlay.appendChild(button("Dismiss: show the last good page", function () { dismiss(text); }));
    overlay.appendChild(pre);
  }

  // Hides the errors until the next build, leaving a bar to show them again.
  function dismiss(text) {
    remove(overlayId);
    var bar = document.createElement("div");
    bar.id = barId;
    bar.style.cssText = "position:fixed;left:1rem;bottom:1rem;z-index:2147483647;padding:0.5rem 0.75rem 0;" +
      "background:#1d1d1f;color:#f5f5f5;border:2px solid #d33;border-radius:6px;font:14px/1.45 system-ui,sans-serif";
    var note = document.createElement("span");
    note.textContent = "The last edit does not build; this is the last good version. ";
    bar.appendChild(note);
    bar.appendChild(button("Show the errors", function () { showErrors(text); }));
    document.body.appendChild(bar);
  }

  function clearErrors() {
    remove(overlayId);
    remove(barId);
  }

  document.addEventListener("keydown", function (e) {
    var overlay = document.getElementById(overlayId);
    if (e.key === "Escape" && overlay) {
      dismiss(overlay.querySelector("pre").textContent);
    }
  });

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
