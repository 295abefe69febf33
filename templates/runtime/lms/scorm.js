/*
 * What the SCORM 1.2 and 2004 adapters share: find the API, start (and read the resume point),
 * save the report on every change, record interactions, finish exactly once. Each version's
 * file (scorm12.js, scorm2004.js) supplies a dialect: its API name, method and element names,
 * how a report maps onto its data model, and where an interaction is written.
 */
(function (ns) {
  "use strict";

  ns.connectScorm = function (config, onFault, dialect) {
    var api = ns.findApi(dialect.apiName, dialect.maxParents);
    if (!api) { return null; }
    var connection = new ns.LmsConnection(api, dialect.methods, onFault);
    var startedAt = Date.now();

    function write(report, suspendData) {
      dialect.write(connection, report, suspendData, Date.now() - startedAt);
    }

    return {
      name: dialect.name,
      start: function () {
        if (!connection.initialize()) { return null; }
        if (dialect.prepare) { dialect.prepare(connection); }
        var resuming = connection.get(dialect.entry) === "resume";
        return {
          location: resuming ? connection.get(dialect.location) : "",
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
          var base = "cmi.interactions." + dialect.interactionIndex(connection, entry.id) + ".";
          var formatted = ns.formatInteraction(dialect.name, entry);
          // The id goes first: 2004 refuses other fields of an interaction without one.
          connection.set(base + "id", entry.id);
          connection.set(base + "type", entry.type);
          formatted.correct.forEach(function (pattern, index) {
            connection.set(base + "correct_responses." + index + ".pattern", pattern);
          });
          dialect.interactionFields(entry, formatted).forEach(function (field) {
            connection.set(base + field[0], field[1]);
          });
        });
        return connection.commit();
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
