/* Tin Can: endpoint, auth, actor (xAPI or Tin Can's older form), registration and activity_id come
   in the query string. Reads the resume document, sends "attempted" or "resumed", "experienced" per
   lesson once, "answered" per question, the verdicts statements.js owes, and "terminated" (finished)
   or "suspended" as the page goes away. */
(function (ns) {
  "use strict";

  var TYPES = {
    course: "http://adlnet.gov/expapi/activities/course",
    lesson: "http://adlnet.gov/expapi/activities/lesson"
  };
  var SUSPEND_STATE = "course-packager.suspend";
  var READ_TRIES = 3;

  function first(value) { return Array.isArray(value) ? value[0] : value; }

  /* An xAPI agent from the launch's actor (xAPI 1.0 or Tin Can's older form), or null. */
  function agentFrom(value) {
    if (!value || typeof value !== "object") { return null; }
    var agent = { objectType: "Agent" };
    var name = first(value.name);
    if (typeof name === "string") { agent.name = name; }
    var mbox = first(value.mbox);
    var account = first(value.account);
    if (typeof mbox === "string" && mbox) {
      agent.mbox = mbox.indexOf("mailto:") === 0 ? mbox : "mailto:" + mbox;
    } else if (typeof first(value.mbox_sha1sum) === "string") {
      agent.mbox_sha1sum = first(value.mbox_sha1sum);
    } else if (typeof first(value.openid) === "string") {
      agent.openid = first(value.openid);
    } else if (account && typeof account === "object") {
      agent.account = {
        homePage: account.homePage || account.accountServiceHomePage,
        name: account.name || account.accountName
      };
      if (!agent.account.homePage || !agent.account.name) { return null; }
    } else {
      return null;
    }
    return agent;
  }

  /* The launch parameters, or null when the page was not launched by a Tin Can LMS. */
  function launchParameters() {
    var query = new URLSearchParams(window.location.search);
    if (!query.get("endpoint") || !query.get("auth")) { return null; }
    var actor = null;
    try { actor = agentFrom(JSON.parse(query.get("actor"))); } catch (error) { actor = null; }
    return {
      endpoint: query.get("endpoint"),
      auth: query.get("auth"),
      actor: actor,
      registration: query.get("registration") || null,
      activityId: query.get("activity_id")
    };
  }

  ns.connectLms = function (config, onFault) {
    var launch = launchParameters();
    if (!launch) { return null; }
    var language = document.documentElement.lang || "und";
    var maker = new ns.StatementMaker(launch.actor, launch.activityId);
    var verdicts = new ns.Verdicts(config.course.masteryScore / 100);
    var experienced = [];
    var outbox = null;
    var startedAt = 0;

    function named(type, title) {
      var definition = { type: type, name: {} };
      definition.name[language] = title;
      return definition;
    }

    var course = { id: launch.activityId, objectType: "Activity", definition: named(TYPES.course, config.course.title) };

    function context(withParent) {
      var made = {};
      if (launch.registration) { made.registration = launch.registration; }
      if (withParent) { made.contextActivities = { parent: [{ id: launch.activityId, objectType: "Activity" }] }; }
      return made;
    }

    function aboutCourse(verb, result) {
      return maker.make(verb, course, result, context(false));
    }

    function elapsed() { return ns.isoDuration(Date.now() - startedAt); }

    /* "experienced" for a lesson reached for the first time. */
    function lessonStatements(location) {
      var page = config.pages.filter(function (candidate) { return "lesson:" + candidate.id === location; })[0];
      if (!page || experienced.indexOf(page.id) !== -1) { return []; }
      experienced.push(page.id);
      var lesson = maker.child("lesson", page.id, named(TYPES.lesson, page.title));
      return [maker.make("experienced", lesson, null, context(true))];
    }

    function owed(report, ending) {
      var statements = lessonStatements(report.location);
      verdicts.owed(report, ending, elapsed()).forEach(function (verdict) {
        statements.push(aboutCourse(verdict.verb, verdict.result));
      });
      return statements;
    }

    function scope() {
      var params = { stateId: SUSPEND_STATE, activityId: launch.activityId, agent: JSON.stringify(launch.actor) };
      if (launch.registration) { params.registration = launch.registration; }
      return params;
    }

    function keep(report, suspendData) {
      outbox.putState(scope(), {
        location: report.location,
        suspendData: suspendData,
        reported: verdicts.reported,
        experienced: experienced
      });
    }

    function begin() {
      var client = new ns.XapiClient(launch.endpoint, launch.auth);
      outbox = new ns.XapiOutbox(client, onFault);
      return client.retrying(function () { return client.getDocument("activities/state", scope()); }, READ_TRIES)
        .then(function (saved) {
          saved = saved && typeof saved === "object" ? saved : null;
          if (saved) {
            verdicts.restore(saved.reported);
            if (Array.isArray(saved.experienced)) { experienced = saved.experienced.filter(function (id) { return typeof id === "string"; }); }
          }
          startedAt = Date.now();
          outbox.addStatements([aboutCourse(saved ? "resumed" : "attempted")]);
          outbox.flush();
          return ns.resumePoint(saved);
        });
    }

    return ns.xapiAdapter("tincan", {
      start: function () {
        if (!launch.actor) { return Promise.reject(new Error("the actor parameter is not an xAPI agent")); }
        if (!launch.activityId) { return Promise.reject(new Error("the activity_id parameter is missing")); }
        return begin();
      },
      started: function () { return startedAt > 0; },
      outbox: function () { return outbox; },
      owed: owed,
      answered: function (entry) { return maker.answered(entry, context(false)); },
      last: function (report) { return aboutCourse(report.finished ? "terminated" : "suspended", { duration: elapsed() }); },
      keep: keep
    });
  };
})(window.CoursePackager = window.CoursePackager || {});
