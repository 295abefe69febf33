/* The cover (Start, or Resume) and the completion screen (Finish, on the last page). app.js calls
   start() once the session has begun, last() as it shows a page, leave() on any move to a page. */
(function (ns) {
  "use strict";

  var cover = document.getElementById("cover");
  var done = document.getElementById("completion");
  var finishButton = document.getElementById("finish-button");

  function part(name) { return done.querySelector("[data-done-" + name + "]"); }

  ns.screens = {
    start: function (resumed, begin, review, report) {
      var button = document.getElementById("cover-start");
      if (resumed) { button.firstChild.textContent = button.getAttribute("data-resume-label"); }
      button.addEventListener("click", begin);
      document.getElementById("review-button").addEventListener("click", review);
      finishButton.addEventListener("click", function () { ns.screens.finish(report()); });
    },
    /* On the last page, Finish stands in for Next. */
    last: function (isLast) {
      document.getElementById("next-button").hidden = isLast;
      finishButton.hidden = !isLast;
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
      finishButton.hidden = true;
      part("title").focus();
    },
    leave: function () {
      cover.hidden = true;
      done.hidden = true;
    },
    showing: function () { return !done.hidden; }
  };
})(window.CoursePackager = window.CoursePackager || {});
