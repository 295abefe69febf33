/*
 * SCORM 1.2 adapter: maps the course state's report onto the cmi.core data model.
 * lesson_status folds completion and success together: passed/failed once the quiz
 * decides, completed when there is nothing to pass, incomplete before.
 */
(function (ns) {
  "use strict";

  var METHODS = {
    initialize: "LMSInitialize", finish: "LMSFinish", getValue: "LMSGetValue",
    setValue: "LMSSetValue", commit: "LMSCommit", getLastError: "LMSGetLastError"
  };

  function pad(number, width) {
    var text = String(number);
    while (text.length < width) { text = "0" + text; }
    return text;
  }

  /* Milliseconds as HHHH:MM:SS.SS (hours capped at 9999). */
  function sessionTime(milliseconds) {
    var centiseconds = Math.floor(milliseconds / 10);
    var hours = Math.min(9999, Math.floor(centiseconds / 360000));
    var minutes = Math.floor(centiseconds / 6000) % 60;
    var seconds = Math.floor(centiseconds / 100) % 60;
    return pad(hours, 4) + ":" + pad(minutes, 2) + ":" + pad(seconds, 2) + "." + pad(centiseconds % 100, 2);
  }

  /* A Date as HH:MM:SS, the 1.2 interaction time. */
  function clock(date) {
    return pad(date.getHours(), 2) + ":" + pad(date.getMinutes(), 2) + ":" + pad(date.getSeconds(), 2);
  }

  function lessonStatus(report) {
    if (!report.completed) { return "incomplete"; }
    return report.success === "unknown" ? "completed" : report.success;
  }

  ns.connectLms = function (config, onFault) {
    var api = ns.findApi("API", 7);
    if (!api) { return null; }
    var connection = new ns.LmsConnection(api, METHODS, onFault);
    var startedAt = Date.now();

    function write(report, suspendData) {
      connection.set("cmi.core.lesson_status", lessonStatus(report));
      if (report.scorePercent !== null) {
        connection.set("cmi.core.score.min", "0");
        connection.set("cmi.core.score.max", "100");
        connection.set("cmi.core.score.raw", String(report.scorePercent));
      }
      connection.set("cmi.core.lesson_location", report.location);
      connection.set("cmi.suspend_data", suspendData);
      connection.set("cmi.core.exit", report.finished ? "" : "suspend");
      connection.set("cmi.core.session_time", sessionTime(Date.now() - startedAt));
    }

    return {
      name: "scorm12",
      sessionTime: sessionTime,
      start: function () {
        if (!connection.initialize()) { return null; }
        var resuming = connection.get("cmi.core.entry") === "resume";
        return {
          location: resuming ? connection.get("cmi.core.lesson_location") : "",
          suspendData: resuming ? connection.get("cmi.suspend_data") : ""
        };
      },
      save: function (report, suspendData) {
        write(report, suspendData);
        return connection.commit();
      },
      commit: function () { return connection.commit(); },
      /* 1.2 interactions are a journal: each answer is appended at _count. */
      recordInteractions: function (entries) {
        entries.forEach(function (entry) {
          var base = "cmi.interactions." + (Number(connection.get("cmi.interactions._count")) || 0) + ".";
          var formatted = ns.formatInteraction("scorm12", entry);
          connection.set(base + "id", entry.id);
          connection.set(base + "type", entry.type);
          formatted.correct.forEach(function (pattern, index) {
            connection.set(base + "correct_responses." + index + ".pattern", pattern);
          });
          connection.set(base + "student_response", formatted.learner);
          connection.set(base + "result", formatted.result);
          connection.set(base + "weighting", String(entry.weighting));
          connection.set(base + "latency", sessionTime(entry.latency));
          connection.set(base + "time", clock(entry.timestamp));
        });
        return connection.commit();
      },
      finish: function (report, suspendData) {
        if (connection.finished) { return false; }
        write(report, suspendData);
        return connection.finish();
      }
    };
  };
})(window.CoursePackager = window.CoursePackager || {});
