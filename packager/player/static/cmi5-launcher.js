/*
 * The cmi5 test launcher page: asks its server to launch the AU (?mode=Normal|Browse|Review),
 * which records "launched" and writes LMS.LaunchData, then opens the AU's launch URL in the
 * frame (the AU's launchMethod is AnyWindow). window.launcher.session() gives the launch.
 */
(function () {
  "use strict";

  var frame = document.getElementById("content-frame");
  var status = document.getElementById("launcher-status");
  var mode = new URLSearchParams(window.location.search).get("mode") || "Normal";
  var session = null;

  function show(id, text) { document.getElementById(id).textContent = text; }

  var launched = window.fetch("/launch", {
    method: "POST",
    headers: { "Content-Type": "application/json" },
    body: JSON.stringify({ launchMode: mode })
  }).then(function (response) {
    return response.json().then(function (body) {
      if (!response.ok) { throw new Error(body.error || "launch failed: " + response.status); }
      return body;
    });
  }).then(function (body) {
    session = body;
    show("launch-mode", body.launchMode);
    show("registration", body.registration);
    show("session-id", body.sessionId);
    status.textContent = "Launched " + body.title;
    frame.src = body.url;
    return body;
  }, function (error) {
    status.textContent = "Could not launch: " + error.message;
    throw error;
  });

  window.launcher = {
    session: function () { return launched; }
  };
})();
