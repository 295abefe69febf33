/* Quizzes on the page: the attempt's questions and options in order, answers read and shown through
   the question types, grading, and each answer as an interaction record for the LMS.
   A question type (questions/*.js) sets ns.questionTypes[type] to read(item), write(item, response),
   isCorrect(response, question), encode(response, question), decode(payload, question) and
   learner(response, question), or registers with ns.addQuestionType, which gives the defaults. */
(function (ns) {
  "use strict";

  ns.questionTypes = ns.questionTypes || {};

  /* An answer in form fields: the typed text, the checked radio button's value or the checked boxes'. */
  ns.fields = {
    read: function (item) {
      var text = item.querySelector("input[type=text]");
      if (text) { return text.value.trim().slice(0, text.maxLength) || null; }
      var ids = Array.prototype.map.call(item.querySelectorAll("input:checked"), function (input) { return input.value; });
      return !ids.length ? null : item.querySelector("[type=radio]") ? ids[0] : ids;
    },
    write: function (item, response) {
      item.querySelectorAll("input").forEach(function (input) {
        if (input.type === "text") { input.value = response || ""; }
        else { input.checked = [].concat(response).indexOf(input.value) !== -1; }
      });
    }
  };
  ns.radioGroup = ns.fields; /* its name in plug-ins written before */

  function same(response) { return response; }

  /* Left out: the answer is in the fields, kept and reported as it is, complete once given. */
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

  /* Show this attempt's questions in its order, numbered, with options shuffled when asked for. */
  ns.arrangeAttempt = function (section, progress) {
    var quiz = progress.quiz;
    var asked = progress.askedQuestions();
    quiz.questions.forEach(function (question) {
      var item = ns.itemFor(section, question);
      item.hidden = asked.indexOf(question) < 0;
      item.toggleAttribute("data-asked", !item.hidden);
    });
    asked.forEach(function (question, position) {
      var item = ns.itemFor(section, question);
      var shuffled = item.querySelectorAll("[data-shuffle-item]");
      section.querySelector(".questions").appendChild(item);
      item.querySelector("[data-question-number]").textContent = ns.t("quiz.question", { number: position + 1 });
      if (shuffled.length && (quiz.shuffleOptions || question.type === "sequencing")) {
        ns.seededShuffle(Array.prototype.slice.call(shuffled), progress.seed, 100 + quiz.questions.indexOf(question))
          .forEach(function (node) { node.parentNode.appendChild(node); });
      }
    });
  };

  ns.readAnswer = function (item, question) {
    return typeOf(question).read(item);
  };

  ns.showAnswer = function (item, question, response) {
    typeOf(question).write(item, response === undefined ? null : response);
  };

  ns.isCorrect = function (question, response) {
    return response !== null && response !== undefined && typeOf(question).isCorrect(response, question);
  };

  /* Questions without an answer, or with one the type calls incomplete (a matching half done). */
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
    return {
      id: quiz.id + "." + question.id,
      type: question.interaction.type,
      description: question.description,
      correct: question.interaction.correct,
      caseMatters: Boolean(question.interaction.caseMatters),
      learner: typeOf(question).learner(response, question),
      result: ns.isCorrect(question, response) ? "correct" : "wrong",
      weighting: quiz.graded ? 1 : 0,
      latency: Math.max(0, (changedAt || Date.now()) - startedAt),
      timestamp: new Date(changedAt || Date.now())
    };
  };
})(window.CoursePackager = window.CoursePackager || {});
