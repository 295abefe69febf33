/*
 * What the SCORM 1.2 and 2004 adapters share: find the API, start (and read the resume point),
 * save the report, record interactions, finish exactly once. Each version's file (scorm12.js,
 * scorm2004.js) supplies a dialect: its API name, method and element names, how a report maps
 * onto its data model, and the fields of an interaction.
 *
 * Resume rule: suspend_data the LMS returns belongs to this attempt (an LMS starting a new attempt
 * clears it), so the course resumes from it whatever cmi.entry says: Open edX never sets entry to
 * "resume" although it keeps suspend_data and the location. entry "ab-initio" is a new attempt and
 * starts afresh (there is no suspend_data of it yet: SCORM 2004 answers error 403 if asked).
 * When the course resumes although entry is not "resume", it says so on the console.
 *
 * Interactions are a journal in every version: each answer is appended at cmi.interactions._count
 * when the LMS answers it with a number, else at the course's own count (kept in suspend_data), so
 * an earlier record is never overwritten, even where the LMS answers _count with "" (Open edX).
 */
(function (ns) {
  "use strict";

  var COUNT = /^\d+$/;
  /* Page moves and edited answers are saved this long after the first of them (results at once). */
  var SAVE_DELAY = 10000;

  ns.connectScorm = function (config, onFault, dialect) {
    var api = ns.findApi(dialect.apiName, dialect.maxParents);
    if (!api) { return null; }
    var connection = new ns.LmsConnection(api, dialect.methods, onFault);
    var startedAt = Date.now();

    function write(report, suspendData) {
      dialect.write(connection, report, suspendData, Date.now() - startedAt);
    }

    /* Where the next interaction goes: at a valid _count (the LMS's own numbering, which it holds
       to: it refuses an index past it), else after what this course wrote. */
    function nextIndex(written) {
      var count = connection.get("cmi.interactions._count");
      return COUNT.test(count) ? Number(count) : written;
    }

    return {
      name: dialect.name,
      saveDelay: SAVE_DELAY,
      start: function () {
        if (!connection.initialize()) { return null; }
        var entry = connection.get(dialect.entry);
        var suspendData = entry === "ab-initio" ? "" : connection.get("cmi.suspend_data");
        var resuming = suspendData !== "" || entry === "resume";
        if (suspendData !== "" && entry !== "resume" && window.console) {
          window.console.info("Resuming from the LMS's suspend_data although " + dialect.entry + " is " +
            JSON.stringify(entry) + ".");
        }
        return {
          location: resuming ? connection.get(dialect.location) : "",
          suspendData: suspendData
        };
      },
      /* Send what changed since the last commit, then commit. */
      save: function (report, suspendData) {
        write(report, suspendData);
        return connection.commit();
      },
      commit: function () { return connection.commit(); },
      /* Append the entries from index ``written`` on (or past it); returns the count after them. */
      recordInteractions: function (entries, written) {
        var index = nextIndex(written || 0);
        entries.forEach(function (entry) {
          var base = "cmi.interactions." + index + ".";
          var formatted = ns.formatInteraction(dialect.name, entry);
          index += 1;
          // The id goes first: 2004 refuses other fields of an interaction without one.
          connection.set(base + "id", entry.id);
          connection.set(base + "type", entry.type);
          formatted.correct.forEach(function (pattern, number) {
            connection.set(base + "correct_responses." + number + ".pattern", pattern);
          });
          dialect.interactionFields(entry, formatted).forEach(function (field) {
            connection.set(base + field[0], field[1]);
          });
        });
        connection.commit();
        return index;
      },
      finish: function (report, suspendData) {
        if (connection.finished) { return false; }
        write(report, suspendData);
        if (dialect.beforeFinish) { dialect.beforeFinish(connection, report); }
        return connection.finish();
      }
    };
  };
})(window.CoursePackager = window.CoursePackager || {});
