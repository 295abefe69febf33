/* Dragging for sequencing and matching with mouse, pen and touch (Pointer Events), and what both say
   in the question's live region. Each type has its keyboard path. */
(function (ns) {
  "use strict";

  var endedAt = 0;

  /* hooks.start(), move(x, y), end(dropped); a press that moves under 6 px is a click. */
  ns.drag = function (handle, hooks) {
    handle.addEventListener("pointerdown", function (down) {
      if (down.button !== 0 || handle.matches(":disabled")) { return; }
      var dragging = false;
      var listening = new AbortController();
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
        listening.abort();
        if (dragging) {
          endedAt = Date.now();
          hooks.end(event.type === "pointerup");
        }
      }
      handle.setPointerCapture(down.pointerId);
      var until = { signal: listening.signal };
      handle.addEventListener("pointermove", move, until);
      handle.addEventListener("pointerup", stop, until);
      handle.addEventListener("pointercancel", stop, until);
    });
  };

  /* The click that ends a drag must not also press. */
  ns.dragJustEnded = function () { return Date.now() - endedAt < 400; };

  /* What matches selector under the point, inside within (or null). */
  ns.under = function (x, y, selector, within) {
    var found = document.elementFromPoint(x, y);
    found = found && found.closest(selector);
    return found && within.contains(found) ? found : null;
  };

  ns.announce = function (item, text) {
    var region = item.querySelector("[data-announce]");
    // The same words again are announced again: a trailing no-break space comes and goes.
    region.textContent = region.textContent === text ? text + "\u00a0" : text;
  };

  /* An answer changed by script: the quiz hears of it as of a learner's change. */
  ns.changed = function (control) {
    control.dispatchEvent(new Event("change", { bubbles: true }));
  };
})(window.CoursePackager = window.CoursePackager || {});
