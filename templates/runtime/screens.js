/* The cover (Start, or Resume) and the completion screen (Finish, on the last page). app.js calls
   start() once the session has begun, last() as it shows a page, leave() on any move to a page. */
(function (ns) {
  "use strict";

  const cover = document.getElementById("cover");
  const done = document.getElementById("completion");
  const finishButton = document.getElementById("finish-button");
  const part = (name) => done.querySelector("[data-done-" + name + "]");

  ns.stepsText = (report) => ns.tn("progress.steps", report.steps, { done: report.stepsDone, total: report.steps });

  function finish(report) {
    document.querySelectorAll("[data-view]").forEach((view) => { view.hidden = true; });
    cover.hidden = true;
    finishButton.hidden = true;
    done.hidden = false;
    done.toggleAttribute("data-complete", report.completed);
    part("title").textContent = ns.t(report.completed ? "done.complete" : "done.incomplete");
    part("next").textContent = ns.t(report.completed ? "done.next_complete" : "done.next_incomplete");
    part("progress").textContent = ns.stepsText(report);
    const score = part("score");
    const values = { percent: ns.formatPercent(report.scorePercent) };
    score.hidden = report.scorePercent === null;
    score.textContent = report.success === "passed" ? ns.t("done.passed", values) : ns.t("done.failed", values);
    part("title").focus();
  }

  ns.screens = {
    /* go(location) moves to a page; state is the course state. */
    start: function (resumed, go, state) {
      const button = document.getElementById("cover-start");
      if (resumed) { button.firstChild.textContent = button.getAttribute("data-resume-label"); }
      button.addEventListener("click", () => go(state.location));
      document.getElementById("review-button").addEventListener("click", () => go(state.sequence[0]));
      finishButton.addEventListener("click", () => finish(state.report()));
    },
    /* On the last page, Finish stands in for Next. */
    last: function (isLast) {
      document.getElementById("next-button").hidden = isLast;
      finishButton.hidden = !isLast;
    },
    leave: function () {
      cover.hidden = true;
      done.hidden = true;
    },
    showing: () => !done.hidden
  };
})(window.CoursePackager = window.CoursePackager || {});
