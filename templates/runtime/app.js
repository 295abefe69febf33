/*
 * The course page: shows one page at a time (a lesson or a quiz), keeps the course state,
 * and reports to the LMS through the target's adapter.
 * Calm calls: results (start, submit, retry) are saved at once; a move between pages or an edited
 * answer is saved the adapter's saveDelay ms later (SCORM: 10 s; 0, at once, for the others), with
 * whatever else changed by then, or earlier when the page is hidden. The SCORM adapters send only
 * the values that changed since the last save, then commit.
 * Lifecycle: finish exactly once on pagehide (which sends what is still unsaved).
 */
(function (ns) {
  "use strict";

  var config = JSON.parse(document.getElementById("course-data").textContent);
  var state = new ns.CourseState(config);
  var notice = document.getElementById("notice");
  var views = document.querySelectorAll("[data-view]");
  var previousButton = document.getElementById("previous-button");
  var nextButton = document.getElementById("next-button");
  var adapter = null;
  var pendingSave = null;
  var attemptStartedAt = {};
  var answerChangedAt = {};

  function say(message) {
    notice.textContent = message;
    notice.hidden = false;
  }

  var faultShown = false;
  function onFault(detail) {
    if (window.console) { window.console.warn("LMS call failed: " + detail); }
    if (!faultShown) {
      faultShown = true;
      say(ns.t("notice.save_failed"));
    }
  }

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
        say(ns.t("notice.no_lms"));
      }
      adapter = ns.connectStandalone(config);
      return adapter.start();
    });
  }

  /* Save now: what changed since the last save, then a commit. */
  function report() {
    if (pendingSave !== null) {
      window.clearTimeout(pendingSave);
      pendingSave = null;
    }
    adapter.save(state.report(), state.serialize());
  }

  /* Save a little later, together with whatever else changes meanwhile. */
  function reportSoon() {
    if (!adapter.saveDelay) { report(); }
    else if (pendingSave === null) { pendingSave = window.setTimeout(report, adapter.saveDelay); }
  }

  function sectionOf(quiz) {
    return document.querySelector('[data-quiz="' + quiz.id + '"]');
  }

  function currentQuiz() {
    var page = state.page(state.location);
    return page && page.kind === "quiz" ? page : null;
  }

  /* Put a quiz's section in the state of its current attempt. */
  function showQuiz(quiz) {
    var section = sectionOf(quiz);
    var progress = state.progress(quiz);
    var left = ns.lessonsLeft(state, quiz);
    ns.showLock(section, left);
    if (left.length) { return; }
    if (section.getAttribute("data-arranged") !== progress.attempt + ":" + progress.seed) {
      ns.arrangeAttempt(section, progress);
      section.setAttribute("data-arranged", progress.attempt + ":" + progress.seed);
    }
    progress.askedQuestions().forEach(function (question) {
      var item = ns.itemFor(section, question);
      ns.showAnswer(item, question, progress.answers[question.id]);
      ns.markQuestion(item, question, progress);
    });
    ns.showScreen(section, progress);
    var attemptText = quiz.attempts
      ? ns.t("quiz.attempt_of", { attempt: progress.attempt, attempts: quiz.attempts })
      : ns.t("quiz.attempt", { attempt: progress.attempt });
    var attemptLine = section.querySelector("[data-attempt-text]");
    attemptLine.textContent = progress.attempt > 1 || quiz.attempts ? attemptText : "";
    attemptLine.hidden = !attemptLine.textContent;
    var result = section.querySelector("[data-quiz-result]");
    result.hidden = !progress.submitted;
    if (progress.submitted) {
      var asked = progress.asked.length;
      var percent = Math.round((progress.correct / asked) * 10000) / 100;
      var summary = section.querySelector("[data-result-summary]");
      if (!quiz.graded) {
        summary.textContent = ns.tn("result.check", asked, { correct: progress.correct, asked: asked });
      } else if (progress.passed(config.course.masteryScore)) {
        summary.textContent = ns.t("result.passed", { percent: ns.formatPercent(percent) });
      } else {
        summary.textContent = ns.t("result.failed", {
          percent: ns.formatPercent(percent), mastery: ns.formatPercent(config.course.masteryScore)
        });
      }
      var left = progress.attemptsLeft();
      section.querySelector("[data-result-detail]").textContent =
        ns.tn("result.detail", asked, { correct: progress.correct, asked: asked }) +
        (quiz.graded && left !== Infinity && !progress.passed(config.course.masteryScore)
          ? " " + ns.tn("result.attempts_left", left) : "");
      section.querySelector("[data-retry]").hidden = !state.canRetry(quiz);
    }
  }

  function render(moveFocus) {
    var current = state.location;
    views.forEach(function (view) { view.hidden = view.getAttribute("data-view") !== current; });
    var summary = state.report();
    document.getElementById("progress-bar").value = summary.stepsDone;
    document.getElementById("progress-text").textContent =
      ns.tn("progress.steps", summary.steps, { done: summary.stepsDone, total: summary.steps });
    state.pages.forEach(function (page, index) {
      var mark = document.querySelector('[data-visited-mark="' + ns.locationOf(page) + '"]');
      var locked = page.kind === "quiz" && ns.lessonsLeft(state, page).length;
      if (mark) { mark.textContent = locked ? " " + ns.t("layout.locked") : state.viewed(index) ? " " + ns.t("layout.viewed") : ""; }
    });
    document.querySelectorAll("[data-go]").forEach(function (button) {
      if (button.getAttribute("data-go") === current) { button.setAttribute("aria-current", "step"); }
      else { button.removeAttribute("aria-current"); }
    });
    previousButton.disabled = state.neighbour(-1) === null;
    nextButton.disabled = state.neighbour(1) === null;
    if (ns.screens) { ns.screens.last(nextButton.disabled); }
    var quiz = currentQuiz();
    if (quiz) { showQuiz(quiz); }
    if (moveFocus) {
      var heading = document.querySelector('[data-view="' + current + '"] h1');
      if (heading) { heading.focus(); }
    }
  }

  function go(location) {
    var done = state.report().stepsDone;
    if (ns.screens) { ns.screens.leave(); }
    if (location && state.go(location)) {
      var quiz = currentQuiz();
      if (quiz && !attemptStartedAt[quiz.id]) { attemptStartedAt[quiz.id] = Date.now(); }
      // A page newly counted as done is progress: saved at once.
      if (state.report().stepsDone > done) { report(); } else { reportSoon(); }
    }
    render(true);
  }

  function questionOf(quiz, item) {
    var id = item.getAttribute("data-question");
    return quiz.questions.filter(function (question) { return question.id === id; })[0];
  }

  function onAnswer(quiz, event, commit) {
    var item = event.target.closest("[data-question]");
    if (!item) { return; }
    var question = questionOf(quiz, item);
    if (state.setAnswer(quiz, question.id, ns.readAnswer(item, question))) {
      answerChangedAt[quiz.id + "." + question.id] = Date.now();
    }
    // Typing updates the state; the LMS hears of it after the field is left ("change").
    if (commit) { reportSoon(); }
  }

  function submit(quiz, event) {
    event.preventDefault();
    var progress = state.progress(quiz);
    if (progress.submitted) { return; }
    var section = sectionOf(quiz);
    var missing = ns.unanswered(progress);
    section.querySelector("[data-quiz-error]").hidden = missing.length === 0;
    if (missing.length) {
      progress.position = progress.asked.indexOf(quiz.questions.indexOf(missing[0]));
      render(false);
      ns.focusField(ns.itemFor(section, missing[0]));
      return;
    }
    state.submit(quiz, ns.countCorrect(progress));
    if (adapter.recordInteractions) {
      var startedAt = attemptStartedAt[quiz.id] || Date.now();
      var written = adapter.recordInteractions(progress.askedQuestions().map(function (question) {
        return ns.interactionFor(quiz, question, progress, startedAt, answerChangedAt[quiz.id + "." + question.id]);
      }), state.interactions);
      // SCORM adapters number interactions: the count after these is kept in the course state.
      if (typeof written === "number") { state.interactions = written; }
    }
    report();
    render(false);
    section.querySelector("[data-result-heading]").focus();
  }

  /* One question per screen: the previous or next one. */
  function step(quiz, by) {
    var progress = state.progress(quiz);
    progress.position += by;
    reportSoon();
    render(false);
    ns.focusQuestion(sectionOf(quiz), progress);
  }

  /* show_answers: after-each: judge one answered question now; its answer is then final. */
  function check(quiz, item) {
    var question = questionOf(quiz, item);
    var progress = state.progress(quiz);
    var answered = ns.unanswered(progress).indexOf(question) === -1;
    item.querySelector("[data-check-error]").hidden = answered;
    if (!answered) {
      ns.focusField(item);
      return;
    }
    progress.checked[question.id] = true;
    report();
    render(false);
    item.querySelector("[data-feedback]").focus();
  }

  function retry(quiz) {
    if (!state.canRetry(quiz)) { return; }
    state.retry(quiz);
    attemptStartedAt[quiz.id] = Date.now();
    report();
    render(true);
  }

  /* Controls and page lifecycle are wired only once the LMS session has started. */
  function listen() {
    previousButton.addEventListener("click", function () {
      go(ns.screens && ns.screens.showing() ? state.location : state.neighbour(-1));
    });
    nextButton.addEventListener("click", function () { go(state.neighbour(1)); });
    document.querySelectorAll("[data-go]").forEach(function (button) {
      button.addEventListener("click", function () { go(button.getAttribute("data-go")); });
    });
    state.pages.forEach(function (page) {
      if (page.kind !== "quiz") { return; }
      var section = sectionOf(page);
      var form = section.querySelector("[data-quiz-form]");
      form.addEventListener("input", function (event) { onAnswer(page, event, false); });
      form.addEventListener("change", function (event) { onAnswer(page, event, true); });
      form.addEventListener("submit", function (event) { submit(page, event); });
      section.querySelector("[data-retry]").addEventListener("click", function () { retry(page); });
      section.addEventListener("click", function (event) {
        var button = event.target.closest("[data-step], [data-check], [data-lock-go]");
        if (!button) { return; }
        if (button.hasAttribute("data-step")) { step(page, Number(button.getAttribute("data-step"))); }
        else if (button.hasAttribute("data-check")) { check(page, button.closest("[data-question]")); }
        else { go(button.getAttribute("data-lock-go")); }
      });
    });
    document.addEventListener("visibilitychange", function () {
      if (document.visibilityState === "hidden" && pendingSave !== null) { report(); }
    });
    window.addEventListener("pagehide", function () {
      if (pendingSave !== null) { window.clearTimeout(pendingSave); }
      pendingSave = null;
      adapter.finish(state.report(), state.serialize());
    });
  }

  connect().then(function (launch) {
    var resumed = Boolean(launch.suspendData || (launch.location && state.isKnownLocation(launch.location)));
    if (ns.screens) {
      ns.screens.start(resumed, function () { go(state.location); },
        function () { go(ns.locationOf(state.pages[0])); }, function () { return state.report(); });
    }
    if (launch.suspendData) { state.restore(launch.suspendData, launch.location); }
    else if (launch.location && state.isKnownLocation(launch.location)) { state.location = launch.location; }
    state.go(state.location);
    if (state.blocks) { state.blocks.start(state, function () { report(); render(false); }); }
    var quiz = currentQuiz();
    if (quiz) { attemptStartedAt[quiz.id] = Date.now(); }
    listen();
    report();
    render(false);
    document.getElementById("main").removeAttribute("aria-busy");
  });
})(window.CoursePackager = window.CoursePackager || {});
