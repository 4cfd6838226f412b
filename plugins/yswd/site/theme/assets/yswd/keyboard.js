/* yswd: keyboard access to Material's header menu and search, and nothing hidden in the Tab order.
 *
 * Material opens its navigation drawer and search with <label>s for hidden checkboxes, which
 * Tab never reaches. With JavaScript on, real buttons (partials/header.html) take their place.
 * On narrow screens Material also leaves the closed search box in the Tab order although it is
 * invisible: it is taken out of the Tab order (tabindex -1, so Material's "/" shortcut can
 * still focus it) while closed, and put back when search opens. The closed drawer and the
 * closed search results are hidden from Tab by the stylesheet (visibility): no script needed.
 */
(function () {
  "use strict";
  var narrow = window.matchMedia("(max-width: 59.984375em)");
  var input = document.querySelector(".md-search__input");
  var buttons = document.querySelectorAll("[data-yswd-opens]");

  function toggle(id) {
    return document.getElementById(id);
  }

  function button(id) {
    return document.querySelector('[data-yswd-opens="' + id + '"]');
  }

  function sync() {
    var search = toggle("__search");
    var open = Boolean(search && search.checked);
    if (input) {
      if (!open && narrow.matches) input.setAttribute("tabindex", "-1");
      else input.removeAttribute("tabindex");
    }
    buttons.forEach(function (each) {
      var target = toggle(each.getAttribute("data-yswd-opens"));
      each.setAttribute("aria-expanded", target && target.checked ? "true" : "false");
    });
  }

  function setOpen(id, open) {
    var target = toggle(id);
    if (!target || target.checked === open) return;
    target.checked = open;
    target.dispatchEvent(new Event("change"));
  }

  function focusButton(id) {
    var each = button(id);
    if (each && each.offsetParent !== null) each.focus();
  }

  buttons.forEach(function (each) {
    var id = each.getAttribute("data-yswd-opens");
    each.hidden = false;
    each.addEventListener("click", function () {
      var target = toggle(id);
      var open = !(target && target.checked);
      setOpen(id, open);
      if (id === "__search" && open && input) input.focus();
    });
  });
  document.querySelectorAll(".yswd-no-js-only").forEach(function (label) {
    label.hidden = true;
  });

  ["__search", "__drawer"].forEach(function (id) {
    var target = toggle(id);
    if (!target) return;
    target.addEventListener("change", function () {
      sync();
      if (target.checked) return;
      // Closed by Escape, the back arrow or a tap outside: focus goes back to its button.
      var active = document.activeElement;
      if (!active || active === document.body || (id === "__search" && active.closest(".md-search"))) {
        focusButton(id);
      }
    });
  });

  // Escape closes the navigation drawer, as it closes search.
  window.addEventListener("keydown", function (event) {
    var drawer = toggle("__drawer");
    if (event.key === "Escape" && drawer && drawer.checked) {
      setOpen("__drawer", false);
      focusButton("__drawer");
    }
  });
  if (input) {
    input.addEventListener("focus", function () {
      window.setTimeout(sync, 0);
    });
    input.addEventListener("blur", function () {
      window.setTimeout(sync, 0);
    });
  }
  if (narrow.addEventListener) narrow.addEventListener("change", sync);
  sync();
})();
