/* Start Pagefind's search box on the search page, with a question from ?q= if there is one.
   A large site's index is in parts (yswd-more.json in the first part lists the others):
   the box searches them all together. */
(function () {
  "use strict";
  var element = document.getElementById("yswd-search");
  if (!element || !window.PagefindUI) return;
  var bundle = element.getAttribute("data-bundle");
  var base = new URL(bundle, location.href);

  function start(more) {
    var ui = new PagefindUI({
      element: "#yswd-search",
      bundlePath: bundle,
      mergeIndex: (Array.isArray(more) ? more : []).map(function (folder) {
        return { bundlePath: new URL(folder, base).pathname };
      }),
      showImages: false,
      showSubResults: true,
      resetStyles: false,
      translations: { placeholder: "Search engagements" }
    });
    var question = new URLSearchParams(location.search).get("q");
    if (question) ui.triggerSearch(question);
  }

  fetch(new URL("yswd-more.json", base).href)
    .then(function (response) { return response.ok ? response.json() : []; })
    .catch(function () { return []; })
    .then(start);
})();
