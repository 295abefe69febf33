/* Under 768 px the outline hides behind a disclosure button (menu.css): Escape or choosing a page closes it. */
(function () {
  "use strict";
  var button = document.getElementById("outline-toggle");
  var outline = document.getElementById("outline");

  function open(value) { button.setAttribute("aria-expanded", String(value)); }
  function isOpen() { return button.getAttribute("aria-expanded") === "true"; }

  button.addEventListener("click", function () { open(!isOpen()); });
  outline.addEventListener("click", function (event) {
    if (event.target.closest("[data-go]")) { open(false); }
  });
  document.addEventListener("keydown", function (event) {
    var inside = event.target === button || outline.contains(event.target);
    if (event.key === "Escape" && isOpen() && inside) {
      open(false);
      button.focus();
    }
  });
})();
