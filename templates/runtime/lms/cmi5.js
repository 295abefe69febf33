/*
 * cmi5 adapter: the AU's side of a cmi5 launch (the cmi5 specification, sections 7 to 11).
 *
 * The LMS launches index.html with endpoint, fetch, actor, registration and activityId in the
 * query string. The AU POSTs once to fetch for its token, reads the LMS.LaunchData state document
 * (context template, launch mode, mastery score) and the learner preferences, then sends
 * "initialized"; "completed", "passed" and "failed" when they happen (Normal mode only, each at
 * most once per registration as the spec's ordering rules require); and "terminated" last, as the
 * page goes away. Each submitted question is an "answered" statement (a cmi5 allowed statement, of a
 * cmi.interaction activity below the AU's, without the cmi5 category). Resume data lives in the state document SUSPEND_STATE, with which verbs this
 * registration has already had. Sending goes through xapi.js's outbox, which retries failures;
 * the learner's work on the page never depends on the LRS answering.
 */
(function (ns) {
  "use strict";

  var VERBS = "http://adlnet.gov/expapi/verbs/";
  var CATEGORY_CMI5 = "https://w3id.org/xapi/cmi5/context/categories/cmi5";
  var CATEGORY_MOVE_ON = "https://w3id.org/xapi/cmi5/context/categories/moveon";
  var EXTENSION_MASTERY = "https://w3id.org/xapi/cmi5/context/extensions/masteryscore";
  var INTERACTION_ACTIVITY = "http://adlnet.gov/expapi/activities/cmi.interaction";
  var LAUNCH_DATA = "LMS.LaunchData";
  var SUSPEND_STATE = "course-packager.suspend";
  var PREFERENCES = "cmi5LearnerPreferences";
  var LAUNCH_MODES = ["Normal", "Browse", "Review"];
  var READ_TRIES = 3;

  /* The launch parameters, or null when the page was not launched by a cmi5 LMS. */
  function launchParameters() {
    var query = new URLSearchParams(window.location.search);
    if (!query.get("endpoint") || !query.get("fetch")) { return null; }
    var launch = {
      endpoint: query.get("endpoint"),
      fetch: query.get("fetch"),
      registration: query.get("registration"),
      activityId: query.get("activityId"),
      actorText: query.get("actor"),
      actor: null
    };
    try { launch.actor = JSON.parse(launch.actorText); } catch (error) { launch.actor = null; }
    return launch;
  }

  function launchProblem(launch) {
    if (!launch.actor || typeof launch.actor !== "object") { return "the actor parameter is not a JSON agent"; }
    if (!launch.registration) { return "the registration parameter is missing"; }
    if (!launch.activityId) { return "the activityId parameter is missing"; }
    return null;
  }

  function uuid() {
    var bytes = new Uint8Array(16);
    window.crypto.getRandomValues(bytes);
    bytes[6] = (bytes[6] & 0x0f) | 0x40;
    bytes[8] = (bytes[8] & 0x3f) | 0x80;
    var hex = Array.prototype.map.call(bytes, function (value) { return (value + 0x100).toString(16).slice(1); }).join("");
    return [hex.slice(0, 8), hex.slice(8, 12), hex.slice(12, 16), hex.slice(16, 20), hex.slice(20)].join("-");
  }

  /* sessionStorage, if the browser lets the page use it. */
  function sessionFlag(key, value) {
    try {
      if (value) { window.sessionStorage.setItem(key, value); }
      return window.sessionStorage.getItem(key);
    } catch (error) {
      return null;
    }
  }

  /*
   * POST once to the fetch URL for the session's token. The URL works once, so if this page was
   * reloaded after using it, the session is over (it was terminated): the LMS must launch again.
   */
  function fetchToken(url) {
    var key = "course-packager:cmi5-fetched:" + url;
    if (sessionFlag(key)) {
      return Promise.reject(new Error("this launch has ended: open the course again from the learning system"));
    }
    sessionFlag(key, "1");
    return window.fetch(url, { method: "POST", credentials: "omit", cache: "no-store" }).then(function (response) {
      if (!response.ok) { throw new Error("the fetch URL answered " + response.status); }
      return response.json();
    }).then(function (body) {
      if (body && typeof body["auth-token"] === "string" && body["auth-token"]) { return "Basic " + body["auth-token"]; }
      throw new Error("the fetch URL gave no token: " + (body && (body["error-code"] + " " + body["error-text"])));
    });
  }

  function readLaunchData(data) {
    if (!data || typeof data !== "object") { throw new Error("the LMS wrote no LMS.LaunchData document"); }
    if (!data.contextTemplate || typeof data.contextTemplate !== "object") {
      throw new Error("LMS.LaunchData has no contextTemplate");
    }
    if (LAUNCH_MODES.indexOf(data.launchMode) === -1) {
      throw new Error("LMS.LaunchData has no valid launchMode");
    }
    var mastery = data.masteryScore;
    if (mastery !== undefined && mastery !== null && !(typeof mastery === "number" && mastery >= 0 && mastery <= 1)) {
      throw new Error("LMS.LaunchData has a masteryScore outside 0..1");
    }
    return data;
  }

  function applyPreferences(preferences) {
    if (preferences && preferences.audioPreference === "off") {
      document.querySelectorAll("audio, video").forEach(function (media) { media.muted = true; });
    }
  }

  ns.connectLms = function (config, onFault) {
    var launch = launchParameters();
    if (!launch) { return null; }
    var outbox = null;
    var launchData = null;
    var masteryFraction = config.course.masteryScore / 100;
    var reported = { completed: false, passed: false, failed: "" };
    var judgedThisSession = false;
    var initializedAt = 0;
    var lastTimestamp = 0;
    var finished = false;

    function scope(stateId) {
      return { stateId: stateId, activityId: launch.activityId, agent: launch.actorText, registration: launch.registration };
    }

    /* Timestamps strictly increase, so the LRS orders this session's statements as they were made. */
    function timestamp() {
      lastTimestamp = Math.max(Date.now(), lastTimestamp + 1);
      return new Date(lastTimestamp).toISOString();
    }

    /* The context template, untouched, plus the registration, categories and extensions. */
    function contextWith(categories, extensions) {
      var context = JSON.parse(JSON.stringify(launchData.contextTemplate));
      if (!context.registration) { context.registration = launch.registration; }
      var activities = context.contextActivities = context.contextActivities || {};
      if (categories.length) {
        var category = activities.category = (activities.category || []).slice();
        categories.forEach(function (id) {
          if (!category.some(function (activity) { return activity.id === id; })) { category.push({ id: id }); }
        });
      }
      Object.keys(extensions || {}).forEach(function (name) {
        context.extensions = context.extensions || {};
        if (!context.extensions.hasOwnProperty(name)) { context.extensions[name] = extensions[name]; }
      });
      return context;
    }

    function made(verb, object, result, context) {
      var statement = {
        id: uuid(),
        timestamp: timestamp(),
        actor: launch.actor,
        verb: { id: VERBS + verb, display: { "en-US": verb } },
        object: object,
        context: context
      };
      if (result) { statement.result = result; }
      return statement;
    }

    /* A cmi5 defined statement, about the AU itself. */
    function statement(verb, result, categories, extensions) {
      var context = contextWith([CATEGORY_CMI5].concat(categories || []), extensions);
      return made(verb, { id: launch.activityId, objectType: "Activity" }, result, context);
    }

    /* The learner answered one question: a cmi.interaction activity whose parent is the AU. */
    function answered(entry) {
      var formatted = ns.formatInteraction("xapi", entry);
      var context = contextWith([], {});
      context.contextActivities.parent = [{ id: launch.activityId, objectType: "Activity" }];
      var language = document.documentElement.lang || "und";
      var definition = {
        type: INTERACTION_ACTIVITY,
        interactionType: entry.type,
        correctResponsesPattern: formatted.correct,
        description: {}
      };
      definition.description[language] = entry.description;
      var object = { id: launch.activityId + "/interactions/" + encodeURIComponent(entry.id), objectType: "Activity", definition: definition };
      var result = { success: entry.result === "correct", response: formatted.learner, duration: ns.isoDuration(entry.latency) };
      return made("answered", object, result, context);
    }

    /*
     * The statements the report calls for that this registration has not had. Completed and
     * passed go once per registration; a session judges at most once, and failed never follows
     * passed. A fail with attempts left is provisional: it is sent only when no attempt is left
     * or the session ends, so a later pass in the same session can still be reported.
     */
    function owed(report, ending) {
      if (launchData.launchMode !== "Normal") { return []; }
      var statements = [];
      var elapsed = ns.isoDuration(Date.now() - initializedAt);
      if (report.completed && !reported.completed) {
        reported.completed = true;
        statements.push(statement("completed", { completion: true, duration: elapsed }, [CATEGORY_MOVE_ON]));
      }
      if (typeof report.scoreFraction === "number" && !reported.passed && !judgedThisSession) {
        var scaled = Math.round(report.scoreFraction * 1e7) / 1e7;
        var passed = scaled >= masteryFraction;
        var signature = "failed:" + scaled;
        if (passed || (reported.failed !== signature && (report.finished || ending))) {
          var extensions = {};
          if (typeof launchData.masteryScore === "number") { extensions[EXTENSION_MASTERY] = launchData.masteryScore; }
          statements.push(statement(passed ? "passed" : "failed", {
            success: passed,
            score: { scaled: scaled, raw: Math.round(scaled * 100), min: 0, max: 100 },
            duration: elapsed
          }, [CATEGORY_MOVE_ON], extensions));
          judgedThisSession = true;
          if (passed) { reported.passed = true; } else { reported.failed = signature; }
        }
      }
      return statements;
    }

    function keep(report, suspendData) {
      if (launchData.launchMode !== "Normal") { return; }
      outbox.putState(scope(SUSPEND_STATE), { location: report.location, suspendData: suspendData, reported: reported });
    }

    function begin(authorization) {
      var client = new ns.XapiClient(launch.endpoint, authorization);
      outbox = new ns.XapiOutbox(client, onFault);
      return client.retrying(function () { return client.getDocument("activities/state", scope(LAUNCH_DATA)); }, READ_TRIES)
        .then(function (data) {
          launchData = readLaunchData(data);
          if (typeof launchData.masteryScore === "number") {
            // The LMS's mastery score overrides the course's, for the verdict and what the page shows.
            masteryFraction = launchData.masteryScore;
            config.course.masteryScore = Math.round(launchData.masteryScore * 10000) / 100;
          }
          return Promise.all([
            client.retrying(function () { return client.getDocument("activities/state", scope(SUSPEND_STATE)); }, READ_TRIES),
            client.getDocument("agents/profile", { agent: launch.actorText, profileId: PREFERENCES }).then(null, function () {
              return null;
            })
          ]);
        }).then(function (documents) {
          var saved = documents[0] || {};
          applyPreferences(documents[1]);
          if (saved.reported) {
            reported.completed = saved.reported.completed === true;
            reported.passed = saved.reported.passed === true;
            reported.failed = typeof saved.reported.failed === "string" ? saved.reported.failed : "";
          }
          initializedAt = Date.now();
          outbox.addStatements([statement("initialized")]);
          outbox.flush();
          return {
            location: typeof saved.location === "string" ? saved.location : "",
            suspendData: typeof saved.suspendData === "string" ? saved.suspendData : ""
          };
        });
    }

    return {
      name: "cmi5",
      start: function () {
        var problem = launchProblem(launch);
        if (problem) { return Promise.reject(new Error(problem)); }
        return fetchToken(launch.fetch).then(begin);
      },
      save: function (report, suspendData) {
        if (finished || !launchData) { return false; }
        outbox.addStatements(owed(report, false));
        keep(report, suspendData);
        outbox.flush();
        return true;
      },
      recordInteractions: function (entries) {
        if (finished || !launchData || launchData.launchMode !== "Normal") { return; }
        outbox.addStatements(entries.map(answered));
      },
      commit: function () {
        if (finished || !outbox) { return false; }
        outbox.flush();
        return true;
      },
      finish: function (report, suspendData) {
        if (finished || !launchData) { return false; }
        finished = true;
        var last = owed(report, true);
        last.push(statement("terminated", { duration: ns.isoDuration(Date.now() - initializedAt) }));
        keep(report, suspendData);
        outbox.close(last);
        return true;
      }
    };
  };
})(window.CoursePackager = window.CoursePackager || {});
