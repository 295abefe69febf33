/* Tin Can: endpoint, auth, actor (xAPI or Tin Can's older form), registration and activity_id come
   in the query string. Sends "attempted" or "resumed", "experienced" per lesson once, "answered"
   per question, the verdicts owed, and "terminated" (finished) or "suspended" as the page goes away. */
(function (ns) {
  "use strict";

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

  ns.connectLms = function (config, onFault) {
    var launch = ns.xapiLaunch("auth", "activity_id");
    if (!launch) { return null; }
    launch.actor = agentFrom(launch.actor);
    launch.agent = JSON.stringify(launch.actor);
    var experienced = [];

    function named(type, title) {
      return { type: "http://adlnet.gov/expapi/activities/" + type, name: ns.languageMap(title) };
    }

    var session = ns.xapiSession(config, onFault, launch, {
      activity: { id: launch.activityId, objectType: "Activity", definition: named("course", config.course.title) },
      authorize: function () { return launch.credential; },
      reads: function () { return []; },
      begin: function (saved) {
        if (saved && Array.isArray(saved.experienced)) {
          experienced = saved.experienced.filter(function (id) { return typeof id === "string"; });
        }
        return saved ? "resumed" : "attempted";
      },
      context: function () { return launch.registration ? { registration: launch.registration } : {}; },
      /* "experienced" for a lesson reached for the first time. */
      owed: function (report) {
        var page = config.pages.filter(function (candidate) { return "lesson:" + candidate.id === report.location; })[0];
        if (!page || experienced.indexOf(page.id) !== -1) { return []; }
        experienced.push(page.id);
        return [session.statement("experienced", null, session.child("lesson", page.id, named("lesson", page.title)))];
      },
      keep: function (body) {
        body.experienced = experienced;
        return body;
      },
      last: function (report) { return report.finished ? "terminated" : "suspended"; }
    });
    return session;
  };
})(window.CoursePackager = window.CoursePackager || {});
