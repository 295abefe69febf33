/*
 * Test LMS player: plays the LMS's part for one package, using scorm-again as the runtime.
 * It keeps what an LMS would keep between launches (the learner's record, in localStorage),
 * seeds it back on relaunch, and logs every API call with its result and error code.
 * window.player is the interface the tests use.
 */
(function () {
  "use strict";

  var STORE = "test-lms:";
  var launch = null;
  var api = null;

  function load(name, fallback) {
    try { return JSON.parse(localStorage.getItem(STORE + name)) || fallback; } catch (error) { return fallback; }
  }
  function save(name, value) { localStorage.setItem(STORE + name, JSON.stringify(value)); }

  function status(text) { document.getElementById("player-status").textContent = text; }

  /* The learner data the LMS hands the SCO at launch: fresh, or resumed from the stored record. */
  function launchData(record, info) {
    var core = { student_id: "learner-1", student_name: "Learner, Test", credit: "credit", lesson_mode: "normal" };
    var data = { core: core };
    if (info.masteryScore !== null) { data.student_data = { mastery_score: String(info.masteryScore) }; }
    if (!record) { return data; }
    var flat = record.cmi || {};
    var resuming = flat["cmi.core.exit"] === "suspend";
    core.lesson_status = flat["cmi.core.lesson_status"] || "not attempted";
    core.entry = resuming ? "resume" : "";
    if (resuming) {
      core.lesson_location = flat["cmi.core.lesson_location"] || "";
      data.suspend_data = flat["cmi.suspend_data"] || "";
    }
    ["raw", "min", "max"].forEach(function (part) {
      var value = flat["cmi.core.score." + part];
      if (value !== undefined && value !== "") { core.score = core.score || {}; core.score[part] = value; }
    });
    return data;
  }

  /* Persist what the LMS holds now: done synchronously, so it survives the page closing. */
  function persist(event) {
    var record = load("record", { launches: 0 });
    record.cmi = api.getFlattenedCMI();
    record.lastEvent = event;
    record.commits = (record.commits || 0) + 1;
    save("record", record);
  }

  function wrap(name) {
    var original = api[name].bind(api);
    api[name] = function () {
      var args = Array.prototype.slice.call(arguments);
      var result = original.apply(null, args);
      var code = String(api.LMSGetLastError());
      var log = load("log", []);
      log.push({ launch: launchNumber, call: name, args: args, result: String(result), error: code });
      save("log", log);
      if ((name === "LMSCommit" || name === "LMSFinish") && String(result) === "true") { persist(name); }
      return result;
    };
  }

  var record = load("record", null);
  var launchNumber = (record ? record.launches : 0) + 1;

  function start(info) {
    launch = info;
    api = new window.Scorm12API({
      autocommit: false,
      lmsCommitUrl: false,
      mastery_override: false,
      selfReportSessionTime: false,
      logLevel: 5
    });
    api.loadFromJSON(launchData(record, launch));
    ["LMSInitialize", "LMSFinish", "LMSGetValue", "LMSSetValue", "LMSCommit"].forEach(wrap);
    var stored = load("record", { launches: 0 });
    stored.launches = launchNumber;
    save("record", stored);
    window.API = api;
    document.getElementById("content-frame").src = launch.href;
    status("Playing " + launch.title + " (launch " + launchNumber + ")");
  }

  window.player = {
    record: function () { return load("record", null); },
    log: function () { return load("log", []); },
    live: function () { return api ? api.getFlattenedCMI() : null; },
    launch: function () { return launch; },
    reset: function () { localStorage.removeItem(STORE + "record"); localStorage.removeItem(STORE + "log"); }
  };

  fetch("/launch.json").then(function (response) { return response.json(); }).then(start, function (error) {
    status("Cannot load the package: " + error);
  });
})();
