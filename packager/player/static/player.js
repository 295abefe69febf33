/*
 * Test LMS player: plays the LMS's part for one package, using scorm-again as the runtime.
 * It keeps what an LMS would keep between launches (the learner's record, in localStorage),
 * seeds it back on relaunch, and logs every API call with its result and error code.
 * window.player is the interface the tests use.
 */
(function () {
  "use strict";

  var STORE = "test-lms:";
  var SETTINGS = {
    autocommit: false,
    lmsCommitUrl: false,
    mastery_override: false,
    selfReportSessionTime: false,
    logLevel: 5
  };

  function load(name, fallback) {
    try { return JSON.parse(localStorage.getItem(STORE + name)) || fallback; } catch (error) { return fallback; }
  }
  function save(name, value) { localStorage.setItem(STORE + name, JSON.stringify(value)); }
  function status(text) { document.getElementById("player-status").textContent = text; }

  /* What differs between the standards: the API object, its method names, how a launch is seeded. */
  var STANDARDS = {
    scorm12: {
      global: "API",
      create: function () { return new window.Scorm12API(SETTINGS); },
      methods: ["LMSInitialize", "LMSFinish", "LMSGetValue", "LMSSetValue", "LMSCommit"],
      lastError: "LMSGetLastError",
      saves: ["LMSCommit", "LMSFinish"],
      launchData: function (flat, info) {
        var core = { student_id: "learner-1", student_name: "Learner, Test", credit: "credit", lesson_mode: "normal" };
        var data = { core: core };
        if (info.masteryScore !== null) { data.student_data = { mastery_score: String(info.masteryScore) }; }
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
      global: "API_1484_11",
      create: function () { return new window.Scorm2004API(SETTINGS); },
      methods: ["Initialize", "Terminate", "GetValue", "SetValue", "Commit"],
      lastError: "GetLastError",
      saves: ["Commit", "Terminate"],
      launchData: function (flat, info) {
        var data = { learner_id: "learner-1", learner_name: "Learner, Test", credit: "credit", mode: "normal" };
        if (info.scaledPassingScore !== null) { data.scaled_passing_score = info.scaledPassingScore; }
        if (info.completionThreshold !== null) { data.completion_threshold = info.completionThreshold; }
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

  var record = load("record", null);
  var launchNumber = (record ? record.launches : 0) + 1;
  var launch = null;
  var api = null;

  /* Persist what the LMS holds now: done synchronously, so it survives the page closing. */
  function persist(event) {
    var stored = load("record", { launches: launchNumber });
    stored.cmi = api.getFlattenedCMI();
    stored.lastEvent = event;
    stored.commits = (stored.commits || 0) + 1;
    save("record", stored);
  }

  function wrap(standard, name) {
    var original = api[name].bind(api);
    api[name] = function () {
      var args = Array.prototype.slice.call(arguments);
      var result = original.apply(null, args);
      var code = String(api[standard.lastError]());
      var log = load("log", []);
      log.push({ launch: launchNumber, call: name, args: args, result: String(result), error: code });
      save("log", log);
      if (standard.saves.indexOf(name) !== -1 && String(result) === "true") { persist(name); }
      return result;
    };
  }

  function start(info) {
    launch = info;
    var standard = STANDARDS[info.standard];
    if (standard) {
      api = standard.create();
      api.loadFromJSON(standard.launchData(record ? record.cmi : null, info));
      standard.methods.forEach(function (name) { wrap(standard, name); });
      var stored = load("record", {});
      stored.launches = launchNumber;
      stored.standard = info.standard;
      save("record", stored);
      window[standard.global] = api;
    }
    document.getElementById("content-frame").src = info.href;
    status("Playing " + (info.title || "the package") + " (" + info.standard + ", launch " + launchNumber + ")");
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
