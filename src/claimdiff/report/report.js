/* The claimdiff report's filters and sorting. claimdiff.report.html inlines this file into each page (package
   data, nothing is fetched); without it the page still shows every row, and the controls stay hidden. */
(function () {
  "use strict";

  // A row matches when every control does: a select names a data-* attribute of the row (data-tokens on the
  // select: the attribute is a space-separated list, one token must match), the search box the row's text.
  function matches(row, controls) {
    for (var i = 0; i < controls.length; i++) {
      var c = controls[i];
      var want = c.value.trim();
      if (!want) continue;
      if (c.name === "q") {
        if (row.textContent.toLowerCase().indexOf(want.toLowerCase()) < 0) return false;
        continue;
      }
      var have = row.getAttribute("data-" + c.name) || "";
      if (c.hasAttribute("data-tokens") ? have.split(" ").indexOf(want) < 0 : have !== want) return false;
    }
    return true;
  }

  function rowsOf(table) {
    // Placeholder rows only carry an anchor for a statement cut from the table: never shown, never counted.
    return Array.prototype.filter.call(table.tBodies[0].rows, function (r) {
      return !r.hasAttribute("data-placeholder");
    });
  }

  function setUpFilters(root, form) {
    var table = root.querySelector("#" + form.getAttribute("data-table"));
    if (!table) return;
    var controls = form.querySelectorAll("select, input");
    var output = form.querySelector("output");
    var noun = form.getAttribute("data-noun") || "rows";
    function apply() {
      var rows = rowsOf(table), shown = 0;
      rows.forEach(function (r) {
        var ok = matches(r, controls);
        r.hidden = !ok;
        if (ok) shown++;
      });
      if (output) output.textContent = shown + " of " + rows.length + " " + noun;
    }
    form.addEventListener("input", apply);
    form.addEventListener("change", apply);
    form.addEventListener("submit", function (ev) { ev.preventDefault(); });
    // Cleared here rather than by the browser, which resets the controls only after this event: the rows
    // are shown again at once.
    form.addEventListener("reset", function (ev) {
      ev.preventDefault();
      controls.forEach(function (c) { c.value = ""; });
      apply();
    });
    form.hidden = false;
    apply();
  }

  function setUpSort(table) {
    var heads = table.tHead ? table.tHead.rows[0].cells : [];
    Array.prototype.forEach.call(heads, function (th) {
      if (!th.hasAttribute("data-sort")) return;
      var button = document.createElement("button");
      button.type = "button";
      button.className = "sort";
      while (th.firstChild) button.appendChild(th.firstChild);
      th.appendChild(button);
      button.addEventListener("click", function () { sortBy(table, th); });
    });
  }

  // Sorts the body by the data-value of the clicked column; missing values go last either way.
  function sortBy(table, th) {
    var descending = th.getAttribute("aria-sort") === "ascending" ||
      (!th.hasAttribute("aria-sort") && th.getAttribute("data-sort") === "desc");
    Array.prototype.forEach.call(th.parentNode.cells, function (c) { c.removeAttribute("aria-sort"); });
    th.setAttribute("aria-sort", descending ? "descending" : "ascending");
    var col = th.cellIndex, body = table.tBodies[0];
    var rows = Array.prototype.map.call(body.rows, function (r, i) {
      var cell = r.cells[col];
      var v = cell ? parseFloat(cell.getAttribute("data-value")) : NaN;
      return { row: r, value: v, at: i };
    });
    rows.sort(function (a, b) {
      var na = isNaN(a.value), nb = isNaN(b.value);
      if (na || nb) return na === nb ? a.at - b.at : (na ? 1 : -1);
      if (a.value === b.value) return a.at - b.at;
      return descending ? b.value - a.value : a.value - b.value;
    });
    rows.forEach(function (r) { body.appendChild(r.row); });
  }

  // A link's target may sit in a row the filters hide or in a closed <details>: show it before the jump.
  function reveal(root, id) {
    var target = id && document.getElementById(id);
    if (!target || !root.contains(target)) return;
    var row = target.closest("tr");
    if (row && row.hidden) {
      var table = row.closest("table");
      root.querySelectorAll("form.filters").forEach(function (form) {
        if (form.getAttribute("data-table") === table.id) form.reset();
      });
    }
    for (var el = target.parentElement; el && el !== root; el = el.parentElement) {
      if (el.tagName === "DETAILS") el.open = true;
    }
  }

  function hashId() {
    try { return decodeURIComponent(location.hash.slice(1)); } catch (e) { return location.hash.slice(1); }
  }

  function setUp(root) {
    if (root.hasAttribute("data-ready")) return;
    root.setAttribute("data-ready", "");
    root.querySelectorAll("form.filters").forEach(function (form) { setUpFilters(root, form); });
    root.querySelectorAll("table.sortable").forEach(setUpSort);
    root.addEventListener("click", function (ev) {
      var a = ev.target.closest && ev.target.closest('a[href^="#"]');
      if (a) reveal(root, a.getAttribute("href").slice(1));
    });
    window.addEventListener("hashchange", function () {
      var id = hashId();
      reveal(root, id);
      var target = document.getElementById(id);
      if (target && root.contains(target)) target.scrollIntoView();
    });
    if (location.hash) reveal(root, hashId());
  }

  document.querySelectorAll(".claimdiff-report").forEach(setUp);
})();
