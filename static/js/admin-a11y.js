/* CrisisKB: accessible names for the stock admin widgets that lack one (WCAG 4.1.2, 1.3.1).
   Django's tabular inlines and list_editable columns label their fields only by the column
   header; select2 (autocomplete fields) and SelectFilter2 (filter_horizontal) build controls
   without a name or with ARIA that their elements may not carry. This names them after their
   column header or the label of the field they stand for, whenever the admin adds them. */
"use strict";
(function () {
  function text(element) {
    return element ? element.textContent.replace(/\s+/g, " ").trim() : "";
  }

  function hasName(control) {
    if (control.getAttribute("aria-label") || control.getAttribute("aria-labelledby")) return true;
    if (control.id && document.querySelector('label[for="' + CSS.escape(control.id) + '"]')) return true;
    return Boolean(control.closest("label"));
  }

  function columnHeader(cell) {
    var table = cell.closest("table");
    var headers = table && table.tHead ? table.tHead.rows[0].cells : null;
    if (!headers) return "";
    var field = Array.prototype.find.call(cell.classList, function (name) {
      return name.indexOf("field-") === 0;
    });
    var header = field ? table.tHead.querySelector("th.column-" + CSS.escape(field.slice(6))) : null;
    // Tabular inlines' last column ("Delete?") has no class: fall back to the column's position.
    return text(header || headers[cell.cellIndex]);
  }

  function nameTableControls(root) {
    root.querySelectorAll("table td input, table td select, table td textarea").forEach(function (control) {
      if (control.type === "hidden" || control.type === "checkbox" && control.classList.contains("action-select")) return;
      if (hasName(control)) return;
      var header = columnHeader(control.closest("td"));
      if (header) control.setAttribute("aria-label", header);
    });
  }

  function nameSelect2(root) {
    root.querySelectorAll("select.admin-autocomplete").forEach(function (select) {
      var container = select.nextElementSibling;
      if (!container || !container.classList.contains("select2")) return;
      var label = select.id ? document.querySelector('label[for="' + CSS.escape(select.id) + '"]') : null;
      var name = text(label).replace(/:$/, "") || select.name;
      container.querySelectorAll('[role="combobox"], [role="textbox"], .select2-search__field').forEach(function (control) {
        if (!control.getAttribute("aria-label")) control.setAttribute("aria-label", name);
      });
      container.querySelectorAll("ul.select2-selection__rendered > :not(li)").forEach(function (extra) {
        // The mouse-only "clear all" cross sits inside the list of choices, where only list
        // items belong; keyboard and screen-reader users clear with Backspace instead.
        extra.setAttribute("aria-hidden", "true");
      });
    });
  }

  function fixTooltips(root) {
    // SelectFilter2's search icons carry aria-label on a plain span: make it an image.
    root.querySelectorAll("span.help-tooltip[aria-label]:not([role])").forEach(function (icon) {
      icon.setAttribute("role", "img");
    });
  }

  function fix() {
    nameTableControls(document);
    nameSelect2(document);
    fixTooltips(document);
  }

  document.addEventListener("DOMContentLoaded", function () {
    fix();
    new MutationObserver(function () {
      fix();
    }).observe(document.body, { childList: true, subtree: true });
  });
  window.addEventListener("load", fix);
})();
