/*
 * The adapter app.js calls, for an xAPI target (cmi5.js, tincan.js): save, recordInteractions,
 * commit and finish on top of the launch's outbox (xapi.js), finishing exactly once. The target
 * gives its `session`: start() (a promise of the resume point), started(), outbox(), owed(report,
 * ending) (the statements a report calls for), answered(entry) (a question's statement, or null
 * when not recorded), last(report) (the statement that ends the session) and keep(report,
 * suspendData) (queue the resume document).
 */
(function (ns) {
  "use strict";

  ns.xapiAdapter = function (name, session) {
    var finished = false;

    function live() { return !finished && session.started(); }

    return {
      name: name,
      start: session.start,
      save: function (report, suspendData) {
        if (!live()) { return false; }
        session.outbox().addStatements(session.owed(report, false));
        session.keep(report, suspendData);
        session.outbox().flush();
        return true;
      },
      recordInteractions: function (entries) {
        if (!live()) { return; }
        session.outbox().addStatements(entries.map(session.answered).filter(Boolean));
      },
      commit: function () {
        if (finished || !session.outbox()) { return false; }
        session.outbox().flush();
        return true;
      },
      finish: function (report, suspendData) {
        if (!live()) { return false; }
        finished = true;
        var last = session.owed(report, true);
        last.push(session.last(report));
        session.keep(report, suspendData);
        session.outbox().close(last);
        return true;
      }
    };
  };
})(window.CoursePackager = window.CoursePackager || {});
