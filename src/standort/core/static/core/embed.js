// An embedded page (home/initiative_embed.html) tells the page that frames it how tall
// it is, whenever that changes, so the frame can fit it without a scroll bar. The
// host page listens for {type: "standort:height"} (the snippet on the initiative's
// settings page). Only a number leaves the frame, so any host may hear it.
(function () {
  "use strict";
  if (window.parent === window) {
    return;
  }
  var last = 0;
  function report() {
    var height = Math.ceil(document.documentElement.getBoundingClientRect().height);
    if (height !== last) {
      last = height;
      window.parent.postMessage({ type: "standort:height", height: height }, "*");
    }
  }
  if ("ResizeObserver" in window) {
    new ResizeObserver(report).observe(document.documentElement);
  }
  window.addEventListener("load", report);
  report();
})();
