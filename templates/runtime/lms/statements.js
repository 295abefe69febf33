/* The xAPI session of a cmi5 or Tin Can launch, as the adapter app.js calls: its statements, the
   verdicts the registration is owed, and the resume document. Finishes exactly once. */
(function (ns) {
  "use strict";

  var VERBS = "http://adlnet.gov/expapi/verbs/";

  function uuid() {
    var bytes = window.crypto.getRandomValues(new Uint8Array(16));
    bytes[6] = (bytes[6] & 0x0f) | 0x40;
    bytes[8] = (bytes[8] & 0x3f) | 0x80;
    var hex = Array.prototype.map.call(bytes, function (value) { return (value + 0x100).toString(16).slice(1); }).join("");
    return hex.replace(/^(.{8})(.{4})(.{4})(.{4})/, "$1-$2-$3-$4-");
  }

  function text(value) { return typeof value === "string" ? value : ""; }

  /* An xAPI language map: { <page language>: value }. */
  ns.languageMap = function (value) {
    var map = {};
    map[document.documentElement.lang || "und"] = value;
    return map;
  };

  /* The launch's query parameters, or null without `endpoint` and `credential` (no LMS launched it). */
  ns.xapiLaunch = function (credential, activityParameter) {
    var query = new URLSearchParams(window.location.search);
    if (!query.get("endpoint") || !query.get(credential)) { return null; }
    var launch = {
      endpoint: query.get("endpoint"),
      credential: query.get(credential),
      agent: query.get("actor"),
      registration: query.get("registration"),
      activityId: query.get(activityParameter),
      records: true // verdicts, answers and the resume document are sent (cmi5: Normal mode only)
    };
    try { launch.actor = JSON.parse(launch.agent); } catch (error) { launch.actor = null; }
    return launch;
  };

  /* The adapter of an xAPI launch over the target's hooks: activity (the launched one), authorize(),
     reads(read) (documents read with the resume document), begin(saved, documents) (the first verb),
     context(verb), last(report) (the last verb); optional owed(report) and keep(body). */
  ns.xapiSession = function (config, onFault, launch, target) {
    var lrs = null;
    var finished = false;
    var startedAt = 0;
    var lastTimestamp = 0;
    var reported = null; // what the registration was told: {completed, passed, failed}
    var judged = false; // a session judges once
    var scope = { stateId: "course-packager.suspend", activityId: launch.activityId, agent: launch.agent };
    if (launch.registration) { scope.registration = launch.registration; }
    launch.mastery = config.course.masteryScore / 100;

    function elapsed() { return ns.isoDuration(Date.now() - startedAt); }

    /* A statement about the launched activity, or (naming it as parent) about `object`. */
    function statement(verb, result, object) {
      var context = target.context(verb);
      if (object) {
        context.contextActivities = context.contextActivities || {};
        context.contextActivities.parent = [{ id: launch.activityId, objectType: "Activity" }];
      }
      lastTimestamp = Math.max(Date.now(), lastTimestamp + 1); // the LRS orders statements by timestamp
      var made = {
        id: uuid(),
        timestamp: new Date(lastTimestamp).toISOString(),
        actor: launch.actor,
        verb: { id: VERBS + verb, display: { "en-US": verb } },
        object: object || target.activity,
        context: context
      };
      if (result) { made.result = result; }
      return made;
    }

    /* An activity below the launched one: <activity id>/<kind>/<id>. */
    function child(kind, id, definition) {
      return { id: launch.activityId + "/" + kind + "/" + encodeURIComponent(id), objectType: "Activity", definition: definition };
    }

    function answered(entry) {
      var formatted = ns.formatInteraction("xapi", entry);
      return statement("answered", {
        success: entry.result === "correct",
        response: formatted.learner,
        duration: ns.isoDuration(entry.latency)
      }, child("interactions", entry.id, {
        type: "http://adlnet.gov/expapi/activities/cmi.interaction",
        interactionType: entry.type,
        correctResponsesPattern: formatted.correct,
        description: ns.languageMap(entry.description)
      }));
    }

    /* The statements a report calls for, not yet sent. Completed and passed once per registration;
       failed never follows passed, and is owed only when no attempt is left or the session ends. */
    function owed(report, ending) {
      var owed = target.owed ? target.owed(report) : [];
      if (!launch.records) { return owed; }
      if (report.completed && !reported.completed) {
        reported.completed = true;
        owed.push(statement("completed", { completion: true, duration: elapsed() }));
      }
      if (typeof report.scoreFraction === "number" && !reported.passed && !judged) {
        var scaled = Math.round(report.scoreFraction * 1e7) / 1e7;
        var passed = scaled >= launch.mastery;
        if (passed || (reported.failed !== "failed:" + scaled && (report.finished || ending))) {
          judged = true;
          if (passed) { reported.passed = true; } else { reported.failed = "failed:" + scaled; }
          owed.push(statement(passed ? "passed" : "failed", {
            success: passed,
            score: { scaled: scaled, raw: Math.round(scaled * 100), min: 0, max: 100 },
            duration: elapsed()
          }));
        }
      }
      return owed;
    }

    /* Send what a report calls for and the resume document; `ending`: the last time. */
    function send(report, suspendData, ending) {
      if (finished || !startedAt) { return false; }
      finished = ending;
      lrs.add(owed(report, ending));
      if (ending) { lrs.add([statement(target.last(report), { duration: elapsed() })]); }
      if (launch.records) {
        var body = { location: report.location, suspendData: suspendData, reported: reported };
        lrs.keep(target.keep ? target.keep(body) : body);
      }
      if (ending) { lrs.close(); } else { lrs.flush(); }
      return true;
    }

    return {
      statement: statement,
      child: child,
      start: function () {
        return Promise.resolve().then(function () {
          if (!launch.actor || typeof launch.actor !== "object") { throw new Error("the launch's actor is not an xAPI agent"); }
          if (!launch.activityId) { throw new Error("the launch names no activity"); }
          return target.authorize();
        }).then(function (authorization) {
          lrs = ns.xapiConnection(launch.endpoint, authorization, scope, onFault);
          return Promise.all([lrs.read("activities/state", scope)].concat(target.reads(lrs.read)));
        }).then(function (documents) {
          var saved = documents[0] && typeof documents[0] === "object" ? documents[0] : null;
          var earlier = (saved && saved.reported) || {};
          var first = target.begin(saved, documents);
          reported = { completed: earlier.completed === true, passed: earlier.passed === true, failed: text(earlier.failed) };
          startedAt = Date.now();
          lrs.add([statement(first)]);
          lrs.flush();
          return { location: text(saved && saved.location), suspendData: text(saved && saved.suspendData) };
        });
      },
      save: function (report, suspendData) { return send(report, suspendData, false); },
      recordInteractions: function (entries) {
        if (startedAt && !finished && launch.records) { lrs.add(entries.map(answered)); }
      },
      finish: function (report, suspendData) { return send(report, suspendData, true); }
    };
  };
})(window.CoursePackager = window.CoursePackager || {});
