/* Start Pagefind's search box on the search page, with a question from ?q= if there is one. */
(function () {
  "use strict";
  var element = document.getElementById("yswd-search");
  if (!element || !window.PagefindUI) return;
  var ui = new PagefindUI({
    element: "#yswd-search",
    bundlePath: element.getAttribute("data-bundle"),
    showImages: false,
    showSubResults: true,
    resetStyles: false,
    translations: { placeholder: "Search engagements" }
  });
  var question = new URLSearchParams(location.search).get("q");
  if (question) ui.triggerSearch(question);
})();
