/*
 * What differs between the standards the player can launch: the API object and its global name,
 * method names, error codes, how a launch is seeded from the learner's record, and the spec rules
 * the player checks on every SetValue (the ones scorm-again lets pass).
 * To add a standard, add an entry here; launch.json's "standard" names the entry to use.
 */
(function (ns) {
  "use strict";

  /* SCORM 1.2 CMITimespan: HHHH:MM:SS.SS, hours 2-4 digits, minutes and seconds below 60. */
  var TIMESPAN = /^(\d{2,4}):(\d{2}):(\d{2})(\.\d{1,2})?$/;
  function timespan(value) {
    var match = TIMESPAN.exec(value);
    if (!match) { return "is not a CMITimespan (HHHH:MM:SS.SS, hours on 2 to 4 digits)"; }
    if (Number(match[2]) > 59 || Number(match[3]) > 59) { return "has minutes or seconds above 59"; }
    return null;
  }

  /* SCORM 2004 timeinterval (second,10,2): an ISO 8601 duration with at least one component. */
  var DURATION = /^P(\d+Y)?(\d+M)?(\d+D)?(T(\d+H)?(\d+M)?(\d+(\.\d{1,2})?S)?)?$/;
  function duration(value) {
    var match = DURATION.exec(value);
    if (!match) { return "is not an ISO 8601 duration (e.g. PT1H5M30S)"; }
    if (value === "P" || /T$/.test(value)) { return "is an ISO 8601 duration with no component (P or PT alone)"; }
    return null;
  }

  function maxLength(limit) {
    return function (value) { return value.length > limit ? "is " + value.length + " characters long; the limit is " + limit : null; };
  }

  function oneOf(values) {
    return function (value) {
      return values.indexOf(value) === -1 ? "is not in the vocabulary (" + values.map(JSON.stringify).join(", ") + ")" : null;
    };
  }

  ns.standards = {
    scorm12: {
      label: "SCORM 1.2",
      global: "API",
      create: function (settings) { return new window.Scorm12API(settings); },
      entryElement: "cmi.core.entry",
      calls: { initialize: "LMSInitialize", finish: "LMSFinish", getValue: "LMSGetValue", setValue: "LMSSetValue", commit: "LMSCommit" },
      errors: { last: "LMSGetLastError", text: "LMSGetErrorString", diagnostic: "LMSGetDiagnostic" },
      /* Codes the player returns when it rejects a call that scorm-again would accept. */
      codes: { general: "101", afterFinish: "301", badValue: "405" },
      /* scorm-again accepts any 1.2 call after LMSFinish; in 2004 it rejects them itself, with the right codes. */
      scormAgainRejectsAfterFinish: false,
      rules: [
        { id: "session-time-format", element: "cmi.core.session_time", check: timespan },
        { id: "suspend-data-length", element: "cmi.suspend_data", check: maxLength(4096) },
        { id: "lesson-location-length", element: "cmi.core.lesson_location", check: maxLength(255) },
        { id: "exit-vocabulary", element: "cmi.core.exit", check: oneOf(["", "time-out", "suspend", "logout"]) }
      ],
      launchData: function (flat, info) {
        var core = { student_id: "learner-1", student_name: "Learner, Test", credit: "credit", lesson_mode: "normal" };
        var data = { core: core };
        if (info.masteryScore !== null && info.masteryScore !== undefined) {
          data.student_data = { mastery_score: String(info.masteryScore) };
        }
        if (!flat) { return data; }
        var resuming = flat["cmi.core.exit"] === "suspend";
        core.lesson_status = flat["cmi.core.lesson_status"] || "not attempted";
        core.entry = resuming ? "resume" : "";
        if (resuming) {
          core.lesson_location = flat["cmi.core.lesson_location"] || "";
          data.suspend_data = flat["cmi.suspend_data"] || "";
        }
        return data;
      }
    },
    scorm2004: {
      label: "SCORM 2004",
      global: "API_1484_11",
      create: function (settings) { return new window.Scorm2004API(settings); },
      entryElement: "cmi.entry",
      calls: { initialize: "Initialize", finish: "Terminate", getValue: "GetValue", setValue: "SetValue", commit: "Commit" },
      errors: { last: "GetLastError", text: "GetErrorString", diagnostic: "GetDiagnostic" },
      codes: { general: "101", afterFinish: "123", badValue: "406" },
      scormAgainRejectsAfterFinish: true,
      rules: [
        { id: "session-time-format", element: "cmi.session_time", check: duration }
      ],
      launchData: function (flat, info) {
        var data = { learner_id: "learner-1", learner_name: "Learner, Test", credit: "credit", mode: "normal" };
        if (info.scaledPassingScore !== null && info.scaledPassingScore !== undefined) {
          data.scaled_passing_score = info.scaledPassingScore;
        }
        if (info.completionThreshold !== null && info.completionThreshold !== undefined) {
          data.completion_threshold = info.completionThreshold;
        }
        data.entry = "ab-initio";
        if (!flat) { return data; }
        var resuming = flat["cmi.exit"] === "suspend";
        data.entry = resuming ? "resume" : "";
        if (resuming) {
          data.location = flat["cmi.location"] || "";
          data.suspend_data = flat["cmi.suspend_data"] || "";
          data.completion_status = flat["cmi.completion_status"] || "unknown";
          data.success_status = flat["cmi.success_status"] || "unknown";
        }
        return data;
      }
    }
  };
})(window.TestLms = window.TestLms || {});
