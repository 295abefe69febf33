/* The adapter app.js calls for an xAPI target, over the target's session: start(), started(),
   outbox(), owed(report, ending), answered(entry) (or null), last(report), keep(report, suspendData).
   Finishes exactly once. */
(function (ns) {
  "use strict";

  /* Where to resume from a saved state document (or none). */
  ns.resumePoint = function (saved) {
    var text = function (value) { return typeof value === "string" ? value : ""; };
    return { location: text(saved && saved.location), suspendData: text(saved && saved.suspendData) };
  };

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
