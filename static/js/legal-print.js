// The deadline clock's "Print" button: shown only where scripts run (the page prints without it
// through the browser's own Print command, with the print stylesheet).
document.addEventListener("DOMContentLoaded", function () {
  document.querySelectorAll("[data-print]").forEach(function (button) {
    button.hidden = false;
    button.addEventListener("click", function () { window.print(); });
  });
});
