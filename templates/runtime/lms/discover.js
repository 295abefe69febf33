/* Find the LMS's API object as the SCORM run-time specs say: up the parent frames, then the
   openers' chains. Every access is guarded: a frame from another origin throws. */
(function (ns) {
  "use strict";

  function searchUp(win, name, maxParents) {
    for (var depth = 0; win && depth <= maxParents; depth++) {
      try { if (win[name]) { return win[name]; } } catch (error) { /* another origin */ }
      var parent = null;
      try { parent = win.parent; } catch (error) { parent = null; }
      if (!parent || parent === win) { break; }
      win = parent;
    }
    return null;
  }

  ns.findApi = function (name, maxParents) {
    var api = searchUp(window, name, maxParents);
    var openers = [];
    try { openers.push(window.opener); } catch (error) { /* no access */ }
    try { openers.push(window.top.opener); } catch (error) { /* no access */ }
    for (var index = 0; index < openers.length && !api; index++) {
      if (openers[index]) { api = searchUp(openers[index], name, maxParents); }
    }
    return api;
  };
})(window.CoursePackager = window.CoursePackager || {});
