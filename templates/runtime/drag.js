/* Dragging for sequencing and matching: mouse, pen and touch (Pointer Events), announcements in
   the question's live region, locking with the question's controls. Each type has its keyboard path. */
(function (ns) {
  "use strict";

  var endedAt = 0;

  /* hooks.start(), move(x, y), end(x, y, done); a press that moves under 6 px is a click. */
  ns.drag = function (handle, hooks) {
    handle.addEventListener("pointerdown", function (down) {
      if (down.button !== 0 || handle.matches(":disabled")) { return; }
      var dragging = false;
      function move(event) {
        if (!dragging) {
          if (Math.abs(event.clientX - down.clientX) + Math.abs(event.clientY - down.clientY) < 6) { return; }
          dragging = true;
          hooks.start();
        }
        event.preventDefault();
        hooks.move(event.clientX, event.clientY);
      }
      function stop(event) {
        handle.removeEventListener("pointermove", move);
        handle.removeEventListener("pointerup", stop);
        handle.removeEventListener("pointercancel", stop);
        if (dragging && event) {
          endedAt = Date.now();
          hooks.end(event.clientX, event.clientY, event.type === "pointerup");
        }
      }
      handle.setPointerCapture(down.pointerId);
      handle.addEventListener("pointermove", move);
      handle.addEventListener("pointerup", stop);
      handle.addEventListener("pointercancel", stop);
    });
  };

  /* The click that ends a drag must not also press. */
  ns.dragJustEnded = function () { return Date.now() - endedAt < 400; };

  ns.under = function (x, y, selector) {
    var found = document.elementFromPoint(x, y);
    return found && found.closest(selector);
  };

  ns.announce = function (item, text) {
    var region = item.querySelector("[data-announce]");
    // The same words again are announced again: a trailing no-break space comes and goes.
    region.textContent = region.textContent === text ? text + "\u00a0" : text;
  };

  /* When the quiz disables the question's control (submitted), the whole fieldset follows. */
  ns.followLock = function (item, control) {
    var fieldset = item.querySelector("fieldset");
    new MutationObserver(function () { fieldset.disabled = control.disabled; })
      .observe(control, { attributes: true, attributeFilter: ["disabled"] });
  };
})(window.CoursePackager = window.CoursePackager || {});
