/*
 * SCORM 1.2 dialect: lesson_status folds completion and success together (passed/failed once
 * the assessment decides, completed when there is nothing to pass, incomplete before).
 */
(function (ns) {
  "use strict";

  function lessonStatus(report) {
    if (!report.completed) { return "incomplete"; }
    return report.success === "unknown" ? "completed" : report.success;
  }

  var DIALECT = {
    name: "scorm12",
    apiName: "API",
    maxParents: 7,
    methods: {
      initialize: "LMSInitialize", finish: "LMSFinish", getValue: "LMSGetValue",
      setValue: "LMSSetValue", commit: "LMSCommit", getLastError: "LMSGetLastError"
    },
    entry: "cmi.core.entry",
    location: "cmi.core.lesson_location",
    write: function (connection, report, suspendData, elapsed) {
      connection.set("cmi.core.lesson_status", lessonStatus(report));
      if (report.scorePercent !== null) {
        connection.set("cmi.core.score.min", "0");
        connection.set("cmi.core.score.max", "100");
        connection.set("cmi.core.score.raw", String(report.scorePercent));
      }
      connection.set("cmi.core.lesson_location", report.location);
      connection.set("cmi.suspend_data", suspendData);
      connection.set("cmi.core.exit", report.finished ? "" : "suspend");
      connection.set("cmi.core.session_time", ns.scorm12Timespan(elapsed));
    },
    interactionFields: function (entry, formatted) {
      return [
        ["student_response", formatted.learner],
        ["result", formatted.result],
        ["weighting", String(entry.weighting)],
        ["latency", ns.scorm12Timespan(entry.latency)],
        ["time", ns.clockTime(entry.timestamp)]
      ];
    }
  };

  ns.connectLms = function (config, onFault) { return ns.connectScorm(config, onFault, DIALECT); };
})(window.CoursePackager = window.CoursePackager || {});
