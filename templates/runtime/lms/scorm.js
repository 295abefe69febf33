/* The SCORM adapter (1.2 and 2004), driven by the dialect scorm12.js or scorm2004.js sets.
   Resume: suspend_data the LMS returns belongs to this attempt, so the course resumes from it
   whatever the entry value says (Open edX never says "resume"); "ab-initio" starts afresh.
   Interactions are a journal: each answer goes at cmi.interactions._count when the LMS answers
   it with a number, else at the course's own count (kept in suspend_data), never over an earlier one. */
(function (ns) {
  "use strict";

  /* Page moves and edited answers are saved this long after the first of them (results at once). */
  var SAVE_DELAY = 10000;

  /* The LMS's API object as the run-time specs find it: up the parent frames, then the openers'.
     Every access is guarded: a frame from another origin throws. */
  function findApi(name, maxParents) {
    var starts = [window];
    try { starts.push(window.opener); } catch (error) { /* no access */ }
    try { starts.push(window.top.opener); } catch (error) { /* no access */ }
    for (var index = 0; index < starts.length; index++) {
      for (var win = starts[index], depth = 0; win && depth <= maxParents; depth++) {
        try { if (win[name]) { return win[name]; } } catch (error) { /* another origin */ }
        var parent = null;
        try { parent = win.parent; } catch (error) { /* another origin */ }
        win = parent === win ? null : parent;
      }
    }
    return null;
  }

  ns.connectLms = function (config, onFault) {
    var dialect = ns.scormDialect;
    var api = findApi(dialect.api, dialect.maxParents);
    if (!api) { return null; }
    var cmi = dialect.cmi;
    var sent = {}; // what the LMS has from us, by element
    var finished = false;
    var startedAt = Date.now();

    /* One API call ("LMS" + the 2004 name in 1.2); its result as a string ("false" if it threw). */
    function call(method, args) {
      try { return String(api[dialect.prefix + method].apply(api, args)); } catch (error) { return "false"; }
    }

    /* A call that must return "true": tried twice, then reported; none after the finish. */
    function attempt(method, args) {
      if (finished) { return false; }
      if (call(method, args) === "true" || call(method, args) === "true") { return true; }
      onFault(dialect.prefix + method + "(" + args.join(", ") + ") failed with error " + call("GetLastError", []));
      return false;
    }

    function get(element) {
      var value = call("GetValue", [element]);
      return call("GetLastError", []) === "0" ? value : "";
    }

    /* A value, sent only when it changed. */
    function set(element, value) {
      value = String(value);
      if (sent[element] !== value && attempt("SetValue", [element, value])) { sent[element] = value; }
    }

    function commit() { return attempt("Commit", [""]); }

    function write(report, suspendData) {
      dialect.status(report).forEach(function (pair) { set(pair[0], pair[1]); });
      if (report.scorePercent !== null) {
        set(cmi + "score.min", 0);
        set(cmi + "score.max", 100);
        set(cmi + "score.raw", report.scorePercent);
        if (dialect.scaled) { set("cmi.score.scaled", Math.round(report.scoreFraction * 1e7) / 1e7); }
      }
      set(cmi + dialect.location, report.location);
      set("cmi.suspend_data", suspendData);
      set(cmi + "exit", report.finished ? dialect.exitDone : "suspend");
      set(cmi + "session_time", dialect.duration(Date.now() - startedAt));
    }

    return {
      saveDelay: SAVE_DELAY,
      start: function () {
        if (call("Initialize", [""]) !== "true") { return null; }
        var entry = get(cmi + "entry");
        var suspendData = entry === "ab-initio" ? "" : get("cmi.suspend_data");
        if (suspendData !== "" && entry !== "resume") {
          window.console.info("Resuming from suspend_data although " + cmi + "entry is " + JSON.stringify(entry));
        }
        return {
          location: suspendData !== "" || entry === "resume" ? get(cmi + dialect.location) : "",
          suspendData: suspendData
        };
      },
      /* Send what changed since the last commit, then commit. */
      save: function (report, suspendData) {
        write(report, suspendData);
        return commit();
      },
      /* Append the entries after the LMS's _count (or ``written``); returns the count after them. */
      recordInteractions: function (entries, written) {
        var count = get("cmi.interactions._count");
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
          set(base + "weighting", entry.weighting);
          set(base + "latency", dialect.duration(entry.latency));
          set(base + dialect.stamp, dialect.time(entry.timestamp));
        });
        commit();
        return index;
      },
      finish: function (report, suspendData) {
        if (finished) { return false; }
        write(report, suspendData);
        // 2004: tell the LMS the learner leaves, so it closes the content (keeping an unfinished attempt).
        if (dialect.scaled) { set("adl.nav.request", report.finished ? "exitAll" : "suspendAll"); }
        finished = true;
        return call(dialect.finish, [""]) === "true";
      }
    };
  };
})(window.CoursePackager = window.CoursePackager || {});
