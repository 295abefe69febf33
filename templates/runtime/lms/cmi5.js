/* cmi5: the AU's side of a launch (spec sections 7-11). POST once to fetch for the token, read
   LMS.LaunchData and the learner preferences, send "initialized", then completed/passed/failed
   (Normal mode, once per registration), "answered" per question (allowed statements) and
   "terminated" last. Resume data and the verbs already sent live in the SUSPEND_STATE document. */
(function (ns) {
  "use strict";

  var CATEGORY_CMI5 = "https://w3id.org/xapi/cmi5/context/categories/cmi5";
  var CATEGORY_MOVE_ON = "https://w3id.org/xapi/cmi5/context/categories/moveon";
  var EXTENSION_MASTERY = "https://w3id.org/xapi/cmi5/context/extensions/masteryscore";
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

  /* sessionStorage, if the browser lets the page use it. */
  function sessionFlag(key, value) {
    try {
      if (value) { window.sessionStorage.setItem(key, value); }
      return window.sessionStorage.getItem(key);
    } catch (error) {
      return null;
    }
  }

  /* POST once to the fetch URL for the token. It works once: a reload after it ends the session. */
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
    var verdicts = new ns.Verdicts(config.course.masteryScore / 100);
    var maker = new ns.StatementMaker(launch.actor, launch.activityId);
    var initializedAt = 0;

    function scope(stateId) {
      return { stateId: stateId, activityId: launch.activityId, agent: launch.actorText, registration: launch.registration };
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

    /* A cmi5 defined statement, about the AU itself. */
    function statement(verb, result, categories, extensions) {
      var context = contextWith([CATEGORY_CMI5].concat(categories || []), extensions);
      return maker.make(verb, { id: launch.activityId, objectType: "Activity" }, result, context);
    }

    /* An answered question: a cmi5 allowed statement (no cmi5 category). */
    function answered(entry) {
      return maker.answered(entry, contextWith([], {}));
    }

    /* The verdicts owed, as cmi5 defined statements of the moveOn category. */
    function owed(report, ending) {
      if (launchData.launchMode !== "Normal") { return []; }
      var elapsed = ns.isoDuration(Date.now() - initializedAt);
      return verdicts.owed(report, ending, elapsed).map(function (verdict) {
        var extensions = {};
        if (verdict.verb !== "completed" && typeof launchData.masteryScore === "number") {
          extensions[EXTENSION_MASTERY] = launchData.masteryScore;
        }
        return statement(verdict.verb, verdict.result, [CATEGORY_MOVE_ON], extensions);
      });
    }

    function keep(report, suspendData) {
      if (launchData.launchMode !== "Normal") { return; }
      outbox.putState(scope(SUSPEND_STATE), { location: report.location, suspendData: suspendData, reported: verdicts.reported });
    }

    function begin(authorization) {
      var client = new ns.XapiClient(launch.endpoint, authorization);
      outbox = new ns.XapiOutbox(client, onFault);
      return client.retrying(function () { return client.getDocument("activities/state", scope(LAUNCH_DATA)); }, READ_TRIES)
        .then(function (data) {
          launchData = readLaunchData(data);
          if (typeof launchData.masteryScore === "number") {
            // The LMS's mastery score overrides the course's.
            verdicts.masteryFraction = launchData.masteryScore;
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
          verdicts.restore(saved.reported);
          initializedAt = Date.now();
          outbox.addStatements([statement("initialized")]);
          outbox.flush();
          return ns.resumePoint(saved);
        });
    }

    return ns.xapiAdapter("cmi5", {
      start: function () {
        var problem = launchProblem(launch);
        if (problem) { return Promise.reject(new Error(problem)); }
        return fetchToken(launch.fetch).then(begin);
      },
      started: function () { return launchData !== null; },
      outbox: function () { return outbox; },
      owed: owed,
      answered: function (entry) { return launchData.launchMode === "Normal" ? answered(entry) : null; },
      last: function () { return statement("terminated", { duration: ns.isoDuration(Date.now() - initializedAt) }); },
      keep: keep
    });
  };
})(window.CoursePackager = window.CoursePackager || {});
