/* Compact suspend_data; packager/resume.py proves at build time that its longest form fits the target.
   "4" + visited pages (hex) + "|" + interactions written (base 36) + per started quiz: index, attempt (2),
   seed (6), result flag (0 none, 1 submitted, 2 an earlier attempt's), correct, question on screen,
   checked questions (hex), and per asked question "_" or len(payload) in base 36 + ":" + payload.
   Formats "3" (no question on screen, no checked ones) and "2" (also no count) are still read. */
(function (ns) {
  "use strict";

  var VERSION = "4";
  var OLDER = "23";
  var MAX_ATTEMPT = 1295;

  function width(value) { return Math.max(1, value.toString(36).length); }
  function pad(value, size) {
    var text = value.toString(36);
    while (text.length < size) { text = "0" + text; }
    return text;
  }

  /* On/off facts as hex digits, 4 a digit (and back). */
  function bits(flags) {
    var text = "";
    for (var start = 0; start < flags.length; start += 4) {
      var nibble = 0;
      for (var bit = 0; bit < 4; bit++) { if (flags[start + bit]) { nibble |= 1 << bit; } }
      text += nibble.toString(16);
    }
    return text;
  }
  function unbits(text) {
    var flags = [];
    text.split("").forEach(function (digit) {
      var nibble = parseInt(digit, 16);
      for (var bit = 0; bit < 4; bit++) { flags.push(Boolean(nibble & (1 << bit))); }
    });
    return flags;
  }

  function quizPages(config) {
    return config.pages.filter(function (page) { return page.kind === "quiz"; });
  }

  /* The most interactions a course can write: every asked question, in every encodable attempt. */
  function maxInteractions(quizzes) {
    return quizzes.reduce(function (total, quiz) { return total + quiz.draw * MAX_ATTEMPT; }, 0);
  }

  ns.encodeState = function (state) {
    var config = state.config;
    var quizzes = quizPages(config);
    var visited = bits(state.visited);
    var blocks = quizzes.map(function (quiz, index) {
      var progress = state.quizzes[quiz.id];
      if (!progress) { return ""; }
      var answers = progress.asked.map(function (questionIndex) {
        var question = quiz.questions[questionIndex];
        if (!progress.answers.hasOwnProperty(question.id)) { return "_"; }
        var payload = ns.questionTypes[question.type].encode(progress.answers[question.id], question);
        return payload.length.toString(36) + ":" + payload;
      }).join("");
      var checked = bits(progress.askedQuestions().map(function (question) { return progress.checked[question.id]; }));
      return pad(index, width(Math.max(quizzes.length - 1, 0))) + pad(Math.min(progress.attempt, MAX_ATTEMPT), 2) +
        pad(progress.seed, 6) + String(progress.resultFlag()) + pad(progress.correct, width(quiz.draw)) +
        pad(progress.position, width(quiz.draw - 1)) + checked + answers;
    });
    var most = maxInteractions(quizzes);
    return VERSION + visited + "|" + pad(Math.min(state.interactions, most), width(most)) + blocks.join("");
  };

  /* Apply encoded data to a fresh state; returns false (leaving it fresh) if it does not fit the course. */
  ns.decodeState = function (state, text) {
    var format = typeof text === "string" ? text.charAt(0) : "";
    if (!format || (format !== VERSION && OLDER.indexOf(format) === -1)) { return false; }
    var config = state.config;
    var quizzes = quizPages(config);
    var bar = text.indexOf("|");
    if (bar < 0) { return false; }
    var visited = unbits(text.slice(1, bar));
    var cursor = bar + 1;
    var restored = {};
    var interactions = 0;
    function take(size) {
      var piece = text.slice(cursor, cursor + size);
      if (piece.length !== size) { throw new Error("truncated"); }
      cursor += size;
      return piece;
    }
    try {
      if (format !== "2") {
        var counted = take(width(maxInteractions(quizzes)));
        if (!/^[0-9a-z]+$/.test(counted)) { return false; }
        interactions = parseInt(counted, 36);
      }
      while (cursor < text.length) {
        var quiz = quizzes[parseInt(take(width(Math.max(quizzes.length - 1, 0))), 36)];
        if (!quiz) { return false; }
        var progress = state.newQuizProgress(quiz, parseInt(take(2), 36), parseInt(take(6), 36));
        var flag = Number(take(1));
        progress.correct = parseInt(take(width(quiz.draw)), 36);
        progress.submitted = flag === 1;
        progress.hasResult = flag !== 0;
        var checked = [];
        if (format === VERSION) {
          progress.position = parseInt(take(width(quiz.draw - 1)), 36);
          checked = unbits(take(Math.ceil(quiz.draw / 4)));
        }
        progress.asked.forEach(function (questionIndex) {
          var question = quiz.questions[questionIndex];
          if (text.charAt(cursor) === "_") { cursor += 1; return; }
          var colon = text.indexOf(":", cursor);
          if (colon < 0) { throw new Error("bad answer"); }
          var size = parseInt(text.slice(cursor, colon), 36);
          cursor = colon + 1;
          var response = ns.questionTypes[question.type].decode(take(size), question);
          if (response !== null) { progress.answers[question.id] = response; }
          if (checked[progress.asked.indexOf(questionIndex)]) { progress.checked[question.id] = true; }
        });
        restored[quiz.id] = progress;
      }
    } catch (error) {
      return false;
    }
    state.visited = state.visited.map(function (seen, index) { return Boolean(visited[index]); });
    state.quizzes = restored;
    state.interactions = interactions;
    return true;
  };
})(window.CoursePackager = window.CoursePackager || {});
