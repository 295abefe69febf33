/*
 * SCORM 2004 dialect (3rd and 4th edition): completion and success are reported separately.
 * completion_status is "completed" once the learner has finished, whether they passed or
 * failed; success_status comes from the assessment; progress_measure is 1 exactly when complete.
 */
(function (ns) {
  "use strict";

  function createDialect() {
    return {
      name: "scorm2004",
      apiName: "API_1484_11",
      maxParents: 500,
      methods: {
        initialize: "Initialize", finish: "Terminate", getValue: "GetValue",
        setValue: "SetValue", commit: "Commit", getLastError: "GetLastError"
      },
      entry: "cmi.entry",
      location: "cmi.location",
      write: function (connection, report, suspendData, elapsed) {
        connection.set("cmi.completion_status", report.completed ? "completed" : "incomplete");
        connection.set("cmi.success_status", report.success);
        connection.set("cmi.progress_measure", String(report.progress));
        if (report.scoreFraction !== null) {
          connection.set("cmi.score.min", "0");
          connection.set("cmi.score.max", "100");
          connection.set("cmi.score.raw", String(report.scorePercent));
          connection.set("cmi.score.scaled", String(Math.round(report.scoreFraction * 1e7) / 1e7));
        }
        connection.set("cmi.location", report.location);
        connection.set("cmi.suspend_data", suspendData);
        connection.set("cmi.exit", report.finished ? "normal" : "suspend");
        connection.set("cmi.session_time", ns.isoDuration(elapsed));
      },
      interactionFields: function (entry, formatted) {
        return [
          ["description", entry.description],
          ["learner_response", formatted.learner],
          ["result", formatted.result],
          ["weighting", String(entry.weighting)],
          ["latency", ns.isoDuration(entry.latency)],
          ["timestamp", ns.isoTimestamp(entry.timestamp)]
        ];
      },
      /* Tell the LMS the learner is leaving, so it closes the content (keeping an unfinished attempt). */
      beforeFinish: function (connection, report) {
        connection.set("adl.nav.request", report.finished ? "exitAll" : "suspendAll");
      }
    };
  }

  ns.connectLms = function (config, onFault) { return ns.connectScorm(config, onFault, createDialect()); };
})(window.CoursePackager = window.CoursePackager || {});
