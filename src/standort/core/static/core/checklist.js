/* The filter of a long list of checkboxes (core.forms.Checklist, template
   core/forms/widgets/checklist.html). Typing hides the boxes whose label does not
   contain every word typed, the live region then says how many match, and the
   summary counts the chosen ones, also those the filter hides (they are sent all
   the same). Without this script the filter stays hidden and every box shows.
   No inline script or handler: the pages are to run under a Content-Security-Policy
   without 'unsafe-inline'. */
(function () {
  "use strict";

  // Announce the number of matches once typing pauses, not at every key.
  var ANNOUNCE_AFTER_MS = 400;

  // Case and accents do not matter: "grunder" finds "Gründer".
  function fold(text) {
    return text.normalize("NFD").replace(/[\u0300-\u036f]/g, "").toLowerCase();
  }

  function counted(list, key, n, hidden) {
    var data = list.dataset;
    var text;
    if (n === 0 && data[key + "None"] !== undefined) {
      text = data[key + "None"];
    } else {
      text = data[key + (n === 1 ? "One" : "Other")];
    }
    return text.replace("{n}", String(n)).replace("{hidden}", String(hidden || 0));
  }

  function enhance(list) {
    if (list.dataset.checklistReady) {
      return;
    }
    list.dataset.checklistReady = "true";
    var filter = list.querySelector("[data-checklist-filter]");
    var input = filter.querySelector("input");
    var matches = list.querySelector("[data-checklist-matches]");
    var summary = list.querySelector("[data-checklist-summary]");
    var options = Array.prototype.map.call(
      list.querySelectorAll("[data-checklist-option]"),
      function (row) {
        return { row: row, box: row.querySelector("input"), text: fold(row.textContent) };
      }
    );
    var timer = null;

    function summarise() {
      var chosen = 0;
      var hidden = 0;
      options.forEach(function (option) {
        if (option.box.checked) {
          chosen += 1;
          if (option.row.hidden) {
            hidden += 1;
          }
        }
      });
      summary.textContent = hidden
        ? counted(list, "selectedHidden", chosen, hidden)
        : counted(list, "selected", chosen);
    }

    function apply() {
      var words = fold(input.value).split(/\s+/).filter(Boolean);
      var shown = 0;
      options.forEach(function (option) {
        var match = words.every(function (word) {
          return option.text.indexOf(word) !== -1;
        });
        option.row.hidden = !match;
        if (match) {
          shown += 1;
        }
      });
      summarise();
      window.clearTimeout(timer);
      timer = window.setTimeout(function () {
        matches.textContent = words.length ? counted(list, "matches", shown) : "";
      }, ANNOUNCE_AFTER_MS);
    }

    input.addEventListener("input", apply);
    // Enter in the filter would send the whole form.
    input.addEventListener("keydown", function (event) {
      if (event.key === "Enter") {
        event.preventDefault();
      }
    });
    list.addEventListener("change", summarise);
    filter.hidden = false;
    // A filter the browser kept from before (back button) applies at once.
    if (input.value) {
      apply();
    }
  }

  function enhanceAll(root) {
    Array.prototype.forEach.call(
      (root || document).querySelectorAll("[data-checklist]"),
      enhance
    );
  }

  if (document.readyState === "loading") {
    document.addEventListener("DOMContentLoaded", function () {
      enhanceAll(document);
    });
  } else {
    enhanceAll(document);
  }
  // Forms that htmx brings into the page.
  document.addEventListener("htmx:load", function (event) {
    enhanceAll(event.target);
  });
})();
