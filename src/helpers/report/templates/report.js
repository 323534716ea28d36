// Paged tables (helpers.report.tables): one page of rows at a time from the JSON the page
// carries, with search over every row, filters and sortable columns. No libraries, no network.
// Cells are written with textContent, never as markup. A linked cell's link comes as two strings
// (the page relative to reports/, the anchor); the body's data-link-base attribute says how to reach
// reports/ from the page ("../" for a year review).
(function () {
  "use strict";
  var DEBOUNCE_MS = 150;

  function number(text) {
    var n = parseFloat(text.replace(/,/g, ""));
    return isNaN(n) ? null : n;
  }

  function fmt(n) {
    return String(n).replace(/\B(?=(\d{3})+(?!\d))/g, ",");
  }

  function PagedTable(box) {
    var id = box.getAttribute("data-table");
    var table = document.getElementById(id);
    var source = document.getElementById(id + "-data");
    if (!table || !source) return;
    var data = JSON.parse(source.textContent);
    var strings = data.strings, rows = data.rows, classes = data.classes, lines = data.lines;
    var inline = classes.map(function (_, i) { return i; }).filter(function (i) { return lines.indexOf(i) === -1; });
    var pageRows = parseInt(table.getAttribute("data-paged"), 10) || 50;
    var tools = document.getElementById(id + "-tools");
    var search = tools.querySelector("input[type=search]");
    var selects = Array.prototype.slice.call(tools.querySelectorAll("select[data-column]"));
    var heads = Array.prototype.slice.call(table.tHead.querySelectorAll("th[data-column]"));
    var tbody = table.tBodies[0];
    var lower = null; // strings in lower case, made on the first search
    var ranks = {}; // per column: each string's place in that column's order
    var sortCol = data.sort, sortDir = 1;
    var order = rows.map(function (_, i) { return i; });
    var shown = order, page = 0, timer = null;
    var index = new Map();
    strings.forEach(function (s, i) { index.set(s, i); });
    var base = document.body.getAttribute("data-link-base") || "";
    var links = {}; // column -> [pages, anchors], each row's string index or -1
    (data.links || []).forEach(function (l) { links[l[0]] = [l[1], l[2]]; });

    function rank(col) {
      if (ranks[col]) return ranks[col];
      var used = Array.from(new Set(rows.map(function (r) { return r[col]; })));
      var numeric = classes[col] === "num";
      used.sort(function (a, b) {
        var x = strings[a], y = strings[b];
        if (x === "" || y === "") return (x === "") - (y === "");
        if (numeric) {
          var p = number(x), q = number(y);
          if (p !== null && q !== null && p !== q) return p - q;
        }
        return x < y ? -1 : x > y ? 1 : 0;
      });
      var r = new Int32Array(strings.length);
      used.forEach(function (s, k) { r[s] = strings[s] === "" ? 2147483647 : k; });
      ranks[col] = r;
      return r;
    }

    function sortBy(col, dir) {
      var r = rank(col);
      var blank = 2147483647;
      order = rows.map(function (_, i) { return i; });
      order.sort(function (a, b) {
        var x = r[rows[a][col]], y = r[rows[b][col]];
        if (x === y) return a - b;
        if (x === blank || y === blank) return x === blank ? 1 : -1; // blanks last either way
        return (x - y) * dir;
      });
      sortCol = col;
      sortDir = dir;
      heads.forEach(function (th) {
        if (parseInt(th.getAttribute("data-column"), 10) === col) {
          th.setAttribute("aria-sort", dir > 0 ? "ascending" : "descending");
        } else th.removeAttribute("aria-sort");
      });
    }

    function filter() {
      var terms = search.value.trim().toLowerCase().split(/\s+/).filter(Boolean);
      var wanted = selects
        .filter(function (sel) { return sel.selectedIndex > 0; })
        .map(function (sel) {
          var v = index.get(sel.value);
          return [parseInt(sel.getAttribute("data-column"), 10), v === undefined ? -1 : v];
        });
      if (!terms.length && !wanted.length) { shown = order; return; }
      if (terms.length && !lower) lower = strings.map(function (s) { return s.toLowerCase(); });
      // Each term is looked for once in each distinct text, then rows test their cells' results.
      var hits = terms.map(function (t) {
        var h = new Uint8Array(strings.length);
        for (var i = 0; i < lower.length; i++) if (lower[i].indexOf(t) !== -1) h[i] = 1;
        return h;
      });
      shown = order.filter(function (i) {
        var row = rows[i];
        for (var w = 0; w < wanted.length; w++) if (row[wanted[w][0]] !== wanted[w][1]) return false;
        for (var t = 0; t < hits.length; t++) {
          var h = hits[t], any = false;
          for (var c = 0; c < row.length && !any; c++) if (h[row[c]]) any = true;
          if (!any) return false;
        }
        return true;
      });
    }

    function cell(className, r, c) {
      var td = document.createElement("td");
      if (className) td.className = className;
      var text = strings[rows[r][c]], link = links[c];
      var to = link ? link[0][r] : -1;
      if (to < 0 || text === "") {
        td.textContent = text;
        return td;
      }
      var a = document.createElement("a");
      var anchor = link[1][r];
      a.setAttribute("href", base + strings[to] + (anchor < 0 ? "" : "#" + strings[anchor]));
      a.textContent = text;
      td.appendChild(a);
      return td;
    }

    function render() {
      var pages = Math.max(1, Math.ceil(shown.length / pageRows));
      page = Math.min(Math.max(page, 0), pages - 1);
      var start = page * pageRows, end = Math.min(shown.length, start + pageRows);
      var body = document.createDocumentFragment();
      for (var k = start; k < end; k++) {
        var r = shown[k];
        var tr = document.createElement("tr");
        inline.forEach(function (c) { tr.appendChild(cell(classes[c], r, c)); });
        body.appendChild(tr);
        lines.forEach(function (c) { // a long text on a line of its own, under its row
          var line = document.createElement("tr");
          line.className = "line";
          line.appendChild(cell("long", r, c)).colSpan = inline.length;
          body.appendChild(line);
        });
      }
      tbody.textContent = "";
      tbody.appendChild(body);
      var text;
      if (!shown.length) text = "no rows match (of " + fmt(rows.length) + ")";
      else {
        text = "rows " + fmt(start + 1) + "–" + fmt(end) + " of " + fmt(shown.length);
        if (shown.length !== rows.length) text += " (filtered from " + fmt(rows.length) + ")";
      }
      box.querySelectorAll(".count").forEach(function (el) { el.textContent = text; });
      box.querySelectorAll("button[data-page=prev]").forEach(function (b) { b.disabled = page === 0; });
      box.querySelectorAll("button[data-page=next]").forEach(function (b) { b.disabled = page >= pages - 1; });
    }

    function update() {
      filter();
      page = 0;
      render();
      table.removeAttribute("aria-busy");
    }

    heads.forEach(function (th) {
      var col = parseInt(th.getAttribute("data-column"), 10);
      var button = document.createElement("button");
      button.type = "button";
      button.className = "sort";
      button.title = "sort by " + th.textContent;
      while (th.firstChild) button.appendChild(th.firstChild);
      th.appendChild(button);
      button.addEventListener("click", function () {
        sortBy(col, sortCol === col ? -sortDir : 1);
        update();
      });
    });
    search.addEventListener("input", function () {
      table.setAttribute("aria-busy", "true"); // until the debounced search has shown its rows
      clearTimeout(timer);
      timer = setTimeout(update, DEBOUNCE_MS);
    });
    selects.forEach(function (sel) { sel.addEventListener("change", update); });
    box.querySelectorAll("button[data-page]").forEach(function (b) {
      b.addEventListener("click", function () {
        page += b.getAttribute("data-page") === "next" ? 1 : -1;
        render();
        if (b.closest(".table-pager-bottom")) box.scrollIntoView({ block: "start" });
      });
    });
    box.querySelectorAll("[hidden]").forEach(function (el) { el.hidden = false; });
    box.querySelectorAll(".table-nojs").forEach(function (el) { el.remove(); });
    update();
  }

  document.querySelectorAll("div.paged-table[data-table]").forEach(PagedTable);
})();
