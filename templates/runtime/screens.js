/* The cover (Start, or Resume) and the completion screen. app.js calls start() once the session
   has begun, finish() on Next from the last page, leave() on any move to a page. */
(function (ns) {
  "use strict";

  var cover = document.getElementById("cover");
  var done = document.getElementById("completion");

  function part(name) { return done.querySelector("[data-done-" + name + "]"); }

  ns.screens = {
    start: function (resumed, begin, review) {
      var button = document.getElementById("cover-start");
      if (resumed) { button.firstChild.textContent = button.getAttribute("data-resume-label"); }
      button.addEventListener("click", begin);
      document.getElementById("review-button").addEventListener("click", review);
    },
    finish: function (report) {
      document.querySelectorAll("[data-view]").forEach(function (view) { view.hidden = true; });
      cover.hidden = true;
      done.toggleAttribute("data-complete", report.completed);
      part("title").textContent = ns.t(report.completed ? "done.complete" : "done.incomplete");
      var score = part("score");
      score.hidden = report.scorePercent === null;
      if (!score.hidden) {
        var values = { percent: ns.formatPercent(report.scorePercent) };
        score.textContent = report.success === "passed" ? ns.t("done.passed", values) : ns.t("done.failed", values);
      }
      part("progress").textContent =
        ns.tn("progress.steps", report.steps, { done: report.stepsDone, total: report.steps });
      part("next").textContent = ns.t(report.completed ? "done.next_complete" : "done.next_incomplete");
      done.hidden = false;
      part("title").focus();
    },
    leave: function () {
      cover.hidden = true;
      done.hidden = true;
    },
    showing: function () { return !done.hidden; }
  };
})(window.CoursePackager = window.CoursePackager || {});
