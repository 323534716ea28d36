// Filter and search for tables marked data-filterable. No libraries, no network.
(function () {
  document.querySelectorAll("table[data-filterable]").forEach(function (table) {
    var tools = document.getElementById(table.id + "-tools");
    if (!tools) return;
    var rows = Array.prototype.slice.call(table.tBodies[0].rows);
    var search = tools.querySelector("input[type=search]");
    var selects = Array.prototype.slice.call(tools.querySelectorAll("select[data-column]"));
    var count = tools.querySelector(".count");
    function apply() {
      var q = search ? search.value.trim().toLowerCase() : "";
      var shown = 0;
      rows.forEach(function (row) {
        var ok = !q || row.textContent.toLowerCase().indexOf(q) !== -1;
        selects.forEach(function (sel) {
          var col = parseInt(sel.getAttribute("data-column"), 10);
          if (ok && sel.value && row.cells[col].textContent !== sel.value) ok = false;
        });
        row.hidden = !ok;
        if (ok) shown += 1;
      });
      if (count) count.textContent = shown + " / " + rows.length;
    }
    if (search) search.addEventListener("input", apply);
    selects.forEach(function (sel) { sel.addEventListener("change", apply); });
    apply();
  });
})();
