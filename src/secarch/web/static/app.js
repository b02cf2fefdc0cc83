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

  function setUp() {
    const area = document.getElementById("text");
    const gutter = document.getElementById("gutter");
    if (!area || !gutter) return;
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
