/* Compact suspend_data; packager/resume.py proves at build time that its longest form fits the target.
   "4" + visited pages (hex) + "|" + interactions written (base 36) + per started quiz: index, attempt (2),
   seed (6), result flag (0 none, 1 submitted, 2 an earlier attempt's), correct, question on screen,
   checked questions (hex), and per asked question "_" or len(payload) in base 36 + ":" + payload.
   Formats "3" (no question on screen, no checked ones) and "2" (also no count) are still read. */
(function (ns) {
  "use strict";

  const MAX_ATTEMPT = 1295;
  const pad = (value, size) => value.toString(36).padStart(size, "0");
  const digits = (value) => Math.max(0, value).toString(36).length;
  const quizPages = (config) => config.pages.filter((page) => page.kind === "quiz");
  /* The most interactions a course can write: every asked question, in every encodable attempt. */
  const mostInteractions = (quizzes) => quizzes.reduce((total, quiz) => total + quiz.draw * MAX_ATTEMPT, 0);

  /* On/off facts as hex digits, 4 a digit, and back (lesson blocks' facts too). */
  ns.bits = function (flags) {
    let text = "";
    for (let start = 0; start < flags.length; start += 4) {
      text += (flags[start] | (flags[start + 1] << 1) | (flags[start + 2] << 2) | (flags[start + 3] << 3)).toString(16);
    }
    return text;
  };
  ns.unbits = (text) => Array.from({ length: text.length * 4 }, (unused, at) => Boolean((parseInt(text.charAt(at >> 2), 16) >> (at % 4)) & 1));

  ns.encodeState = function (state) {
    const quizzes = quizPages(state.config);
    const most = mostInteractions(quizzes);
    return "4" + ns.bits(state.visited) + "|" + pad(Math.min(state.interactions, most), digits(most)) + quizzes.map((quiz, index) => {
      const progress = state.quizzes[quiz.id];
      if (!progress) { return ""; }
      const asked = progress.askedQuestions();
      return pad(index, digits(quizzes.length - 1)) + pad(Math.min(progress.attempt, MAX_ATTEMPT), 2) +
        pad(progress.seed, 6) + (progress.submitted ? 1 : progress.hasResult ? 2 : 0) + pad(progress.correct, digits(quiz.draw)) +
        pad(progress.position, digits(quiz.draw - 1)) + ns.bits(asked.map((question) => progress.checked[question.id])) +
        asked.map((question) => {
          if (!progress.answers.hasOwnProperty(question.id)) { return "_"; }
          const payload = ns.questionTypes[question.type].encode(progress.answers[question.id], question);
          return payload.length.toString(36) + ":" + payload;
        }).join("");
    }).join("");
  };

  /* Apply encoded data to a fresh state; returns false (leaving it fresh) if it does not fit the course. */
  ns.decodeState = function (state, text) {
    if (!/^[234][0-9a-f]*\|/.test(text)) { return false; }
    const quizzes = quizPages(state.config);
    const format = text.charAt(0);
    const restored = {};
    let cursor = text.indexOf("|") + 1;
    let interactions = 0;
    function take(size) {
      const piece = text.slice(cursor, cursor + size);
      if (piece.length !== size) { throw new Error("truncated"); }
      cursor += size;
      return piece;
    }
    function number(size) {
      const piece = take(size);
      if (!/^[0-9a-z]+$/.test(piece)) { throw new Error("not a number"); }
      return parseInt(piece, 36);
    }
    try {
      if (format !== "2") { interactions = number(digits(mostInteractions(quizzes))); }
      while (cursor < text.length) {
        const quiz = quizzes[number(digits(quizzes.length - 1))];
        if (!quiz) { return false; }
        const progress = state.newQuizProgress(quiz, number(2), number(6));
        const flag = take(1);
        progress.submitted = flag === "1";
        progress.hasResult = flag !== "0";
        progress.correct = number(digits(quiz.draw));
        let checked = [];
        if (format === "4") {
          progress.position = number(digits(quiz.draw - 1));
          checked = ns.unbits(take(Math.ceil(quiz.draw / 4)));
        }
        progress.askedQuestions().forEach((question, at) => {
          if (text.charAt(cursor) === "_") {
            cursor += 1;
            return;
          }
          const size = number(text.indexOf(":", cursor) - cursor);
          cursor += 1;
          const response = ns.questionTypes[question.type].decode(take(size), question);
          if (response !== null) { progress.answers[question.id] = response; }
          if (checked[at]) { progress.checked[question.id] = true; }
        });
        restored[quiz.id] = progress;
      }
    } catch (error) {
      return false;
    }
    const visited = ns.unbits(text.slice(1, text.indexOf("|")));
    state.visited = state.visited.map((seen, index) => Boolean(visited[index]));
    state.quizzes = restored;
    state.interactions = interactions;
    return true;
  };
})(window.CoursePackager = window.CoursePackager || {});
