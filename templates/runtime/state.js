/*
 * Course state: which lessons were viewed, where the learner is, the quiz answers and result.
 * Knows nothing about any LMS; adapters turn its report() into their own data model.
 */
(function (ns) {
  "use strict";

  var FORMAT_VERSION = 1;

  function CourseState(config) {
    this.config = config;
    this.sequence = config.lessons.map(function (lesson) { return "lesson:" + lesson.id; });
    if (config.quiz) { this.sequence.push("quiz"); }
    this.visited = config.lessons.map(function () { return false; });
    this.location = this.sequence[0];
    this.answers = {};
    this.submitted = false;
    this.correctCount = 0;
  }

  CourseState.prototype.lessonIndex = function (location) {
    return this.sequence.indexOf(location) < this.config.lessons.length
      ? this.sequence.indexOf(location) : -1;
  };

  CourseState.prototype.isKnownLocation = function (location) {
    return this.sequence.indexOf(location) !== -1 || (location === "results" && this.submitted);
  };

  /* Move to a location; returns true if anything changed. */
  CourseState.prototype.go = function (location) {
    if (!this.isKnownLocation(location)) { return false; }
    if (location === "quiz" && this.submitted) { location = "results"; }
    var changed = this.location !== location;
    this.location = location;
    var index = this.lessonIndex(location);
    if (index >= 0 && !this.visited[index]) {
      this.visited[index] = true;
      changed = true;
    }
    return changed;
  };

  CourseState.prototype.neighbour = function (step) {
    var current = this.location === "results" ? "quiz" : this.location;
    var index = this.sequence.indexOf(current) + step;
    return index >= 0 && index < this.sequence.length ? this.sequence[index] : null;
  };

  CourseState.prototype.setAnswer = function (questionId, response) {
    if (this.submitted) { return false; }
    if (response === null) { delete this.answers[questionId]; } else { this.answers[questionId] = response; }
    return true;
  };

  CourseState.prototype.submit = function (correctCount) {
    this.submitted = true;
    this.correctCount = correctCount;
    this.location = "results";
  };

  CourseState.prototype.allLessonsViewed = function () {
    return this.visited.every(Boolean);
  };

  /* A target-neutral summary of progress, completion, success and score. */
  CourseState.prototype.report = function () {
    var config = this.config;
    var questionCount = config.quiz ? config.quiz.questions.length : 0;
    var percent = null;
    var success = "unknown";
    if (config.quiz && this.submitted) {
      percent = Math.round((this.correctCount / questionCount) * 10000) / 100;
      success = this.correctCount * 100 >= config.course.masteryScore * questionCount ? "passed" : "failed";
    }
    var rule = config.course.completion;
    var lessonsDone = this.allLessonsViewed();
    var completed = rule === "lessons" ? lessonsDone
      : rule === "quiz" ? this.submitted
      : lessonsDone && this.submitted;
    var lessonsSeen = this.visited.filter(Boolean).length;
    var quizDone = this.submitted ? 1 : 0;
    var steps = this.visited.length + (config.quiz ? 1 : 0);
    var done = lessonsSeen + quizDone;
    // Progress toward what the completion rule requires: 1 exactly when completed.
    var required = rule === "lessons" ? [lessonsSeen, this.visited.length]
      : rule === "quiz" ? [quizDone, 1]
      : [done, steps];
    return {
      completed: completed,
      success: success,
      scorePercent: percent,
      scoreFraction: config.quiz && this.submitted ? this.correctCount / questionCount : null,
      progress: completed ? 1 : Math.floor((required[0] / required[1]) * 1000) / 1000,
      stepsDone: done,
      steps: steps,
      finished: completed && (!config.quiz || this.submitted),
      location: this.location
    };
  };

  /* Everything needed to resume, as a compact string for suspend_data. */
  CourseState.prototype.serialize = function () {
    var state = this;
    return JSON.stringify({
      v: FORMAT_VERSION,
      s: this.visited.map(function (seen) { return seen ? "1" : "0"; }).join(""),
      a: this.config.quiz ? this.config.quiz.questions.map(function (question) {
        return state.answers.hasOwnProperty(question.id) ? state.answers[question.id] : null;
      }) : [],
      q: this.submitted ? 1 : 0,
      c: this.correctCount
    });
  };

  /* Restore from serialize()'s output; ignores anything it does not recognise. */
  CourseState.prototype.restore = function (text, location) {
    var data;
    try { data = JSON.parse(text); } catch (error) { return false; }
    if (!data || data.v !== FORMAT_VERSION) { return false; }
    var state = this;
    String(data.s || "").split("").forEach(function (bit, index) {
      if (index < state.visited.length) { state.visited[index] = bit === "1"; }
    });
    if (this.config.quiz && Array.isArray(data.a)) {
      this.config.quiz.questions.forEach(function (question, index) {
        if (data.a[index] !== null && data.a[index] !== undefined) { state.answers[question.id] = data.a[index]; }
      });
      this.submitted = data.q === 1;
      this.correctCount = typeof data.c === "number" ? data.c : 0;
    }
    if (location && this.isKnownLocation(location)) { this.location = location; }
    return true;
  };

  ns.CourseState = CourseState;
})(window.CoursePackager = window.CoursePackager || {});
