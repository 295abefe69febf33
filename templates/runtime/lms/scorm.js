/*
 * The SCORM adapter (1.2 and 2004), driven by the target's dialect (scorm12.js or scorm2004.js):
 * its API name, method prefix, element names, status values and time formats.
 * Resume: suspend_data the LMS returns belongs to this attempt, so the course resumes from it
 * whatever the entry value says (Open edX never says "resume"); "ab-initio" starts afresh.
 * Interactions are a journal: each answer goes at cmi.interactions._count when the LMS answers
 * it with a number, else at the course's own count (kept in suspend_data), never over an earlier one.
 */
(function (ns) {
  "use strict";

  /* Page moves and edited answers are saved this long after the first of them (results at once). */
  var SAVE_DELAY = 10000;

  ns.connectScorm = function (config, onFault, dialect) {
    var api = ns.findApi(dialect.api, dialect.maxParents);
    if (!api) { return null; }
    var connection = new ns.LmsConnection(api, dialect, onFault);
    var cmi = dialect.cmi;
    var startedAt = Date.now();

    function set(element, value) { connection.set(element, value); }

    function write(report, suspendData) {
      dialect.status(report).forEach(function (pair) { set(pair[0], pair[1]); });
      if (report.scorePercent !== null) {
        set(cmi + "score.min", "0");
        set(cmi + "score.max", "100");
        set(cmi + "score.raw", String(report.scorePercent));
        if (dialect.scaled) { set("cmi.score.scaled", String(Math.round(report.scoreFraction * 1e7) / 1e7)); }
      }
      set(cmi + dialect.location, report.location);
      set("cmi.suspend_data", suspendData);
      set(cmi + "exit", report.finished ? dialect.exitDone : "suspend");
      set(cmi + "session_time", dialect.duration(Date.now() - startedAt));
    }

    return {
      name: dialect.name,
      saveDelay: SAVE_DELAY,
      start: function () {
        if (!connection.initialize()) { return null; }
        var entry = connection.get(cmi + "entry");
        var suspendData = entry === "ab-initio" ? "" : connection.get("cmi.suspend_data");
        if (suspendData !== "" && entry !== "resume" && window.console) {
          window.console.info("Resuming from the LMS's suspend_data although " + cmi + "entry is " + JSON.stringify(entry) + ".");
        }
        return {
          location: suspendData !== "" || entry === "resume" ? connection.get(cmi + dialect.location) : "",
          suspendData: suspendData
        };
      },
      /* Send what changed since the last commit, then commit. */
      save: function (report, suspendData) {
        write(report, suspendData);
        return connection.commit();
      },
      commit: function () { return connection.commit(); },
      /* Append the entries after the LMS's _count (or ``written``); returns the count after them. */
      recordInteractions: function (entries, written) {
        var count = connection.get("cmi.interactions._count");
        var index = /^\d+$/.test(count) ? Number(count) : written || 0;
        entries.forEach(function (entry) {
          var base = "cmi.interactions." + index++ + ".";
          var formatted = ns.formatInteraction(dialect.name, entry);
          // The id goes first: 2004 refuses other fields of an interaction without one.
          set(base + "id", entry.id);
          set(base + "type", entry.type);
          formatted.correct.forEach(function (pattern, number) {
            set(base + "correct_responses." + number + ".pattern", pattern);
          });
          if (dialect.scaled) { set(base + "description", entry.description); }
          set(base + dialect.response, formatted.learner);
          set(base + "result", formatted.result);
          set(base + "weighting", String(entry.weighting));
          set(base + "latency", dialect.duration(entry.latency));
          set(base + dialect.stamp, dialect.time(entry.timestamp));
        });
        connection.commit();
        return index;
      },
      finish: function (report, suspendData) {
        if (connection.finished) { return false; }
        write(report, suspendData);
        // 2004: tell the LMS the learner leaves, so it closes the content (keeping an unfinished attempt).
        if (dialect.scaled) { set("adl.nav.request", report.finished ? "exitAll" : "suspendAll"); }
        return connection.finish();
      }
    };
  };
})(window.CoursePackager = window.CoursePackager || {});
