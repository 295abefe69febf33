/* Course state: pages viewed, where the learner is, each quiz's attempts, answers and result.
   Knows no LMS; adapters turn report() into their data model. */
(function (ns) {
  "use strict";

  const locationOf = (page) => page.kind + ":" + page.id;

  /* One quiz's current attempt: the seed decides the drawn questions and their order. */
  class QuizProgress {
    constructor(quiz, attempt, seed) {
      const order = quiz.questions.map((question, index) => index);
      const drawn = quiz.draw < order.length ? ns.seededShuffle(order, seed, 1).slice(0, quiz.draw) : order;
      this.quiz = quiz;
      this.attempt = attempt;
      this.seed = seed;
      this.answers = {};
      this.submitted = false;
      this.hasResult = false;
      this.correct = 0;
      this.position = 0; /* the question on screen (one per screen), in asked order */
      this.checked = {}; /* question id -> true once checked on its own (show_answers: after-each) */
      this.asked = !quiz.shuffleQuestions ? drawn.sort((a, b) => a - b)
        : drawn === order ? ns.seededShuffle(order, seed, 2) : drawn;
    }

    askedQuestions() {
      return this.asked.map((index) => this.quiz.questions[index]);
    }

    percent() {
      return Math.round((this.correct / this.asked.length) * 10000) / 100;
    }

    passed(masteryScore) {
      return this.hasResult && this.correct * 100 >= masteryScore * this.asked.length;
    }

    attemptsLeft() {
      return this.quiz.attempts === 0 ? Infinity : Math.max(0, this.quiz.attempts - this.attempt);
    }
  }

  class CourseState {
    constructor(config) {
      this.config = config;
      this.pages = config.pages;
      this.sequence = this.pages.map(locationOf);
      this.visited = this.pages.map(() => false);
      this.location = this.sequence[0];
      this.quizzes = {};
      /* Interactions written so far: the next goes at this index (Open edX answers _count with ""). */
      this.interactions = 0;
      this.assessment = this.pages.find((page) => page.kind === "quiz" && page.graded);
      this.blocks = ns.BlockProgress ? new ns.BlockProgress(this.pages) : null;
    }

    /* A lesson counts as viewed once visited and every block it must finish is finished. */
    viewed(index) {
      return this.visited[index] && (!this.blocks || this.blocks.finished(index));
    }

    newQuizProgress(quiz, attempt, seed) {
      return new QuizProgress(quiz, attempt, seed);
    }

    currentQuiz() {
      const page = this.pages[this.sequence.indexOf(this.location)];
      return page.kind === "quiz" ? page : null;
    }

    isKnownLocation(location) {
      return this.sequence.includes(location);
    }

    /* The quiz's current attempt, started on first visit. */
    progress(quiz) {
      if (!this.quizzes[quiz.id]) { this.quizzes[quiz.id] = new QuizProgress(quiz, 1, ns.newSeed()); }
      return this.quizzes[quiz.id];
    }

    /* Move to a location; returns true if anything changed. A page counts as visited once the
       learner moves on from it (the last page: once reached), not when it opens. */
    go(location) {
      const index = this.sequence.indexOf(location);
      if (index === -1) { return false; }
      const before = this.location + this.serialize();
      if (this.location !== location) { this.visited[this.sequence.indexOf(this.location)] = true; }
      this.location = location;
      if (index === this.sequence.length - 1) { this.visited[index] = true; }
      if (this.pages[index].kind === "quiz") { this.progress(this.pages[index]); }
      return before !== this.location + this.serialize();
    }

    neighbour(step) {
      return this.sequence[this.sequence.indexOf(this.location) + step] || null;
    }

    setAnswer(quiz, questionId, response) {
      const progress = this.progress(quiz);
      if (progress.submitted || progress.checked[questionId]) { return false; }
      const before = JSON.stringify(progress.answers[questionId]);
      if (response === null) { delete progress.answers[questionId]; } else { progress.answers[questionId] = response; }
      return before !== JSON.stringify(progress.answers[questionId]);
    }

    submit(quiz, correct) {
      const progress = this.progress(quiz);
      progress.submitted = true;
      progress.hasResult = true;
      progress.correct = correct;
    }

    canRetry(quiz) {
      const progress = this.quizzes[quiz.id];
      return Boolean(progress && progress.submitted && progress.attemptsLeft() > 0 &&
        (!quiz.graded || !progress.passed(this.config.course.masteryScore)));
    }

    /* A new attempt: a new seed, no answers; an earlier result stands until this one is submitted. */
    retry(quiz) {
      const previous = this.quizzes[quiz.id];
      const next = new QuizProgress(quiz, previous.attempt + 1, ns.newSeed());
      next.hasResult = previous.hasResult;
      next.correct = previous.correct;
      this.quizzes[quiz.id] = next;
    }

    /* A target-neutral summary of progress, completion, success and score. */
    report() {
      const lessons = this.pages.filter((page) => page.kind === "lesson").length;
      const seen = this.pages.filter((page, index) => page.kind === "lesson" && this.viewed(index)).length;
      const graded = this.assessment && this.quizzes[this.assessment.id];
      const decided = Boolean(graded && graded.hasResult);
      const passed = decided && graded.passed(this.config.course.masteryScore);
      // The completion rule counts the lessons viewed ("lessons"), the assessment decided ("quiz"), or both.
      const rule = this.config.course.completion;
      const needed = (rule === "quiz" ? 0 : lessons) + (rule === "lessons" ? 0 : 1);
      const reached = (rule === "quiz" ? 0 : seen) + (rule !== "lessons" && decided ? 1 : 0);
      const completed = reached === needed;
      return {
        completed: completed,
        success: !decided ? "unknown" : passed ? "passed" : "failed",
        scorePercent: decided ? graded.percent() : null,
        scoreFraction: decided ? graded.correct / graded.asked.length : null,
        progress: completed ? 1 : Math.floor((reached / needed) * 1000) / 1000,
        stepsDone: seen + Object.values(this.quizzes).filter((progress) => progress.hasResult).length,
        steps: this.pages.length,
        // Nothing left to do: no assessment, or its attempt submitted and passed or the last one.
        finished: completed && (!this.assessment || Boolean(graded && graded.submitted && (passed || !graded.attemptsLeft()))),
        location: this.location
      };
    }

    /* Lesson blocks' facts, if any, go first: "B" + hex digits (resume.js) + "~" + the rest. */
    serialize() {
      const blocks = this.blocks ? ns.bits(this.blocks.facts) : "";
      return (blocks ? "B" + blocks + "~" : "") + ns.encodeState(this);
    }

    /* Restore from serialize()'s output; ignores anything it does not recognise. */
    restore(text, location) {
      const tilde = typeof text === "string" && text.charAt(0) === "B" ? text.indexOf("~") : -1;
      if (tilde > 0 && this.blocks) {
        const facts = ns.unbits(text.slice(1, tilde));
        this.blocks.facts = this.blocks.facts.map((off, index) => Boolean(facts[index]));
      }
      const restored = ns.decodeState(this, tilde > 0 ? text.slice(tilde + 1) : text);
      if (this.isKnownLocation(location)) { this.location = location; }
      return restored;
    }
  }

  ns.CourseState = CourseState;
  ns.locationOf = locationOf;
})(window.CoursePackager = window.CoursePackager || {});
