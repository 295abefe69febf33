/* Quizzes: the attempt's questions in order, answers through the question types, grading and the
   interaction records. A type sets ns.questionTypes[type] (read, write, isCorrect, encode, decode,
   learner; complete if a response can be partial), or calls ns.addQuestionType for the defaults. */
(function (ns) {
  "use strict";

  ns.questionTypes = ns.questionTypes || {};

  /* An answer in form fields (ns.radioGroup before): the typed text, the checked radio button's
     value or the checked boxes'. */
  ns.fields = ns.radioGroup = {
    read: function (item) {
      var text = item.querySelector("input[type=text]");
      var ids = Array.from(item.querySelectorAll("input:checked"), function (input) { return input.value; });
      if (text) { return text.value.trim().slice(0, text.maxLength) || null; }
      return !ids.length ? null : item.querySelector("[type=radio]") ? ids[0] : ids;
    },
    write: function (item, response) {
      item.querySelectorAll("input").forEach(function (input) {
        if (input.type === "text") { input.value = response || ""; }
        else { input.checked = [].concat(response).indexOf(input.value) !== -1; }
      });
    }
  };

  function same(response) { return response; }

  /* Left out: the answer is in the fields, kept and reported as it is. */
  ns.addQuestionType = function (name, type) {
    ns.questionTypes[name] = Object.assign({
      read: ns.fields.read, write: ns.fields.write, encode: same, learner: same,
      decode: function (payload) { return payload || null; }
    }, type);
  };

  /* Ids as their places in a list, one base-36 digit each; and back (null if one is unknown). */
  ns.toDigits = function (ids, list) {
    return ids.map(function (id) { return list.indexOf(id).toString(36); }).join("");
  };
  ns.fromDigits = function (text, list) {
    var ids = text.split("").map(function (digit) { return list[parseInt(digit, 36)]; });
    return ids.length && ids.every(Boolean) ? ids : null;
  };

  function typeOf(question) { return ns.questionTypes[question.type]; }

  ns.itemFor = function (section, question) {
    return section.querySelector('[data-question="' + question.id + '"]');
  };

  /* This attempt's questions in its order, numbered, with options shuffled when asked for. */
  ns.arrangeAttempt = function (section, progress) {
    var quiz = progress.quiz;
    var asked = progress.askedQuestions();
    quiz.questions.forEach(function (question, index) {
      var item = ns.itemFor(section, question);
      var shuffled = Array.from(item.querySelectorAll("[data-shuffle-item]"));
      var position = asked.indexOf(question);
      item.hidden = position < 0;
      item.toggleAttribute("data-asked", position >= 0);
      item.querySelector("[data-question-number]").textContent = ns.t("quiz.question", { number: position + 1 });
      if (quiz.shuffleOptions || question.type === "sequencing") {
        ns.seededShuffle(shuffled, progress.seed, 100 + index).forEach(function (node) { node.parentNode.appendChild(node); });
      }
    });
    asked.forEach(function (question) { section.querySelector(".questions").appendChild(ns.itemFor(section, question)); });
  };

  ns.readAnswer = function (item, question) {
    return typeOf(question).read(item);
  };

  ns.showAnswer = function (item, question, response) {
    typeOf(question).write(item, response);
  };

  ns.isCorrect = function (question, response) {
    return response != null && typeOf(question).isCorrect(response, question);
  };

  /* Questions without an answer, or with one incomplete (a matching question half done). */
  ns.unanswered = function (progress) {
    return progress.askedQuestions().filter(function (question) {
      var response = progress.answers[question.id];
      var complete = typeOf(question).complete;
      return response === undefined || (complete && !complete(response, question));
    });
  };

  ns.countCorrect = function (progress) {
    return progress.askedQuestions().filter(function (question) {
      return ns.isCorrect(question, progress.answers[question.id]);
    }).length;
  };

  /* The standard-neutral interaction record of one answered question. */
  ns.interactionFor = function (quiz, question, progress, startedAt, changedAt) {
    var response = progress.answers[question.id];
    var at = changedAt || Date.now();
    return {
      id: quiz.id + "." + question.id,
      type: question.interaction.type,
      description: question.description,
      correct: question.interaction.correct,
      caseMatters: Boolean(question.interaction.caseMatters),
      learner: typeOf(question).learner(response, question),
      result: ns.isCorrect(question, response) ? "correct" : "wrong",
      weighting: quiz.graded ? 1 : 0,
      latency: Math.max(0, at - startedAt),
      timestamp: new Date(at)
    };
  };
})(window.CoursePackager = window.CoursePackager || {});
