// faircat: sortable tables and copy buttons. Progressive enhancement: every page is complete
// without this script.
(function () {
  "use strict";

  function cellValue(row, index) {
    var cell = row.children[index];
    if (!cell) return "";
    var v = cell.getAttribute("data-value");
    return v === null ? cell.textContent.trim() : v;
  }

  function makeSortable(table) {
    var headers = table.querySelectorAll("thead th[data-sort]");
    var body = table.tBodies[0];
    if (!body) return;
    var hint = table.querySelector("[data-sort-hint]");
    if (hint) hint.hidden = false;
    headers.forEach(function (th, index) {
      var button = document.createElement("button");
      button.type = "button";
      while (th.firstChild) button.appendChild(th.firstChild);
      th.appendChild(button);
      button.addEventListener("click", function () {
        var ascending = th.getAttribute("aria-sort") !== "ascending";
        headers.forEach(function (h) { h.removeAttribute("aria-sort"); });
        th.setAttribute("aria-sort", ascending ? "ascending" : "descending");
        var numeric = th.getAttribute("data-sort") === "number";
        var rows = Array.prototype.slice.call(body.rows);
        rows.sort(function (a, b) {
          var x = cellValue(a, index), y = cellValue(b, index), r;
          // Unknown values (an empty data-value) go last in either direction.
          if (x === "" && y !== "") return 1;
          if (y === "" && x !== "") return -1;
          if (numeric) {
            r = (parseFloat(x) || 0) - (parseFloat(y) || 0);
          } else {
            r = x.localeCompare(y, undefined, { sensitivity: "base", numeric: true });
          }
          return ascending ? r : -r;
        });
        rows.forEach(function (row) { body.appendChild(row); });
      });
    });
  }

  function enableCopy(button) {
    var target = document.getElementById(button.getAttribute("data-copy"));
    var status = button.parentNode.querySelector(".copy-status");
    if (!target || !navigator.clipboard) return;
    button.hidden = false;
    button.addEventListener("click", function () {
      navigator.clipboard.writeText(target.textContent).then(function () {
        if (status) status.textContent = "Copied";
      }, function () {
        if (status) status.textContent = "Could not copy; select the text instead";
      });
    });
  }

  document.querySelectorAll("table[data-sortable]").forEach(makeSortable);
  document.querySelectorAll("button[data-copy]").forEach(enableCopy);
})();
