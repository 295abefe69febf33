/* cmi5: the AU's side of a launch (spec sections 7-11). POST once to fetch for the token, read
   LMS.LaunchData and the learner preferences, send "initialized", then completed/passed/failed
   (Normal mode, once per registration), "answered" per question (allowed statements) and
   "terminated" last. */
(function (ns) {
  "use strict";

  var CMI5 = "https://w3id.org/xapi/cmi5/context/";
  var MASTERY = CMI5 + "extensions/masteryscore";

  /* sessionStorage's flag `key`, set as it is read; null if the browser keeps it from the page. */
  function flagged(key) {
    try {
      var value = window.sessionStorage.getItem(key);
      window.sessionStorage.setItem(key, "1");
      return value;
    } catch (error) {
      return null;
    }
  }

  /* POST once to the fetch URL for the token. It works once: a reload after it ends the session. */
  function fetchToken(url) {
    if (flagged("course-packager:cmi5-fetched:" + url)) {
      throw new Error("this launch has ended: open the course again from the learning system");
    }
    return window.fetch(url, { method: "POST", credentials: "omit", cache: "no-store" }).then(function (response) {
      if (!response.ok) { throw new Error("the fetch URL answered " + response.status); }
      return response.json();
    }).then(function (body) {
      var token = body && body["auth-token"];
      if (typeof token === "string" && token) { return "Basic " + token; }
      throw new Error("the fetch URL gave no token: " + (body && (body["error-code"] + " " + body["error-text"])));
    });
  }

  /* What is wrong with LMS.LaunchData, or "". */
  function launchDataProblem(data) {
    if (!data || typeof data !== "object") { return "missing"; }
    if (!data.contextTemplate || typeof data.contextTemplate !== "object") { return "without contextTemplate"; }
    if (["Normal", "Browse", "Review"].indexOf(data.launchMode) === -1) { return "without a valid launchMode"; }
    var mastery = data.masteryScore;
    return mastery === undefined || mastery === null || (mastery >= 0 && mastery <= 1 && typeof mastery === "number") ? "" : "with a masteryScore outside 0..1";
  }

  ns.connectLms = function (config, onFault) {
    var launch = ns.xapiLaunch("fetch", "activityId");
    if (!launch) { return null; }
    var launchData = null;

    /* The context template, untouched, plus the registration, the cmi5 categories of a defined
       statement ("answered" is an allowed one: none) and a judgement's mastery score. */
    function context(verb) {
      var made = JSON.parse(JSON.stringify(launchData.contextTemplate));
      made.registration = made.registration || launch.registration;
      made.contextActivities = made.contextActivities || {};
      if (verb === "answered") { return made; }
      var categories = made.contextActivities.category = made.contextActivities.category || [];
      var judged = verb === "passed" || verb === "failed";
      ["cmi5"].concat(judged || verb === "completed" ? ["moveon"] : []).forEach(function (name) {
        var id = CMI5 + "categories/" + name;
        if (!categories.some(function (activity) { return activity.id === id; })) { categories.push({ id: id }); }
      });
      var extensions = made.extensions || {};
      if (judged && typeof launchData.masteryScore === "number" && !extensions.hasOwnProperty(MASTERY)) {
        extensions[MASTERY] = launchData.masteryScore;
        made.extensions = extensions;
      }
      return made;
    }

    return ns.xapiSession(config, onFault, launch, {
      activity: { id: launch.activityId, objectType: "Activity" },
      authorize: function () {
        if (!launch.registration) { throw new Error("the launch has no registration"); }
        return fetchToken(launch.credential);
      },
      reads: function (read) {
        return [
          read("activities/state", { stateId: "LMS.LaunchData", activityId: launch.activityId, agent: launch.agent, registration: launch.registration }),
          read("agents/profile", { agent: launch.agent, profileId: "cmi5LearnerPreferences" }).then(null, function () { return null; })
        ];
      },
      begin: function (saved, documents) {
        var problem = launchDataProblem(documents[1]);
        if (problem) { throw new Error("LMS.LaunchData " + problem); }
        launchData = documents[1];
        launch.records = launchData.launchMode === "Normal";
        if (typeof launchData.masteryScore === "number") {
          // The LMS's mastery score overrides the course's.
          launch.mastery = launchData.masteryScore;
          config.course.masteryScore = Math.round(launchData.masteryScore * 10000) / 100;
        }
        if (documents[2] && documents[2].audioPreference === "off") {
          document.querySelectorAll("audio, video").forEach(function (media) { media.muted = true; });
        }
        return "initialized";
      },
      context: context,
      last: function () { return "terminated"; }
    });
  };
})(window.CoursePackager = window.CoursePackager || {});
