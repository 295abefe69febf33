/*
 * The cmi5 launcher's live log: polls /log.json (this registration's statements, as the LRS has
 * them, and what the LMS backend noted) and shows them beside the AU. Everything shown was sent by
 * the package, so it is written with textContent only: markup in a value shows as text.
 * window.cmi5Log.refresh() polls now and returns a promise; window.cmi5Log.latest() is the last answer.
 */
(function () {
  "use strict";

  var POLL_MS = 1000;
  var VERB_PREFIX = "http://adlnet.gov/expapi/verbs/";
  var LMS_VERBS = ["launched"];
  var body = document.getElementById("statement-log").tBodies[0];
  var scroller = document.getElementById("statement-log-scroll");
  var shown = "";
  var latest = null;
  var timer = null;

  function byId(id) { return document.getElementById(id); }

  function cell(row, text, className) {
    var node = document.createElement("td");
    node.textContent = text === undefined || text === null ? "" : String(text);
    if (className) { node.className = className; }
    row.appendChild(node);
  }

  function verbName(statement) {
    var id = String((statement.verb || {}).id || "");
    return id.indexOf(VERB_PREFIX) === 0 ? id.slice(VERB_PREFIX.length) : id;
  }

  /* "score 90% (90/100), success, completion": the result fields cmi5 uses. */
  function describeResult(result) {
    if (!result) { return ""; }
    var parts = [];
    var score = result.score;
    if (score) {
      var raw = score.raw !== undefined ? " (" + score.raw + (score.max !== undefined ? "/" + score.max : "") + ")" : "";
      parts.push("score " + (score.scaled !== undefined ? Math.round(score.scaled * 1000) / 10 + "%" : "") + raw);
    }
    if (result.success !== undefined) { parts.push("success " + result.success); }
    if (result.completion !== undefined) { parts.push("completion " + result.completion); }
    return parts.join(", ");
  }

  function timeOf(statement) {
    var date = new Date(statement.timestamp);
    return isNaN(date.getTime()) ? String(statement.timestamp) : date.toLocaleTimeString();
  }

  function launchOf(statement, sessions) {
    var extensions = (statement.context || {}).extensions || {};
    var index = sessions.indexOf(extensions["https://w3id.org/xapi/cmi5/context/extensions/sessionid"]);
    if (!extensions["https://w3id.org/xapi/cmi5/context/extensions/sessionid"]) { return ""; }
    return index < 0 ? "?" : String(index + 1);
  }

  function showStatements(log) {
    body.textContent = "";
    log.statements.forEach(function (statement) {
      var verb = verbName(statement);
      var row = document.createElement("tr");
      row.className = LMS_VERBS.indexOf(verb) >= 0 ? "from-lms" : "";
      cell(row, launchOf(statement, log.sessions), "launch");
      cell(row, timeOf(statement), "time");
      cell(row, verb, "verb");
      cell(row, describeResult(statement.result), "result");
      cell(row, (statement.result || {}).duration, "duration");
      body.appendChild(row);
    });
    var count = log.statements.length;
    byId("statement-count").textContent = count + (count === 1 ? " statement" : " statements");
    byId("statement-log-note").textContent = "Registration " + log.registration +
      ". Kept by the launcher's LRS; \"launched\" is the LMS's, the rest the AU's.";
    scroller.scrollTop = scroller.scrollHeight;
  }

  function showNotes(log) {
    var list = byId("violations");
    var notes = log.violations.concat(log.lrsErrors.map(function (text) { return "LRS error: " + text; }));
    list.textContent = "";
    notes.forEach(function (text) {
      var item = document.createElement("li");
      item.textContent = text;
      list.appendChild(item);
    });
    if (!notes.length) {
      var none = document.createElement("li");
      none.className = "none";
      none.textContent = "Nothing so far.";
      list.appendChild(none);
    }
    byId("violation-count").textContent = log.violations.length ? "(" + log.violations.length + ")" : "";
  }

  function show(text) {
    if (text === shown) { return; }
    shown = text;
    latest = JSON.parse(text);
    if (latest.error) {
      byId("statement-log-note").textContent = "Cannot read the statements: " + latest.error;
      return;
    }
    showStatements(latest);
    showNotes(latest);
  }

  function refresh() {
    window.clearTimeout(timer);
    return window.fetch("/log.json").then(function (response) { return response.text(); }).then(show)
      .catch(function (error) {
        byId("statement-log-note").textContent = "Cannot reach the launcher: " + error.message;
      })
      .then(function () { timer = window.setTimeout(refresh, POLL_MS); });
  }

  window.cmi5Log = {
    refresh: refresh,
    latest: function () { return latest; }
  };
  refresh();
})();
