/*
 * The cmi5 test launcher page: asks its server to launch the AU (?mode=Normal|Browse|Review),
 * which records "launched" and writes LMS.LaunchData, then opens the AU's launch URL in the
 * frame (the AU's launchMethod is AnyWindow).
 *
 * Relaunch ends the session the way leaving does (the frame unloads the AU, which terminates),
 * then launches again in the same registration: the AU resumes from its state document. Reset
 * does the same in a new registration: a new attempt, from the start.
 *
 * window.launcher: session() (a promise of the current launch), relaunch(), reset() (promises).
 */
(function () {
  "use strict";

  var BLANK = "about:blank";
  var frame = document.getElementById("content-frame");
  var status = document.getElementById("launcher-status");
  var mode = new URLSearchParams(window.location.search).get("mode") || "Normal";
  var launched = null;
  var changing = null;

  function show(id, text) { document.getElementById(id).textContent = text; }

  function post(path, body) {
    return window.fetch(path, {
      method: "POST",
      headers: { "Content-Type": "application/json" },
      body: JSON.stringify(body || {})
    }).then(function (response) {
      return response.json().then(function (answer) {
        if (!response.ok) { throw new Error(answer.error || path + " failed: " + response.status); }
        return answer;
      });
    });
  }

  function refreshLog() {
    if (window.cmi5Log) { window.cmi5Log.refresh(); }
  }

  function launch() {
    status.textContent = "Launching…";
    launched = post("/launch", { launchMode: mode }).then(function (body) {
      if (body.standard) {
        document.title = "Test LMS: " + body.standard + " launcher";
        show("launcher-title", document.title);
      }
      show("launch-mode", body.launchMode);
      show("registration", body.registration);
      show("session-id", body.sessionId);
      status.textContent = "Launched " + body.title;
      frame.src = body.url;
      refreshLog();
      return body;
    }, function (error) {
      status.textContent = "Could not launch: " + error.message;
      throw error;
    });
    return launched;
  }

  /* Unload the AU (it sends "terminated" as it goes); resolves once the frame is blank. */
  function end() {
    return new Promise(function (resolve) {
      var src = frame.getAttribute("src");
      if (!src || src === BLANK) {
        resolve();
        return;
      }
      frame.addEventListener("load", function ended() {
        frame.removeEventListener("load", ended);
        resolve();
      });
      frame.src = BLANK;
    }).then(function () {
      status.textContent = "The session has ended.";
      refreshLog();
    });
  }

  /* One change at a time: a second click while the AU unloads gets the first one's promise. */
  function endThen(change) {
    if (!changing) {
      changing = end().then(change).then(function (value) {
        changing = null;
        return value;
      }, function (error) {
        changing = null;
        throw error;
      });
    }
    return changing;
  }

  function relaunch() { return endThen(launch); }

  function reset() {
    return endThen(function () { return post("/registration").then(launch); });
  }

  function quietly(promise) { promise.catch(function () { /* the status line says what failed */ }); }

  document.getElementById("relaunch-button").addEventListener("click", function () { quietly(relaunch()); });
  document.getElementById("reset-button").addEventListener("click", function () { quietly(reset()); });

  quietly(launch());

  window.launcher = {
    session: function () { return launched; },
    relaunch: relaunch,
    reset: reset
  };
})();
