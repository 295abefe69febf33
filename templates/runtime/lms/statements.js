/* xAPI statements both xAPI targets send: ids, strictly increasing timestamps, "answered" (a
   cmi.interaction activity below the course's), and which verdicts a report owes. */
(function (ns) {
  "use strict";

  var VERBS = "http://adlnet.gov/expapi/verbs/";
  var INTERACTION_ACTIVITY = "http://adlnet.gov/expapi/activities/cmi.interaction";

  ns.newUuid = function () {
    var bytes = new Uint8Array(16);
    window.crypto.getRandomValues(bytes);
    bytes[6] = (bytes[6] & 0x0f) | 0x40;
    bytes[8] = (bytes[8] & 0x3f) | 0x80;
    var hex = Array.prototype.map.call(bytes, function (value) { return (value + 0x100).toString(16).slice(1); }).join("");
    return [hex.slice(0, 8), hex.slice(8, 12), hex.slice(12, 16), hex.slice(16, 20), hex.slice(20)].join("-");
  };

  /* Statements by one actor about the launched activity (the AU, or the Tin Can course). */
  function StatementMaker(actor, activityId) {
    this.actor = actor;
    this.activityId = activityId;
    this.lastTimestamp = 0;
  }

  /* Strictly increasing, so the LRS orders the statements as they were made. */
  StatementMaker.prototype.timestamp = function () {
    this.lastTimestamp = Math.max(Date.now(), this.lastTimestamp + 1);
    return new Date(this.lastTimestamp).toISOString();
  };

  StatementMaker.prototype.make = function (verb, object, result, context) {
    var statement = {
      id: ns.newUuid(),
      timestamp: this.timestamp(),
      actor: this.actor,
      verb: { id: VERBS + verb, display: { "en-US": verb } },
      object: object,
      context: context
    };
    if (result) { statement.result = result; }
    return statement;
  };

  /* An activity below the launched one (``/<kind>/<id>``), with its type, name and description. */
  StatementMaker.prototype.child = function (kind, id, definition) {
    return { id: this.activityId + "/" + kind + "/" + encodeURIComponent(id), objectType: "Activity", definition: definition };
  };

  /* One answered question; `context` gets the parent. */
  StatementMaker.prototype.answered = function (entry, context) {
    var formatted = ns.formatInteraction("xapi", entry);
    var language = document.documentElement.lang || "und";
    var definition = {
      type: INTERACTION_ACTIVITY,
      interactionType: entry.type,
      correctResponsesPattern: formatted.correct,
      description: {}
    };
    definition.description[language] = entry.description;
    context.contextActivities = context.contextActivities || {};
    context.contextActivities.parent = [{ id: this.activityId, objectType: "Activity" }];
    var result = { success: entry.result === "correct", response: formatted.learner, duration: ns.isoDuration(entry.latency) };
    return this.make("answered", this.child("interactions", entry.id, definition), result, context);
  };

  /* What a registration was told: completed and passed once; a session judges once; failed never
     follows passed, and is owed only when no attempt is left or the session ends. */
  function Verdicts(masteryFraction) {
    this.masteryFraction = masteryFraction;
    this.reported = { completed: false, passed: false, failed: "" };
    this.judgedThisSession = false;
  }

  /* What an earlier session reported (from the resume document). */
  Verdicts.prototype.restore = function (saved) {
    if (!saved) { return; }
    this.reported.completed = saved.completed === true;
    this.reported.passed = saved.passed === true;
    this.reported.failed = typeof saved.failed === "string" ? saved.failed : "";
  };

  /* The verdicts a report calls for, not yet sent: [{verb, result}]. */
  Verdicts.prototype.owed = function (report, ending, elapsed) {
    var owed = [];
    var reported = this.reported;
    if (report.completed && !reported.completed) {
      reported.completed = true;
      owed.push({ verb: "completed", result: { completion: true, duration: elapsed } });
    }
    if (typeof report.scoreFraction === "number" && !reported.passed && !this.judgedThisSession) {
      var scaled = Math.round(report.scoreFraction * 1e7) / 1e7;
      var passed = scaled >= this.masteryFraction;
      var signature = "failed:" + scaled;
      if (passed || (reported.failed !== signature && (report.finished || ending))) {
        owed.push({ verb: passed ? "passed" : "failed", result: {
          success: passed,
          score: { scaled: scaled, raw: Math.round(scaled * 100), min: 0, max: 100 },
          duration: elapsed
        } });
        this.judgedThisSession = true;
        if (passed) { reported.passed = true; } else { reported.failed = signature; }
      }
    }
    return owed;
  };

  ns.StatementMaker = StatementMaker;
  ns.Verdicts = Verdicts;
})(window.CoursePackager = window.CoursePackager || {});
