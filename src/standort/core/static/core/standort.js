// What every page does in the browser. A file of its own, not inline script: the
// Content-Security-Policy allows script from this site only.
"use strict";

document.addEventListener("DOMContentLoaded", () => {
  // A form that came back with errors: the summary takes the focus, so that a screen
  // reader reads it and the keyboard goes on from there.
  const summary = document.getElementById("error-summary");
  if (summary) {
    summary.focus();
  }

  // A table wider than the page scrolls in its box: the box is then a named region the
  // keyboard can reach and scroll (the table's caption names it).
  const scrollable = () => {
    for (const box of document.querySelectorAll(".kern-table-responsive")) {
      const overflows = box.scrollWidth > box.clientWidth;
      if (overflows && !box.hasAttribute("tabindex")) {
        const caption = box.querySelector("caption");
        box.setAttribute("tabindex", "0");
        box.setAttribute("role", "region");
        box.setAttribute("aria-label", caption ? caption.textContent.trim() : document.title);
        box.dataset.scrollRegion = "";
      } else if (!overflows && "scrollRegion" in box.dataset) {
        for (const name of ["tabindex", "role", "aria-label", "data-scroll-region"]) {
          box.removeAttribute(name);
        }
      }
    }
  };
  scrollable();
  window.addEventListener("resize", scrollable);

  // On a phone the header's links fold into a menu; the CSS folds them only where
  // this script has made the button that opens them visible.
  const toggle = document.querySelector(".site-menu-toggle");
  if (toggle) {
    const header = toggle.closest(".site-header");
    header.classList.add("site-header--foldable");
    toggle.hidden = false;
    toggle.addEventListener("click", () => {
      const open = toggle.getAttribute("aria-expanded") !== "true";
      toggle.setAttribute("aria-expanded", String(open));
      header.classList.toggle("site-header--open", open);
    });
  }
});
