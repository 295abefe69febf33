/*
 * SCORM 2004 adapter (3rd and 4th edition): completion and success are reported separately.
 * completion_status is "completed" once the learner has finished, whether they passed or
 * failed; success_status comes from the quiz; progress_measure is 1 exactly when complete.
 */
(function (ns) {
  "use strict";

  var METHODS = {
    initialize: "Initialize", finish: "Terminate", getValue: "GetValue",
    setValue: "SetValue", commit: "Commit", getLastError: "GetLastError"
  };

  /* Milliseconds as an ISO 8601 duration, e.g. PT1H2M3.45S. */
  function sessionTime(milliseconds) {
    var centiseconds = Math.max(0, Math.floor(milliseconds / 10));
    var hours = Math.floor(centiseconds / 360000);
    var minutes = Math.floor(centiseconds / 6000) % 60;
    var seconds = (centiseconds % 6000) / 100;
    return "PT" + (hours ? hours + "H" : "") + (minutes ? minutes + "M" : "") + seconds.toFixed(2) + "S";
  }

  ns.connectLms = function (config, onFault) {
    var api = ns.findApi("API_1484_11", 500);
    if (!api) { return null; }
    var connection = new ns.LmsConnection(api, METHODS, onFault);
    var startedAt = Date.now();
    var interactionIndex = {};

    /* Interactions already in the LMS, by id, so a new attempt updates them in place. */
    function readInteractions() {
      var count = Number(connection.get("cmi.interactions._count")) || 0;
      for (var index = 0; index < count; index++) {
        interactionIndex[connection.get("cmi.interactions." + index + ".id")] = index;
      }
    }

    function write(report, suspendData) {
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
      connection.set("cmi.session_time", sessionTime(Date.now() - startedAt));
    }

    return {
      name: "scorm2004",
      sessionTime: sessionTime,
      start: function () {
        if (!connection.initialize()) { return null; }
        readInteractions();
        var resuming = connection.get("cmi.entry") === "resume";
        return {
          location: resuming ? connection.get("cmi.location") : "",
          suspendData: resuming ? connection.get("cmi.suspend_data") : ""
        };
      },
      save: function (report, suspendData) {
        write(report, suspendData);
        return connection.commit();
      },
      commit: function () { return connection.commit(); },
      recordInteractions: function (entries) {
        entries.forEach(function (entry) {
          var index = interactionIndex[entry.id];
          if (index === undefined) {
            index = Number(connection.get("cmi.interactions._count")) || 0;
            interactionIndex[entry.id] = index;
          }
          var base = "cmi.interactions." + index + ".";
          var formatted = ns.formatInteraction("scorm2004", entry);
          connection.set(base + "id", entry.id);
          connection.set(base + "type", entry.type);
          connection.set(base + "description", entry.description);
          formatted.correct.forEach(function (pattern, patternIndex) {
            connection.set(base + "correct_responses." + patternIndex + ".pattern", pattern);
          });
          connection.set(base + "learner_response", formatted.learner);
          connection.set(base + "result", formatted.result);
          connection.set(base + "weighting", String(entry.weighting));
          connection.set(base + "latency", sessionTime(entry.latency));
          connection.set(base + "timestamp", entry.timestamp.toISOString().replace(/(\.\d{2})\d*Z$/, "$1Z"));
        });
        return connection.commit();
      },
      finish: function (report, suspendData) {
        if (connection.finished) { return false; }
        write(report, suspendData);
        // Tell the LMS the learner is leaving, so it closes the content (and keeps the attempt open if unfinished).
        connection.set("adl.nav.request", report.finished ? "exitAll" : "suspendAll");
        return connection.finish();
      }
    };
  };
})(window.CoursePackager = window.CoursePackager || {});
