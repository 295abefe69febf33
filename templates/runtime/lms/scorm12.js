/* SCORM 1.2: lesson_status folds completion and success together (passed/failed once the
   assessment decides, completed when there is nothing to pass, incomplete before). */
(function (ns) {
  "use strict";

  function pad(number, width) { return ("000" + number).slice(-width); }

  /* Milliseconds as HHHH:MM:SS.SS (hours capped at 9999). */
  function timespan(milliseconds) {
    var centiseconds = Math.max(0, Math.floor(milliseconds / 10));
    return pad(Math.min(9999, Math.floor(centiseconds / 360000)), 4) + ":" + pad(Math.floor(centiseconds / 6000) % 60, 2) +
      ":" + pad(Math.floor(centiseconds / 100) % 60, 2) + "." + pad(centiseconds % 100, 2);
  }

  ns.scormDialect = {
    name: "scorm12", api: "API", maxParents: 7, prefix: "LMS", finish: "Finish",
    cmi: "cmi.core.", location: "lesson_location", exitDone: "", scaled: false,
    response: "student_response", stamp: "time", duration: timespan,
    /* A Date's local time of day, HH:MM:SS (CMITime). */
    time: function (date) { return pad(date.getHours(), 2) + ":" + pad(date.getMinutes(), 2) + ":" + pad(date.getSeconds(), 2); },
    status: function (report) {
      return [["cmi.core.lesson_status", !report.completed ? "incomplete" : report.success === "unknown" ? "completed" : report.success]];
    }
  };
})(window.CoursePackager = window.CoursePackager || {});
