// gloss serve: the annotation panel of a report's page. Select words of
// the report (with the mouse, or the keyboard with caret browsing, F7) and
// the panel shows the exact quote, the context that picks this place if
// the words repeat, and the TOML for a new claim, a passage of an existing
// claim or a [sic]: copy it, or save it into an annotation file. The
// preview then rebuilds and the page reloads with the new mark.
// Alt+Shift+A moves to the panel; Escape closes it. Injected only by
// `gloss serve`, on a loopback address, with the token every request needs.
(function () {
  "use strict";
  var script = document.currentScript;
  var token = script.getAttribute("data-token");
  var article = script.getAttribute("data-article");
  // What gloss adds to a report's text (note numbers, sidenotes, [sic]
  // links, pilcrows): not the report's words.
  var ADDED = "sup.claim-ref, .sidenote, a.sic-ref, a.pilcrow, .footnote-ref, .footnote-back, .footnote-label, pre";
  var BLOCK = /^(P|LI|BLOCKQUOTE|H[1-6]|DIV|SECTION|TR|TD|TH|DT|DD|FIGCAPTION|HR|BR)$/;
  var CONTEXT = 300;

  var panel, fields = {}, choices = null, selection = null, drafted = null;
  var sequence = 0, timers = {};

  function later(name, ms, fn) {
    clearTimeout(timers[name]);
    timers[name] = setTimeout(fn, ms);
  }

  function call(method, path, body) {
    return fetch(path, {
      method: method,
      cache: "no-store",
      headers: { "X-Gloss-Token": token, "Content-Type": "application/json" },
      body: body === undefined ? undefined : JSON.stringify(body)
    }).then(function (r) {
      return r.json().then(function (json) { return { ok: r.ok, json: json }; });
    });
  }

  // The report's text within `range` (or all of `root`), without what
  // gloss adds, with a line break after each block.
  function textOf(root, range) {
    var parts = [];
    (function collect(node) {
      if (range && !range.intersectsNode(node)) return;
      if (node.nodeType === 3) {
        var start = 0, end = node.data.length;
        if (range && node === range.startContainer) start = range.startOffset;
        if (range && node === range.endContainer) end = range.endOffset;
        parts.push(node.data.slice(start, end));
        return;
      }
      if (node.nodeType !== 1 || (node !== root && node.matches(ADDED))) return;
      for (var child = node.firstChild; child; child = child.nextSibling) collect(child);
      if (BLOCK.test(node.tagName)) parts.push("\n");
    })(root);
    return parts.join("");
  }

  // The headline or the body the range lies in, or null.
  function partOf(range) {
    var node = range.commonAncestorContainer;
    var element = node.nodeType === 1 ? node : node.parentElement;
    if (!element) return null;
    var body = element.closest(".report-body");
    if (body) return { root: body, headline: false };
    var headline = element.closest(".report-header h1");
    if (headline) return { root: headline, headline: true };
    return null;
  }

  function captured() {
    var chosen = window.getSelection();
    if (!chosen || chosen.rangeCount === 0 || chosen.isCollapsed) return null;
    var range = chosen.getRangeAt(0);
    if (panel && panel.contains(range.commonAncestorContainer)) return null;
    var part = partOf(range);
    if (!part) return null;
    var before = document.createRange();
    before.setStart(part.root, 0);
    before.setEnd(range.startContainer, range.startOffset);
    var after = document.createRange();
    after.setStart(range.endContainer, range.endOffset);
    after.setEnd(part.root, part.root.childNodes.length);
    var quote = textOf(part.root, range);
    if (!quote.trim()) return null;
    return {
      headline: part.headline,
      quote: quote,
      before: textOf(part.root, before).slice(-CONTEXT),
      after: textOf(part.root, after).slice(0, CONTEXT)
    };
  }

  function element(tag, attributes, text) {
    var e = document.createElement(tag);
    Object.keys(attributes || {}).forEach(function (k) { e.setAttribute(k, attributes[k]); });
    if (text) e.textContent = text;
    return e;
  }

  function labelled(id, label, control) {
    var wrap = element("div", { class: "gloss-field" });
    control.id = id;
    wrap.appendChild(element("label", { for: id }, label));
    wrap.appendChild(control);
    return wrap;
  }

  function build() {
    panel = element("aside", { id: "gloss-annotate", "aria-labelledby": "gloss-annotate-title" });
    panel.hidden = true;
    var head = element("div", { class: "gloss-head" });
    head.appendChild(element("h2", { id: "gloss-annotate-title" }, "Annotate the selection"));
    var close = element("button", { type: "button", class: "gloss-close" }, "Close");
    close.addEventListener("click", hide);
    head.appendChild(close);
    panel.appendChild(head);

    var found = element("dl", { class: "gloss-found" });
    ["Article", "Quote", "Prefix", "Suffix"].forEach(function (name) {
      found.appendChild(element("dt", {}, name));
      fields[name.toLowerCase()] = found.appendChild(element("dd"));
    });
    panel.appendChild(found);

    var kinds = element("fieldset", { class: "gloss-kinds" });
    kinds.appendChild(element("legend", {}, "Add it as"));
    [["claim", "a new claim"], ["appearance", "a passage of an existing claim"], ["sic", "a [sic]"]]
      .forEach(function (kind, i) {
        var id = "gloss-kind-" + kind[0];
        var radio = element("input", { type: "radio", name: "gloss-kind", value: kind[0], id: id });
        radio.checked = i === 0;
        radio.addEventListener("change", changed);
        var label = element("label", { for: id });
        label.appendChild(radio);
        label.appendChild(document.createTextNode(" " + kind[1]));
        kinds.appendChild(label);
      });
    panel.appendChild(kinds);

    var claim = element("div", { "data-kind": "claim" });
    fields.id = element("input", { type: "text", autocomplete: "off", spellcheck: "false" });
    fields.id.addEventListener("input", function () { fields.id.dataset.edited = "1"; changed(); });
    claim.appendChild(labelled("gloss-claim-id", "Claim id", fields.id));
    fields.title = element("input", { type: "text" });
    fields.title.addEventListener("input", changed);
    claim.appendChild(labelled("gloss-claim-title", "Title: the claim in one line", fields.title));
    fields.claimant = element("select");
    fields.claimant.addEventListener("change", changed);
    claim.appendChild(labelled("gloss-claimant", "Claimant", fields.claimant));
    fields.verdict = element("select");
    fields.verdict.addEventListener("change", changed);
    claim.appendChild(labelled("gloss-verdict", "Verdict", fields.verdict));
    panel.appendChild(claim);

    var appearance = element("div", { "data-kind": "appearance", hidden: "" });
    fields.search = element("input", { type: "search", autocomplete: "off" });
    fields.search.addEventListener("input", function () { later("claims", 200, findClaims); });
    appearance.appendChild(labelled("gloss-claim-search", "Find a claim by id or title", fields.search));
    fields.claim = element("select", { size: "6" });
    fields.claim.addEventListener("change", changed);
    appearance.appendChild(labelled("gloss-claim", "Claim (the likeliest first)", fields.claim));
    panel.appendChild(appearance);

    var sic = element("div", { "data-kind": "sic", hidden: "" });
    fields.note = element("textarea", { rows: "2" });
    fields.note.addEventListener("input", changed);
    sic.appendChild(labelled("gloss-sic-note", "Note: what the report should read", fields.note));
    panel.appendChild(sic);

    fields.file = element("input", { type: "text", list: "gloss-files", autocomplete: "off", spellcheck: "false" });
    fields.file.addEventListener("input", changed);
    panel.appendChild(labelled("gloss-file", "Annotation file (new or existing)", fields.file));
    fields.files = panel.appendChild(element("datalist", { id: "gloss-files" }));

    fields.where = panel.appendChild(element("p", { class: "gloss-where" }));
    fields.toml = panel.appendChild(element("pre", { class: "gloss-toml", tabindex: "0", "aria-label": "The TOML to add" }));
    var actions = element("div", { class: "gloss-actions" });
    fields.copy = actions.appendChild(element("button", { type: "button" }, "Copy"));
    fields.copy.addEventListener("click", copy);
    fields.save = actions.appendChild(element("button", { type: "button", class: "gloss-save" }, "Save"));
    fields.save.addEventListener("click", save);
    panel.appendChild(actions);
    fields.status = panel.appendChild(element("p", { class: "gloss-status", role: "status" }));
    var todo = panel.appendChild(element("p", { class: "gloss-todo" }));
    todo.appendChild(element("a", { href: "/__gloss/todo/" }, "What is left to annotate, report by report"));
    document.body.appendChild(panel);
  }

  function kind() {
    return panel.querySelector("input[name=gloss-kind]:checked").value;
  }

  function option(select, value, text) {
    var o = element("option", { value: value }, text);
    select.appendChild(o);
    return o;
  }

  function loadChoices() {
    if (choices) return Promise.resolve();
    return call("GET", "/__gloss/annotate/choices?article=" + encodeURIComponent(article)).then(function (r) {
      if (!r.ok) throw new Error(r.json.error);
      choices = r.json;
      option(fields.claimant, "", "(not said)");
      choices.entities.forEach(function (e) { option(fields.claimant, e[0], e[1] + " (" + e[0] + ")"); });
      option(fields.verdict, "", "unverified, until checked");
      choices.verdicts.forEach(function (v) { option(fields.verdict, v[0], v[1] + ": " + v[2]); });
      choices.files.forEach(function (f) { option(fields.files, f, f); });
      fields.file.value = choices.file;
    });
  }

  function findClaims() {
    if (!selection) return;
    var query = "?q=" + encodeURIComponent(fields.search.value) + "&quote=" + encodeURIComponent(selection.quote);
    call("GET", "/__gloss/annotate/claims" + query).then(function (r) {
      var kept = fields.claim.value;
      fields.claim.textContent = "";
      (r.json || []).forEach(function (c) { option(fields.claim, c[0], c[1] + " (" + c[0] + ")"); });
      if (kept && fields.claim.querySelector("option[value='" + CSS.escape(kept) + "']")) {
        fields.claim.value = kept;
      } else if (fields.claim.options.length) {
        fields.claim.selectedIndex = 0;
      }
      changed();
    });
  }

  function request() {
    var chosen = kind();
    var action = { kind: chosen };
    if (chosen === "claim") {
      action.id = fields.id.dataset.edited ? fields.id.value : "";
      action.title = fields.title.value;
      action.claimant = fields.claimant.value;
      action.verdict = fields.verdict.value;
    } else if (chosen === "appearance") {
      action.claim = fields.claim.value;
    } else {
      action.note = fields.note.value;
    }
    return {
      article: article,
      headline: selection.headline,
      quote: selection.quote,
      before: selection.before,
      after: selection.after,
      action: action,
      file: fields.file.value
    };
  }

  function say(text) {
    fields.status.textContent = text;
  }

  function changed() {
    var chosen = kind();
    panel.querySelectorAll("[data-kind]").forEach(function (part) {
      part.hidden = part.getAttribute("data-kind") !== chosen;
    });
    fields.file.parentNode.hidden = chosen === "appearance";
    later("draft", 150, draft);
  }

  function draft() {
    if (!selection) return;
    var mine = ++sequence;
    call("POST", "/__gloss/annotate/draft", request()).then(function (r) {
      if (mine !== sequence) return;
      drafted = r.ok ? r.json : null;
      if (!r.ok) {
        ["quote", "prefix", "suffix"].forEach(function (k) { fields[k].textContent = ""; });
        fields.toml.textContent = "";
        fields.where.textContent = "";
        fields.save.disabled = fields.copy.disabled = true;
        say(r.json.error);
        return;
      }
      fields.quote.textContent = drafted.quote;
      var alone = !drafted.prefix && !drafted.suffix;
      fields.prefix.textContent = drafted.prefix || (alone ? "(not needed: the quote occurs once)" : "(not needed)");
      fields.suffix.textContent = drafted.suffix || "(not needed)";
      if (!fields.id.dataset.edited) fields.id.value = drafted.suggested_id;
      fields.toml.textContent = drafted.toml || "";
      fields.where.textContent = drafted.placement ? "It will be " + drafted.placement + "." : "";
      fields.save.disabled = fields.copy.disabled = !drafted.toml;
      say(drafted.problem || "");
    }).catch(function (e) { say("The preview did not answer: " + e.message); });
  }

  function copy() {
    var text = fields.toml.textContent;
    var done = function () { say("Copied the TOML."); };
    if (navigator.clipboard && window.isSecureContext) {
      navigator.clipboard.writeText(text).then(done, function () { say("Copying failed; select the TOML and copy it."); });
    } else {
      var range = document.createRange();
      range.selectNodeContents(fields.toml);
      window.getSelection().removeAllRanges();
      window.getSelection().addRange(range);
      say("Selected the TOML: copy it with the keyboard.");
    }
  }

  function save() {
    if (!selection || !drafted || !drafted.toml) return;
    fields.save.disabled = true;
    say("Saving…");
    call("POST", "/__gloss/annotate/save", request()).then(function (r) {
      if (!r.ok) {
        fields.save.disabled = false;
        say("Not saved: " + r.json.error);
        return;
      }
      say("Saved in " + r.json.saved + ". The page reloads when the preview has rebuilt.");
      panel.setAttribute("data-saved", r.json.saved);
    }).catch(function (e) {
      fields.save.disabled = false;
      say("Not saved: the preview did not answer (" + e.message + ").");
    });
  }

  function show(chosen) {
    if (!panel) build();
    selection = chosen;
    fields.article.textContent = article + (chosen.headline ? " (headline)" : "");
    if (!fields.id.dataset.edited) fields.id.value = "";
    panel.hidden = false;
    loadChoices().then(function () {
      findClaims();
      changed();
    }).catch(function (e) { say(e.message); });
  }

  function hide() {
    if (!panel) return;
    panel.hidden = true;
    selection = null;
    delete fields.id.dataset.edited;
    fields.title.value = fields.note.value = "";
  }

  document.addEventListener("selectionchange", function () {
    later("selection", 250, function () {
      if (panel && panel.contains(document.activeElement)) return;
      var chosen = captured();
      if (chosen) show(chosen);
    });
  });

  document.addEventListener("keydown", function (e) {
    if (e.key === "Escape" && panel && !panel.hidden) {
      hide();
    } else if (e.altKey && e.shiftKey && (e.key === "A" || e.key === "a") && panel && !panel.hidden) {
      e.preventDefault();
      panel.querySelector("input[name=gloss-kind]:checked").focus();
    }
  });
})();
