/*
 * Dragging for the question types that move things (sequencing, matching): one code path for
 * mouse, pen and touch (Pointer Events), announcements in the question's polite live region, and
 * locking the widget when the quiz locks the question's own controls. Each type adds its keyboard path.
 */
(function (ns) {
  "use strict";

  var endedAt = 0;

  /* Follow a drag from handle: hooks.start() (false: no drag), hooks.move(x, y), hooks.end(x, y, done).
     A press that moves less than 6 px is no drag: the click that follows it does the work. */
  ns.drag = function (handle, hooks) {
    handle.addEventListener("pointerdown", function (down) {
      if (down.button !== 0 || handle.matches(":disabled")) { return; }
      var dragging = false;
      function move(event) {
        if (!dragging) {
          if (Math.abs(event.clientX - down.clientX) + Math.abs(event.clientY - down.clientY) < 6) { return; }
          dragging = hooks.start() !== false;
          if (!dragging) { return stop(); }
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

  /* True for the click that ends a drag (it must not also pick or press). */
  ns.dragJustEnded = function () { return Date.now() - endedAt < 400; };

  /* The element under the pointer (the dragged one lets the pointer through: CSS .is-dragging). */
  ns.under = function (x, y, selector) {
    var found = document.elementFromPoint(x, y);
    return found && found.closest(selector);
  };

  ns.announce = function (item, text) {
    var region = item.querySelector("[data-announce]");
    // The same words twice in a row are announced again: alternate a trailing no-break space.
    region.textContent = region.textContent === text ? text + "\u00a0" : text;
  };

  /* The quiz disables a question's own controls (lock) after submitting: the whole fieldset follows. */
  ns.followLock = function (item, control) {
    var fieldset = item.querySelector("fieldset");
    new MutationObserver(function () { fieldset.disabled = control.disabled; })
      .observe(control, { attributes: true, attributeFilter: ["disabled"] });
  };
})(window.CoursePackager = window.CoursePackager || {});
