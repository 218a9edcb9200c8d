"use strict";
// Filters and sort of report.html. They only set `hidden` and data attributes and put the existing
// segment groups in order; without this script the page shows every segment in line order.
(() => {
  const form = document.getElementById("filters");
  const table = document.getElementById("segments");
  const segments = Array.from(table.tBodies);
  const list = (json) => JSON.parse(json || "[]");

  function rowShown(row, choice) {
    const flags = list(row.dataset.flags);
    const flagged = choice.flag === "*" ? flags.length > 0 : flags.includes(choice.flag);
    return (!choice.lang || row.dataset.lang === choice.lang) && (!choice.flag || flagged);
  }

  function filter(choice) {
    let shown = 0;
    for (const segment of segments) {
      const kept =
        (!choice.split || segment.dataset.split === choice.split) &&
        (!choice.term || list(segment.dataset.terms).includes(choice.term));
      let any = false;
      for (const row of segment.querySelectorAll("tr.translation")) {
        row.hidden = !(kept && rowShown(row, choice));
        any = any || !row.hidden;
      }
      segment.hidden = !any;
      shown += any ? 1 : 0;
    }
    form.dataset.shown = shown;
  }

  function score(segment, lang) {
    const row = Array.from(segment.rows).find((r) => r.dataset.lang === lang);
    const value = row ? parseFloat(row.dataset.score) : NaN;
    return Number.isNaN(value) ? null : value;
  }

  function sort(order) {
    const [lang, direction] = order.split(":");
    const sign = direction === "desc" ? -1 : 1;
    const line = (a, b) => a.dataset.line - b.dataset.line;
    const byScore = (a, b) => {
      const x = score(a, lang);
      const y = score(b, lang);
      if (x === null || y === null) return (x === null) - (y === null) || line(a, b);
      return sign * (x - y) || line(a, b);
    };
    table.append(...segments.slice().sort(order ? byScore : line));
  }

  function apply() {
    const choice = Object.fromEntries(new FormData(form));
    filter(choice);
    sort(choice.sort);
  }

  form.addEventListener("change", apply);
  form.addEventListener("submit", (event) => event.preventDefault());
  apply();
  form.hidden = false;
})();
