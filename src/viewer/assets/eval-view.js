// The eval view's filters, inlined after the viewer's script (allowed by its hash in the page's
// Content-Security-Policy): text, category and outcome hide and show the item rows rendered on
// the server side. It reads the rows' data attributes and never builds markup.
/* global document */
(() => {
  "use strict";
  const text = document.getElementById("filter-text");
  const category = document.getElementById("filter-category");
  const outcome = document.getElementById("filter-outcome");
  const count = document.getElementById("shown-count");
  if (!text || !category || !outcome) return;
  const rows = Array.from(document.querySelectorAll("tr.item"));

  function apply() {
    const words = text.value.toLowerCase().split(/\s+/).filter(Boolean);
    let shown = 0;
    for (const row of rows) {
      const visible =
        (category.value === "" || row.dataset.category === category.value) &&
        (outcome.value === "" || row.dataset.outcome === outcome.value) &&
        words.every((word) => row.dataset.text.includes(word));
      row.hidden = !visible;
      if (visible) shown += 1;
    }
    if (count) count.textContent = String(shown);
  }

  text.addEventListener("input", apply);
  category.addEventListener("change", apply);
  outcome.addEventListener("change", apply);
  apply();
})();
