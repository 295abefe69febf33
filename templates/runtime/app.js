/*
 * The course page: shows one view at a time (a lesson, the quiz or the result), keeps the
 * course state, and reports every change to the LMS through the target's adapter.
 * Lifecycle: commit on every change and when the page is hidden; finish exactly once on pagehide.
 */
(function (ns) {
  "use strict";

  var config = JSON.parse(document.getElementById("course-data").textContent);
  var state = new ns.CourseState(config);
  var form = document.getElementById("quiz-form");
  var notice = document.getElementById("notice");
  var views = document.querySelectorAll("[data-view]");
  var previousButton = document.getElementById("previous-button");
  var nextButton = document.getElementById("next-button");

  function say(message) {
    notice.textContent = message;
    notice.hidden = false;
  }

  var faultShown = false;
  function onFault(detail) {
    if (window.console) { window.console.warn("LMS call failed: " + detail); }
    if (!faultShown) {
      faultShown = true;
      say("Your progress may not be saved: the learning system did not accept an update. You can keep working.");
    }
  }

  var adapter = null;

  /* Connect to the target's LMS, or run standalone. An adapter's start() may return a promise. */
  function connect() {
    var lms = ns.connectLms ? ns.connectLms(config, onFault) : null;
    var started = lms ? lms.start() : null;
    return Promise.resolve(started).then(null, function (error) {
      onFault("start: " + error);
      return null;
    }).then(function (launch) {
      if (launch) {
        adapter = lms;
        return launch;
      }
      if (lms) { onFault("initialize"); }
      else if (config.target !== "web") {
        say("No learning management system was found: your progress is kept in this browser only.");
      }
      adapter = ns.connectStandalone(config);
      return adapter.start();
    });
  }

  function report() {
    adapter.save(state.report(), state.serialize());
  }

  function render(moveFocus) {
    var current = state.location;
    views.forEach(function (view) { view.hidden = view.getAttribute("data-view") !== current; });
    var summary = state.report();
    document.getElementById("progress-bar").value = summary.stepsDone;
    document.getElementById("progress-text").textContent =
      summary.stepsDone + " of " + summary.steps + " steps done";
    state.visited.forEach(function (seen, index) {
      var mark = document.querySelector('[data-visited-mark="lesson:' + config.lessons[index].id + '"]');
      if (mark) { mark.textContent = seen ? " (viewed)" : ""; }
    });
    document.querySelectorAll("[data-go]").forEach(function (button) {
      var target = button.getAttribute("data-go");
      var here = target === current || (target === "quiz" && current === "results");
      if (here) { button.setAttribute("aria-current", "step"); } else { button.removeAttribute("aria-current"); }
    });
    previousButton.disabled = state.neighbour(-1) === null;
    nextButton.disabled = state.neighbour(1) === null;
    if (config.quiz) { showQuizState(summary); }
    if (moveFocus) {
      var heading = document.querySelector('[data-view="' + current + '"] h1');
      if (heading) { heading.focus(); }
    }
  }

  function showQuizState(summary) {
    config.quiz.questions.forEach(function (question) {
      ns.showAnswer(form, question, state.answers.hasOwnProperty(question.id) ? state.answers[question.id] : null);
    });
    form.querySelectorAll("input, button").forEach(function (control) { control.disabled = state.submitted; });
    if (state.submitted) {
      var total = config.quiz.questions.length;
      document.getElementById("result-summary").textContent = summary.success === "passed"
        ? "You passed with " + summary.scorePercent + "%."
        : "You did not pass: you scored " + summary.scorePercent + "% and needed " + config.course.masteryScore + "%.";
      document.getElementById("result-detail").textContent =
        state.correctCount + " of " + total + " answers were correct.";
    }
  }

  function go(location) {
    if (location && state.go(location)) { report(); }
    render(true);
  }

  /* Controls and page lifecycle are wired only once the LMS session has started. */
  function listen() {
    previousButton.addEventListener("click", function () { go(state.neighbour(-1)); });
    nextButton.addEventListener("click", function () { go(state.neighbour(1)); });
    document.querySelectorAll("[data-go]").forEach(function (button) {
      button.addEventListener("click", function () { go(button.getAttribute("data-go")); });
    });

    if (form) {
      form.addEventListener("change", function (event) {
        var fieldset = event.target.closest("[data-question]");
        if (!fieldset) { return; }
        var question = config.quiz.questions.filter(function (item) {
          return item.id === fieldset.getAttribute("data-question");
        })[0];
        if (state.setAnswer(question.id, ns.readAnswer(form, question))) { report(); }
      });
      form.addEventListener("submit", function (event) {
        event.preventDefault();
        if (state.submitted) { return; }
        var missing = ns.unanswered(config.quiz, state.answers);
        var error = document.getElementById("quiz-error");
        error.hidden = missing.length === 0;
        if (missing.length) {
          var first = form.querySelector('[data-question="' + missing[0].id + '"] input');
          if (first) { first.focus(); }
          return;
        }
        state.submit(ns.countCorrect(config.quiz, state.answers));
        report();
        render(true);
      });
    }

    document.addEventListener("visibilitychange", function () {
      if (document.visibilityState === "hidden") { adapter.commit(); }
    });
    window.addEventListener("pagehide", function () {
      adapter.finish(state.report(), state.serialize());
    });
  }

  connect().then(function (launch) {
    if (launch.suspendData) { state.restore(launch.suspendData, launch.location); }
    else if (launch.location && state.isKnownLocation(launch.location)) { state.location = launch.location; }
    state.go(state.location);
    listen();
    report();
    render(false);
  });
})(window.CoursePackager = window.CoursePackager || {});
