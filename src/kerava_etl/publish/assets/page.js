// Search and filters for the actions table. Without this script the whole table shows.
// A row matches when every word of the search occurs in its fields (the elements marked
// .v, so labels are not searched) and, for each chosen filter, its data-<facet> list holds
// the chosen value.
"use strict";
(() => {
  const form = document.getElementById("haku");
  const table = document.getElementById("toimenpidetaulukko");
  if (!form || !table) {
    return;
  }
  const search = document.getElementById("hakusana");
  const shown = document.getElementById("nakyvissa");
  const selects = Array.from(form.querySelectorAll("select[data-facet]"));
  const rows = Array.from(table.tBodies[0].rows, (row) => ({
    row,
    text: Array.from(row.querySelectorAll(".v"), (element) => element.textContent)
      .join("\n")
      .toLocaleLowerCase("fi"),
    facets: Object.fromEntries(
      selects.map((select) => {
        const key = select.dataset.facet;
        return [key, JSON.parse(row.dataset[key] || "[]")];
      }),
    ),
  }));
  const total = rows.length;

  function apply() {
    const words = search.value.toLocaleLowerCase("fi").split(/\s+/).filter(Boolean);
    const chosen = selects
      .filter((select) => select.value !== "")
      .map((select) => [select.dataset.facet, select.value]);
    let count = 0;
    for (const entry of rows) {
      const match =
        words.every((word) => entry.text.includes(word)) &&
        chosen.every(([key, value]) => entry.facets[key].includes(value));
      entry.row.hidden = !match;
      count += match ? 1 : 0;
    }
    shown.textContent =
      count === total
        ? `${total} toimenpidettä`
        : `Näytetään ${count} / ${total} toimenpidettä`;
  }

  form.addEventListener("input", apply);
  form.addEventListener("change", apply);
  form.addEventListener("reset", () => setTimeout(apply, 0));
  form.addEventListener("submit", (event) => event.preventDefault());
  form.hidden = false;
  apply();
})();
