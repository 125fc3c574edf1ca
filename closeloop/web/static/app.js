// Small comforts on top of plain forms: copy a draft, keyboard shortcuts,
// focus after HTMX swaps, and HTMX error messages shown in place.
(function () {
  "use strict";

  function reveal(root) {
    root.querySelectorAll("[data-copy], [data-back]").forEach(function (el) { el.hidden = false; });
    root.querySelectorAll(".nojs-only").forEach(function (el) { el.hidden = true; });
  }

  document.addEventListener("DOMContentLoaded", function () { reveal(document); });

  document.addEventListener("click", function (event) {
    var copy = event.target.closest("[data-copy]");
    if (copy) {
      var field = document.getElementById(copy.getAttribute("data-copy"));
      if (!field) return;
      var done = function () {
        copy.textContent = "Copied";
        setTimeout(function () { copy.textContent = "Copy"; }, 1500);
      };
      if (navigator.clipboard && window.isSecureContext) {
        navigator.clipboard.writeText(field.value).then(done, function () {
          field.select(); document.execCommand("copy"); done();
        });
      } else {
        field.select(); document.execCommand("copy"); done();
      }
      return;
    }
    if (event.target.closest("[data-back]")) history.back();
  });

  // "/" finds people; "g" then t/p/l/s goes to Today, People, Loops, Stats.
  var pending = false;
  document.addEventListener("keydown", function (event) {
    var tag = (event.target.tagName || "").toLowerCase();
    if (tag === "input" || tag === "textarea" || tag === "select" || event.target.isContentEditable) return;
    if (event.metaKey || event.ctrlKey || event.altKey) return;
    if (event.key === "/") {
      var search = document.querySelector("[data-search]");
      event.preventDefault();
      if (search) { search.focus(); search.select(); } else { location.href = "/people"; }
      return;
    }
    if (pending) {
      pending = false;
      var to = { t: "/", p: "/people", l: "/loops", s: "/stats" }[event.key];
      if (to) { location.href = to; }
      return;
    }
    if (event.key === "g") { pending = true; setTimeout(function () { pending = false; }, 1200); }
  });

  document.addEventListener("htmx:beforeSwap", function (event) {
    // Show closeloop's error message (the server retargets it) instead of nothing.
    if (event.detail.xhr.status >= 400) {
      event.detail.shouldSwap = true;
      event.detail.isError = false;
    }
  });

  document.addEventListener("htmx:afterSwap", function (event) {
    reveal(event.detail.target.parentNode || document);
    var focus = document.querySelector("[data-focus]");
    if (focus) { focus.focus(); focus.removeAttribute("data-focus"); }
  });
})();
