/* SCORM 2004 (3rd and 4th edition): completion_status is "completed" once the learner has
   finished, passed or failed; success_status comes from the assessment; progress_measure is 1
   exactly when complete. */
(function (ns) {
  "use strict";

  ns.scormDialect = {
    name: "scorm2004", api: "API_1484_11", maxParents: 500, prefix: "", finish: "Terminate",
    cmi: "cmi.", location: "location", exitDone: "normal", scaled: true,
    response: "learner_response", stamp: "timestamp", duration: ns.isoDuration,
    /* A Date in UTC with centiseconds (time(second,10,0)). */
    time: function (date) { return date.toISOString().replace(/(\.\d{2})\d*Z$/, "$1Z"); },
    status: function (report) {
      return [
        ["cmi.completion_status", report.completed ? "completed" : "incomplete"],
        ["cmi.success_status", report.success],
        ["cmi.progress_measure", report.progress]
      ];
    }
  };
})(window.CoursePackager = window.CoursePackager || {});
