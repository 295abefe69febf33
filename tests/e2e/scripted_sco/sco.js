/*
 * A SCO that only makes the API calls listed in steps.json: {"load": [...], "pagehide": [...]},
 * each step being [method, argument...], e.g. ["LMSSetValue", "cmi.core.session_time", "0:05:30"].
 * The "load" steps run at once; the "pagehide" steps when the SCO unloads. When the load steps are
 * done, <body> gets data-done, and window.results holds each step's return value.
 */
(function () {
  "use strict";

  function findApi() {
    for (var win = window; win; win = win.parent) {
      if (win.API_1484_11) { return win.API_1484_11; }
      if (win.API) { return win.API; }
      if (win.parent === win) { break; }
    }
    return null;
  }

  function run(steps) {
    var api = findApi();
    return (steps || []).map(function (step) {
      return String(api[step[0]].apply(api, step.slice(1)));
    });
  }

  fetch("steps.json").then(function (response) { return response.json(); }).then(function (steps) {
    window.addEventListener("pagehide", function () { run(steps.pagehide); });
    window.results = run(steps.load);
    document.body.setAttribute("data-done", "true");
  });
})();
