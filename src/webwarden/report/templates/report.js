"use strict";
(function () {
  // Everything from the report is inserted with textContent: finding messages and
  // snippets come from audited code and must never become markup.
  var data = JSON.parse(document.getElementById("data").textContent);
  var order = { critical: 0, high: 1, medium: 2, low: 3 };

  function el(tag, cls, text) {
    var node = document.createElement(tag);
    if (cls) { node.className = cls; }
    if (text !== undefined && text !== null) { node.textContent = text; }
    return node;
  }

  var s = data.summary;
  document.getElementById("summary").textContent =
    s.findings + " findings (" + Object.keys(order).map(function (k) {
      return s.by_severity[k] + " " + k;
    }).join(", ") + ") - " + s.files_found + " files scanned in " + s.seconds + " s - webwarden " +
    data.tool.version;

  var practices = {};
  data.findings.forEach(function (f) { practices[f.practice] = true; });
  var select = document.getElementById("practice");
  Object.keys(practices).sort().forEach(function (p) { select.appendChild(el("option", null, p)); });

  var byPath = {};
  data.findings.forEach(function (f) {
    (byPath[f.location.path] = byPath[f.location.path] || []).push(f);
  });
  var container = document.getElementById("findings");
  if (!data.findings.length) { container.appendChild(el("p", "empty", "No findings.")); }
  Object.keys(byPath).sort().forEach(function (path) {
    var section = el("section", "file");
    section.appendChild(el("h2", null, path));
    byPath[path].forEach(function (f) {
      var art = el("article", "finding");
      art.dataset.severity = f.severity;
      art.dataset.practice = f.practice;
      art.dataset.text = [f.code, f.name, f.message, path, f.snippet].join(" ").toLowerCase();
      var head = el("div");
      head.appendChild(el("span", "sev " + f.severity, f.severity));
      head.appendChild(document.createTextNode(" "));
      head.appendChild(el("span", "where", path.indexOf("://") < 0 ?
        f.location.line + ":" + f.location.column : ""));
      head.appendChild(document.createTextNode(" "));
      var code = el("a", "code", f.code);
      if (f.help_uri) { code.href = f.help_uri; code.rel = "noopener noreferrer"; }
      head.appendChild(code);
      head.appendChild(document.createTextNode(" "));
      head.appendChild(el("span", "name", f.name));
      art.appendChild(head);
      art.appendChild(el("div", "message", f.message));
      var notes = ["confidence " + f.confidence];
      if (f.context) { notes.push(f.context); }
      if (f.confirmed) { notes.push("confirmed on the running app"); }
      art.appendChild(el("div", "note", notes.join("; ")));
      if (f.snippet) { art.appendChild(el("pre", "snippet", f.snippet)); }
      if (f.flow.length) {
        var details = el("details");
        details.appendChild(el("summary", null, "data flow (" + f.flow.length + " steps)"));
        var list = el("ol");
        f.flow.forEach(function (step) {
          list.appendChild(el("li", null, step.location.path + ":" + step.location.line + "  " + step.note));
        });
        details.appendChild(list);
        art.appendChild(details);
      }
      if (f.fix) { art.appendChild(el("div", "fix", "fix: " + f.fix)); }
      section.appendChild(art);
    });
    container.appendChild(section);
  });

  function apply() {
    var wanted = {};
    document.querySelectorAll("input[name=severity]").forEach(function (box) {
      wanted[box.value] = box.checked;
    });
    var practice = select.value;
    var needle = document.getElementById("search").value.trim().toLowerCase();
    var shown = 0;
    document.querySelectorAll("article.finding").forEach(function (art) {
      var visible = wanted[art.dataset.severity] &&
        (!practice || art.dataset.practice === practice) &&
        (!needle || art.dataset.text.indexOf(needle) >= 0);
      art.hidden = !visible;
      if (visible) { shown += 1; }
    });
    document.querySelectorAll("section.file").forEach(function (section) {
      section.hidden = !section.querySelector("article.finding:not([hidden])");
    });
    document.getElementById("shown").textContent = shown + " of " + data.findings.length + " shown";
  }
  document.querySelectorAll("input, select").forEach(function (input) {
    input.addEventListener("input", apply);
    input.addEventListener("change", apply);
  });
  apply();
})();
