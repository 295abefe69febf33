/* Under 768 px the outline hides behind a disclosure button (menu.css): Escape or choosing a page closes it. */
(function () {
  "use strict";
  const button = document.getElementById("outline-toggle");
  const open = (value) => button.setAttribute("aria-expanded", value);
  const isOpen = () => button.getAttribute("aria-expanded") === "true";

  button.addEventListener("click", () => open(!isOpen()));
  document.getElementById("outline").addEventListener("click", (event) => {
    if (event.target.closest("[data-go]")) { open(false); }
  });
  document.addEventListener("keydown", (event) => {
    if (event.key === "Escape" && isOpen() && event.target.closest("#outline-toggle, #outline")) {
      open(false);
      button.focus();
    }
  });
})();
