/*
 * Live reload, added to the player page by `packager preview` only. It long-polls /live: after a
 * good rebuild it relaunches the content as the Relaunch button does (the learner's record is kept,
 * so the content resumes where the learner was), or reloads the whole page when the launch itself
 * changed (/launch.json: title, mastery score...); a broken rebuild's errors are shown over the
 * page, the last good build still playing.
 */
(function () {
  "use strict";

  var version = null;
  var overlay = null;

  function element(tag, text, className) {
    var node = document.createElement(tag);
    if (text) { node.textContent = text; }
    if (className) { node.className = className; }
    return node;
  }

  function show(errors) {
    if (overlay) { overlay.remove(); overlay = null; }
    if (!errors.length) { return; }
    overlay = element("section", null, "live-errors");
    overlay.id = "live-errors";
    overlay.setAttribute("role", "alert");
    overlay.appendChild(element("h2", "The last save does not build"));
    var list = element("ul");
    errors.forEach(function (error) { list.appendChild(element("li", error)); });
    overlay.appendChild(list);
    overlay.appendChild(element("p", "The last good build is still playing. Fix the course and save again."));
    var close = element("button", "Hide");
    close.type = "button";
    close.addEventListener("click", function () { show([]); });
    overlay.appendChild(close);
    document.body.appendChild(overlay);
  }

  function relaunch() {
    fetch("/launch.json", { cache: "no-store" })
      .then(function (response) { return response.json(); })
      .then(function (launch) {
        var player = window.player;
        if (!player || !player.launch() || JSON.stringify(launch) !== JSON.stringify(player.launch())) {
          window.location.reload();
          return;
        }
        player.relaunch().then(poll, poll);
      }, function () { window.location.reload(); });
  }

  function poll() {
    fetch("/live?since=" + (version === null ? -1 : version), { cache: "no-store" })
      .then(function (response) { return response.json(); })
      .then(function (state) {
        var rebuilt = version !== null && state.version !== version && !state.errors.length;
        version = state.version;
        show(state.errors);
        if (rebuilt) { relaunch(); } else { poll(); }
      }, function () { window.setTimeout(poll, 1000); });
  }

  var style = element("link");
  style.rel = "stylesheet";
  style.href = "/player/live.css";
  document.head.appendChild(style);
  poll();
})();
