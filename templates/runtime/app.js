/* The course page: one page at a time, the course state, the LMS through the target's adapter.
   Results and newly done pages are saved at once, other changes saveDelay ms later (SCORM: 10 s)
   or as the page hides; finish() runs once, on pagehide. */
(function (ns) {
  "use strict";

  const config = JSON.parse(document.getElementById("course-data").textContent);
  const state = new ns.CourseState(config);
  const previousButton = document.getElementById("previous-button");
  const nextButton = document.getElementById("next-button");
  const startedAt = {}; /* quiz id -> when its attempt opened */
  const changedAt = {}; /* quiz id + "." + question id -> when its answer last changed */
  let adapter = null;
  let pendingSave = null;
  let faultShown = false;

  function say(message) {
    const notice = document.getElementById("notice");
    notice.textContent = message;
    notice.hidden = false;
  }

  function onFault(detail) {
    window.console.warn("LMS call failed: " + detail);
    if (!faultShown) { say(ns.t("notice.save_failed")); }
    faultShown = true;
  }

  /* The target's LMS (its start() may return a promise), or standalone. */
  function connect() {
    const lms = ns.connectLms ? ns.connectLms(config, onFault) : null;
    return Promise.resolve(lms && lms.start()).catch((error) => onFault("start: " + error)).then((launch) => {
      if (launch) {
        adapter = lms;
        return launch;
      }
      if (lms) { onFault("initialize"); }
      else if (config.target !== "web") { say(ns.t("notice.no_lms")); }
      adapter = ns.connectStandalone(config);
      return adapter.start();
    });
  }

  /* Save now: what changed since the last save, then a commit. */
  function report() {
    window.clearTimeout(pendingSave);
    pendingSave = null;
    adapter.save(state.report(), state.serialize());
  }

  /* Save a little later, together with whatever else changes meanwhile. */
  function reportSoon() {
    if (!adapter.saveDelay) { report(); }
    else if (pendingSave === null) { pendingSave = window.setTimeout(report, adapter.saveDelay); }
  }

  const sectionOf = (quiz) => document.querySelector('[data-quiz="' + quiz.id + '"]');

  /* Put a quiz's section in the state of its current attempt (or show what keeps it locked). */
  function showQuiz(quiz, lessonsLeft) {
    const section = sectionOf(quiz);
    const progress = state.progress(quiz);
    ns.showLock(section, lessonsLeft);
    if (lessonsLeft.length) { return; }
    const arranged = progress.attempt + ":" + progress.seed;
    if (section.getAttribute("data-arranged") !== arranged) {
      ns.arrangeAttempt(section, progress);
      section.setAttribute("data-arranged", arranged);
    }
    progress.askedQuestions().forEach((question) => {
      const item = ns.itemFor(section, question);
      ns.showAnswer(item, question, progress.answers[question.id]);
      ns.markQuestion(item, question, progress);
    });
    ns.showScreen(section, progress);
    const attemptLine = section.querySelector("[data-attempt-text]");
    attemptLine.hidden = progress.attempt < 2 && !quiz.attempts;
    attemptLine.textContent = quiz.attempts
      ? ns.t("quiz.attempt_of", { attempt: progress.attempt, attempts: quiz.attempts })
      : ns.t("quiz.attempt", { attempt: progress.attempt });
    const result = section.querySelector("[data-quiz-result]");
    result.hidden = !progress.submitted;
    if (!progress.submitted) { return; }
    const asked = progress.asked.length;
    const counts = { correct: progress.correct, asked: asked };
    const mastery = config.course.masteryScore;
    const percent = ns.formatPercent(progress.percent());
    const left = progress.attemptsLeft();
    result.querySelector("[data-result-summary]").textContent = !quiz.graded ? ns.tn("result.check", asked, counts)
      : progress.passed(mastery) ? ns.t("result.passed", { percent: percent })
      : ns.t("result.failed", { percent: percent, mastery: ns.formatPercent(mastery) });
    result.querySelector("[data-result-detail]").textContent = ns.tn("result.detail", asked, counts) +
      (quiz.graded && left !== Infinity && !progress.passed(mastery) ? " " + ns.tn("result.attempts_left", left) : "");
    result.querySelector("[data-retry]").hidden = !state.canRetry(quiz);
  }

  function render(moveFocus) {
    const current = state.location;
    const summary = state.report();
    const quiz = state.currentQuiz();
    const lessonsLeft = quiz ? ns.lessonsLeft(state, quiz) : [];
    document.querySelectorAll("[data-view]").forEach((view) => { view.hidden = view.getAttribute("data-view") !== current; });
    document.getElementById("progress-bar").value = summary.stepsDone;
    document.getElementById("progress-text").textContent = ns.stepsText(summary);
    state.pages.forEach((page, index) => {
      document.querySelector('[data-visited-mark="' + state.sequence[index] + '"]').textContent =
        ns.lessonsLeft(state, page).length ? " " + ns.t("layout.locked") : state.viewed(index) ? " " + ns.t("layout.viewed") : "";
    });
    document.querySelectorAll("[data-go]").forEach((button) => {
      if (button.getAttribute("data-go") === current) { button.setAttribute("aria-current", "step"); }
      else { button.removeAttribute("aria-current"); }
    });
    previousButton.disabled = state.neighbour(-1) === null;
    nextButton.disabled = state.neighbour(1) === null;
    // A locked last quiz offers no Finish: its list of lessons left is what comes next.
    ns.screens.last(nextButton.disabled && !lessonsLeft.length);
    if (quiz) { showQuiz(quiz, lessonsLeft); }
    const heading = moveFocus && document.querySelector('[data-view="' + current + '"] h1');
    if (heading) { heading.focus(); }
  }

  function go(location) {
    const done = state.report().stepsDone;
    ns.screens.leave();
    if (state.go(location)) {
      const quiz = state.currentQuiz();
      if (quiz && !startedAt[quiz.id]) { startedAt[quiz.id] = Date.now(); }
      // A page newly counted as done is progress: saved at once.
      if (state.report().stepsDone > done) { report(); } else { reportSoon(); }
    }
    render(true);
  }

  /* Typing updates the state; the LMS hears of it once the field is left ("change"). */
  function onAnswer(event, commit) {
    const quiz = state.currentQuiz();
    const item = quiz && event.target.closest("[data-question]");
    if (!item) { return; }
    const question = quiz.questions.find((asked) => asked.id === item.getAttribute("data-question"));
    if (state.setAnswer(quiz, question.id, ns.readAnswer(item, question))) {
      changedAt[quiz.id + "." + question.id] = Date.now();
    }
    if (commit) { reportSoon(); }
  }

  function submit(quiz) {
    const progress = state.progress(quiz);
    if (progress.submitted) { return; }
    const section = sectionOf(quiz);
    const missing = ns.unanswered(progress);
    section.querySelector("[data-quiz-error]").hidden = !missing.length;
    if (missing.length) {
      progress.position = progress.asked.indexOf(quiz.questions.indexOf(missing[0]));
      render(false);
      ns.focusField(ns.itemFor(section, missing[0]));
      return;
    }
    state.submit(quiz, ns.countCorrect(progress));
    if (adapter.recordInteractions) {
      const since = startedAt[quiz.id] || Date.now();
      const written = adapter.recordInteractions(progress.askedQuestions().map((question) =>
        ns.interactionFor(quiz, question, progress, since, changedAt[quiz.id + "." + question.id])), state.interactions);
      // SCORM adapters number interactions: the count after these is kept in the course state.
      if (typeof written === "number") { state.interactions = written; }
    }
    report();
    render(false);
    section.querySelector("[data-result-heading]").focus();
  }

  /* One question per screen: the previous or next one. */
  function step(quiz, by) {
    state.progress(quiz).position += by;
    reportSoon();
    render(false);
    ns.focusQuestion(sectionOf(quiz), state.progress(quiz));
  }

  /* show_answers: after-each: judge one answered question now; its answer is then final. */
  function check(quiz, item) {
    const id = item.getAttribute("data-question");
    const progress = state.progress(quiz);
    const answered = !ns.unanswered(progress).some((question) => question.id === id);
    item.querySelector("[data-check-error]").hidden = answered;
    if (!answered) {
      ns.focusField(item);
      return;
    }
    progress.checked[id] = true;
    report();
    render(false);
    item.querySelector("[data-feedback]").focus();
  }

  function retry(quiz) {
    if (!state.canRetry(quiz)) { return; }
    state.retry(quiz);
    startedAt[quiz.id] = Date.now();
    report();
    render(true);
  }

  /* A quiz's controls act on the quiz on screen, the only one a learner can reach. */
  function onClick(event) {
    const button = event.target.closest("button");
    const quiz = state.currentQuiz();
    if (!button) { return; }
    if (button === previousButton) { go(ns.screens.showing() ? state.location : state.neighbour(-1)); }
    else if (button === nextButton) { go(state.neighbour(1)); }
    else if (button.matches("[data-go], [data-lock-go]")) { go(button.getAttribute("data-go") || button.getAttribute("data-lock-go")); }
    else if (button.hasAttribute("data-step")) { step(quiz, Number(button.getAttribute("data-step"))); }
    else if (button.hasAttribute("data-check")) { check(quiz, button.closest("[data-question]")); }
    else if (button.hasAttribute("data-retry")) { retry(quiz); }
  }

  /* Controls and page lifecycle are wired only once the LMS session has started. */
  function listen() {
    document.addEventListener("click", onClick);
    document.addEventListener("input", (event) => onAnswer(event, false));
    document.addEventListener("change", (event) => onAnswer(event, true));
    document.addEventListener("submit", (event) => {
      event.preventDefault();
      submit(state.currentQuiz());
    });
    document.addEventListener("visibilitychange", () => {
      if (document.visibilityState === "hidden" && pendingSave !== null) { report(); }
    });
    window.addEventListener("pagehide", () => {
      window.clearTimeout(pendingSave);
      pendingSave = null;
      adapter.finish(state.report(), state.serialize());
    });
  }

  connect().then((launch) => {
    ns.screens.start(Boolean(launch.suspendData) || state.isKnownLocation(launch.location), go, state);
    state.restore(launch.suspendData, launch.location);
    state.go(state.location);
    if (state.blocks) {
      state.blocks.start(state, () => {
        report();
        render(false);
      });
    }
    const quiz = state.currentQuiz();
    if (quiz) { startedAt[quiz.id] = Date.now(); }
    listen();
    report();
    render(false);
    document.getElementById("main").removeAttribute("aria-busy");
  });
})(window.CoursePackager = window.CoursePackager || {});
