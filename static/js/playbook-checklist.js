// The playbook checklist: ticks are kept in this browser (localStorage), per playbook. Without
// scripts the boxes can still be ticked; they are just not remembered.
document.addEventListener("DOMContentLoaded", function () {
  var list = document.querySelector("[data-checklist]");
  if (!list || !window.localStorage) { return; }
  var storeKey = "crisiskb:" + list.getAttribute("data-checklist");
  var ticked = {};
  try { ticked = JSON.parse(window.localStorage.getItem(storeKey) || "{}") || {}; } catch (e) { ticked = {}; }
  list.querySelectorAll("input.checklist-tick[data-key]").forEach(function (box) {
    var key = box.getAttribute("data-key");
    box.checked = ticked[key] === true;
    box.addEventListener("change", function () {
      if (box.checked) { ticked[key] = true; } else { delete ticked[key]; }
      try { window.localStorage.setItem(storeKey, JSON.stringify(ticked)); } catch (e) { /* full or blocked */ }
    });
  });
});
