/* Course state: pages viewed, where the learner is, each quiz's attempts, answers and result.
   Knows no LMS; adapters turn report() into their data model. */
(function (ns) {
  "use strict";

  function locationOf(page) { return page.kind + ":" + page.id; }

  /* One quiz's current attempt: the seed decides the drawn questions and their order. */
  function QuizProgress(quiz, attempt, seed) {
    this.quiz = quiz;
    this.attempt = attempt;
    this.seed = seed;
    this.answers = {};
    this.submitted = false;
    this.hasResult = false;
    this.correct = 0;
    this.position = 0; /* the question on screen (one per screen), in asked order */
    this.checked = {}; /* question id -> true once checked on its own (show_answers: after-each) */
    var order = quiz.questions.map(function (question, index) { return index; });
    var drawn = quiz.draw < order.length ? ns.seededShuffle(order, seed, 1).slice(0, quiz.draw) : order;
    if (!quiz.shuffleQuestions) { drawn = drawn.slice().sort(function (a, b) { return a - b; }); }
    else if (quiz.draw >= order.length) { drawn = ns.seededShuffle(order, seed, 2); }
    this.asked = drawn;
  }

  QuizProgress.prototype.askedQuestions = function () {
    var quiz = this.quiz;
    return this.asked.map(function (index) { return quiz.questions[index]; });
  };

  QuizProgress.prototype.resultFlag = function () {
    return this.submitted ? 1 : this.hasResult ? 2 : 0;
  };

  QuizProgress.prototype.passed = function (masteryScore) {
    return this.hasResult && this.correct * 100 >= masteryScore * this.asked.length;
  };

  QuizProgress.prototype.attemptsLeft = function () {
    return this.quiz.attempts === 0 ? Infinity : Math.max(0, this.quiz.attempts - this.attempt);
  };

  function CourseState(config) {
    this.config = config;
    this.pages = config.pages;
    this.sequence = this.pages.map(locationOf);
    this.visited = this.pages.map(function () { return false; });
    this.location = this.sequence[0];
    this.quizzes = {};
    /* Interactions written so far: the next goes at this index (Open edX answers _count with ""). */
    this.interactions = 0;
    this.assessment = this.pages.filter(function (page) { return page.kind === "quiz" && page.graded; })[0] || null;
    this.blocks = ns.BlockProgress ? new ns.BlockProgress(this.pages) : null;
  }

  /* A lesson counts as viewed once visited and every block it must finish is finished. */
  CourseState.prototype.viewed = function (index) {
    return this.visited[index] && (!this.blocks || this.blocks.finished(index));
  };

  CourseState.prototype.newQuizProgress = function (quiz, attempt, seed) {
    return new QuizProgress(quiz, attempt, seed);
  };

  CourseState.prototype.page = function (location) {
    return this.pages[this.sequence.indexOf(location)] || null;
  };

  CourseState.prototype.isKnownLocation = function (location) {
    return this.sequence.indexOf(location) !== -1;
  };

  /* The quiz's current attempt, started on first visit. */
  CourseState.prototype.progress = function (quiz) {
    if (!this.quizzes[quiz.id]) { this.quizzes[quiz.id] = new QuizProgress(quiz, 1, ns.newSeed()); }
    return this.quizzes[quiz.id];
  };

  /* Move to a location; returns true if anything changed. A page counts as visited once the
     learner moves on from it (the last page: once reached), not when it opens. */
  CourseState.prototype.go = function (location) {
    var index = this.sequence.indexOf(location);
    if (index === -1) { return false; }
    var left = this.sequence.indexOf(this.location);
    var last = index === this.sequence.length - 1;
    var changed = this.location !== location || (last && !this.visited[index]);
    if (this.location !== location && !this.visited[left]) { this.visited[left] = changed = true; }
    this.location = location;
    if (last) { this.visited[index] = true; }
    if (this.pages[index].kind === "quiz" && !this.quizzes[this.pages[index].id]) {
      this.progress(this.pages[index]);
      changed = true;
    }
    return changed;
  };

  CourseState.prototype.neighbour = function (step) {
    var index = this.sequence.indexOf(this.location) + step;
    return index >= 0 && index < this.sequence.length ? this.sequence[index] : null;
  };

  CourseState.prototype.setAnswer = function (quiz, questionId, response) {
    var progress = this.progress(quiz);
    if (progress.submitted || progress.checked[questionId]) { return false; }
    var before = JSON.stringify(progress.answers[questionId]);
    if (response === null) { delete progress.answers[questionId]; } else { progress.answers[questionId] = response; }
    return before !== JSON.stringify(progress.answers[questionId]);
  };

  CourseState.prototype.submit = function (quiz, correct) {
    var progress = this.progress(quiz);
    progress.submitted = true;
    progress.hasResult = true;
    progress.correct = correct;
  };

  CourseState.prototype.canRetry = function (quiz) {
    var progress = this.quizzes[quiz.id];
    if (!progress || !progress.submitted || progress.attemptsLeft() === 0) { return false; }
    return !quiz.graded || !progress.passed(this.config.course.masteryScore);
  };

  /* A new attempt: a new seed, no answers; an earlier result stands until this one is submitted. */
  CourseState.prototype.retry = function (quiz) {
    var previous = this.quizzes[quiz.id];
    var next = new QuizProgress(quiz, previous.attempt + 1, ns.newSeed());
    next.hasResult = previous.hasResult;
    next.correct = previous.correct;
    this.quizzes[quiz.id] = next;
    return next;
  };

  /* A target-neutral summary of progress, completion, success and score. */
  CourseState.prototype.report = function () {
    var state = this;
    var mastery = this.config.course.masteryScore;
    var lessonIndexes = [];
    this.pages.forEach(function (page, index) { if (page.kind === "lesson") { lessonIndexes.push(index); } });
    var lessonsSeen = lessonIndexes.filter(function (index) { return state.viewed(index); }).length;
    var graded = this.assessment ? this.quizzes[this.assessment.id] : null;
    var decided = Boolean(graded && graded.hasResult);
    var percent = null;
    var fraction = null;
    var success = "unknown";
    if (decided) {
      fraction = graded.correct / graded.asked.length;
      percent = Math.round(fraction * 10000) / 100;
      success = graded.passed(mastery) ? "passed" : "failed";
    }
    var rule = this.config.course.completion;
    var lessonsDone = lessonsSeen === lessonIndexes.length;
    var completed = rule === "lessons" ? lessonsDone : rule === "quiz" ? decided : lessonsDone && decided;
    // Progress toward what the completion rule requires: 1 exactly when completed.
    var required = rule === "lessons" ? [lessonsSeen, lessonIndexes.length]
      : rule === "quiz" ? [decided ? 1 : 0, 1]
      : [lessonsSeen + (decided ? 1 : 0), lessonIndexes.length + 1];
    var retryLeft = Boolean(graded && success === "failed" && graded.attemptsLeft() > 0);
    var retrying = Boolean(graded && graded.hasResult && !graded.submitted);
    var stepsDone = this.pages.filter(function (page, index) {
      if (page.kind === "lesson") { return state.viewed(index); }
      return Boolean(state.quizzes[page.id] && state.quizzes[page.id].hasResult);
    }).length;
    return {
      completed: completed,
      success: success,
      scorePercent: percent,
      scoreFraction: fraction,
      progress: completed ? 1 : Math.floor((required[0] / required[1]) * 1000) / 1000,
      stepsDone: stepsDone,
      steps: this.pages.length,
      finished: completed && (!this.assessment || (decided && !retryLeft && !retrying)),
      location: this.location
    };
  };

  /* Lesson blocks' facts, if any, go first: "B" + hex digits + "~" + the rest (resume.js). */
  CourseState.prototype.serialize = function () {
    var blocks = this.blocks ? this.blocks.encode() : "";
    return (blocks ? "B" + blocks + "~" : "") + ns.encodeState(this);
  };

  /* Restore from serialize()'s output; ignores anything it does not recognise. */
  CourseState.prototype.restore = function (text, location) {
    var tilde = typeof text === "string" && text.charAt(0) === "B" ? text.indexOf("~") : -1;
    if (tilde > 0 && this.blocks) { this.blocks.decode(text.slice(1, tilde)); }
    var restored = ns.decodeState(this, tilde > 0 ? text.slice(tilde + 1) : text);
    if (location && this.isKnownLocation(location)) { this.location = location; }
    return restored;
  };

  ns.CourseState = CourseState;
  ns.locationOf = locationOf;
})(window.CoursePackager = window.CoursePackager || {});
