/* Combine the filters on a listing ("You said, we did", or a regional site's "Every
   engagement") in place, with the choices kept in the address so a filtered view can be
   shared. Without JavaScript the page offers one static listing per filter value instead;
   this script only adds to that. The index it needs is fetched the first time someone
   filters, never on page load; it says which facets there are and which make each result's
   line of facts. */
(function () {
  "use strict";
  var form = document.getElementById("yswd-filter");
  if (!form || !window.fetch || !window.URLSearchParams) return;
  var results = document.getElementById("yswd-filter-results");
  var staticList = document.getElementById("yswd-static-list");
  var root = form.getAttribute("data-root");
  var months = ["January", "February", "March", "April", "May", "June", "July", "August",
    "September", "October", "November", "December"];
  var pageSize = 20;
  var index = null;
  var shown = pageSize;
  form.hidden = false;

  function load() {
    if (index) return Promise.resolve(index);
    return fetch(form.getAttribute("data-index"))
      .then(function (response) { return response.json(); })
      .then(function (data) { index = data; return data; });
  }

  function facet(name) {
    for (var i = 0; i < index.facets.length; i++) if (index.facets[i].name === name) return i;
    return -1;
  }

  function picks() {
    var chosen = [];
    form.querySelectorAll("select").forEach(function (select) {
      if (!select.value) return;
      var f = facet(select.name);
      var position = index.facets[f].keys.indexOf(select.value);
      chosen.push({ column: 3 + f, position: position, everywhere: !!index.facets[f].everywhere });
    });
    return chosen;
  }

  function matches(record, chosen) {
    return chosen.every(function (pick) {
      var values = record[pick.column];
      return values.indexOf(pick.position) !== -1 || (pick.everywhere && values.length === 0);
    });
  }

  function ukDate(iso) {
    var parts = iso.split("-");
    if (!/^\d{4}-\d{2}(-\d{2})?$/.test(iso)) return iso; // written some other way: shown as it is
    if (parts.length === 2) return months[Number(parts[1]) - 1] + " " + parts[0]; // only the month is known
    return Number(parts[2]) + " " + months[Number(parts[1]) - 1] + " " + parts[0];
  }

  function facts(record) {
    return index.meta.map(function (name) {
      if (name === "start") return ukDate(record[2]);
      var f = facet(name);
      var values = record[3 + f].map(function (p) { return index.facets[f].labels[p]; }).join(", ");
      return values || index.facets[f].everywhere || "";
    }).filter(Boolean).join(" · ");
  }

  function el(tag, text, className) {
    var node = document.createElement(tag);
    if (text) node.textContent = text;
    if (className) node.className = className;
    return node;
  }

  function render(chosen) {
    var found = index.records.filter(function (record) { return matches(record, chosen); });
    results.textContent = "";
    var count = el("p", found.length === 1 ? "1 engagement matches." : found.length + " engagements match.");
    count.setAttribute("role", "status");
    results.appendChild(count);
    var list = el("ul", "", "yswd-records");
    found.slice(0, shown).forEach(function (record) {
      var item = el("li", "", "yswd-record");
      var heading = el("h2", "", "yswd-record__title");
      var link = el("a", record[0]);
      link.href = root + record[1];
      heading.appendChild(link);
      item.appendChild(heading);
      item.appendChild(el("p", facts(record), "yswd-record__meta"));
      list.appendChild(item);
    });
    results.appendChild(list);
    if (found.length > shown) {
      var more = el("button", "Show more", "md-button");
      more.type = "button";
      more.addEventListener("click", function () { shown += pageSize; render(chosen); });
      results.appendChild(more);
    }
    results.hidden = false;
    staticList.hidden = true;
  }

  function apply(remember) {
    var params = new URLSearchParams();
    form.querySelectorAll("select").forEach(function (select) {
      if (select.value) params.set(select.name, select.value);
    });
    if (remember) history.replaceState(null, "", params.toString() ? "?" + params : location.pathname);
    if (!params.toString()) {
      results.hidden = true;
      staticList.hidden = false;
      return;
    }
    shown = pageSize;
    load().then(function () { render(picks()); });
  }

  form.addEventListener("submit", function (event) { event.preventDefault(); apply(true); });
  form.addEventListener("reset", function () { setTimeout(function () { apply(true); }, 0); });
  var params = new URLSearchParams(location.search);
  var any = false;
  form.querySelectorAll("select").forEach(function (select) {
    var value = params.get(select.name);
    if (value !== null) { select.value = value; any = true; }
  });
  if (any) apply(false);
})();
