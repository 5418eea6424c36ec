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
});
