// secarch web: the editor's line numbers, cursor position and "go to line" links of validation messages.
(function () {
  "use strict";

  function lineStarts(text) {
    const starts = [0];
    for (let i = 0; i < text.length; i++) if (text[i] === "\n") starts.push(i + 1);
    return starts;
  }

  function problemLines() {
    const lines = new Set();
    document.querySelectorAll("#problem-list .problem[data-line]").forEach(function (item) {
      const n = parseInt(item.dataset.line, 10);
      if (n) lines.add(n);
    });
    return lines;
  }

  function renderGutter(area, gutter) {
    const count = lineStarts(area.value).length;
    const marked = problemLines();
    const parts = [];
    for (let n = 1; n <= count; n++) parts.push(marked.has(n) ? "<b>" + n + "</b>" : String(n));
    gutter.innerHTML = parts.join("\n");
    gutter.scrollTop = area.scrollTop;
  }

  function showCursor(area) {
    const out = document.getElementById("cursor");
    if (!out) return;
    const before = area.value.slice(0, area.selectionStart);
    const line = before.split("\n").length;
    const column = before.length - before.lastIndexOf("\n");
    out.textContent = "line " + line + ", column " + column;
  }

  function goTo(area, line, column) {
    const starts = lineStarts(area.value);
    const index = Math.max(1, Math.min(line, starts.length)) - 1;
    const start = starts[index];
    const end = index + 1 < starts.length ? starts[index + 1] - 1 : area.value.length;
    area.focus();
    area.setSelectionRange(Math.min(start + Math.max(column, 1) - 1, end), end);
    const lineHeight = area.scrollHeight / starts.length;
    area.scrollTop = Math.max(0, (index - 5) * lineHeight);
    showCursor(area);
  }

  // A text over the server's limit is not sent at all: the server would refuse it, and a request body over
  // its own limit could not even come back to the editor. The text stays where it is, with the problem.
  function oversize(area) {
    const limit = parseInt(area.dataset.maxBytes || "0", 10);
    if (!limit) return 0;
    const size = new TextEncoder().encode(area.value).length;
    return size > limit ? size : 0;
  }

  function showOversize(size, limit) {
    const box = document.getElementById("problems");
    if (!box) return;
    box.className = "problems-box has-problems";
    box.innerHTML = "";
    const summary = document.createElement("p");
    summary.className = "summary";
    summary.textContent = "1 problem — nothing is saved until it is fixed; your text stays here.";
    const list = document.createElement("ul");
    list.id = "problem-list";
    const item = document.createElement("li");
    item.className = "problem";
    item.textContent = "the architecture text has " + size + " bytes, more than the " + limit +
      " this server keeps (hint: split it: a file can `extends:` a bundled architecture and list only its changes)";
    list.appendChild(item);
    box.appendChild(summary);
    box.appendChild(list);
  }

  function setUp() {
    const area = document.getElementById("text");
    const gutter = document.getElementById("gutter");
    if (!area || !gutter) return;
    const form = document.getElementById("editor-form");
    if (form && area.dataset.maxBytes) {
      form.addEventListener("submit", function (event) {
        const size = oversize(area);
        if (size) {
          event.preventDefault();
          showOversize(size, area.dataset.maxBytes);
        }
      });
      area.addEventListener("htmx:beforeRequest", function (event) {
        const size = oversize(area);
        if (size) {
          event.preventDefault();
          showOversize(size, area.dataset.maxBytes);
        }
      });
    }
    const refresh = function () { renderGutter(area, gutter); };
    area.addEventListener("input", refresh);
    area.addEventListener("scroll", function () { gutter.scrollTop = area.scrollTop; });
    ["keyup", "click", "select"].forEach(function (name) {
      area.addEventListener(name, function () { showCursor(area); });
    });
    area.addEventListener("keydown", function (event) {
      if (event.key === "Tab" && !area.readOnly) {  // two spaces, as YAML wants, instead of leaving the field
        event.preventDefault();
        area.setRangeText("  ", area.selectionStart, area.selectionEnd, "end");
        area.dispatchEvent(new Event("input", { bubbles: true }));
      }
    });
    document.body.addEventListener("htmx:afterSwap", refresh);
    document.body.addEventListener("click", function (event) {
      const link = event.target.closest("a.goto");
      if (!link) return;
      event.preventDefault();
      goTo(area, parseInt(link.dataset.line, 10), parseInt(link.dataset.column || "1", 10));
    });
    refresh();
  }

  if (document.readyState === "loading") document.addEventListener("DOMContentLoaded", setUp);
  else setUp();
})();
