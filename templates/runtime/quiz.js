/*
 * Quizzes on the page: arranging an attempt (drawn questions, their order, shuffled options),
 * reading and restoring answers through the question types, grading, feedback and the result,
 * and describing each answer as an interaction for the LMS.
 * Each question type registers itself in ns.questionTypes (see questions/*.js) with:
 * read(item), write(item, response), isCorrect(response, question),
 * encode(response, question), decode(payload, question) and learner(response, question).
 */
(function (ns) {
  "use strict";

  ns.questionTypes = ns.questionTypes || {};

  /* Reading and restoring a group of radio buttons, shared by question types built on them. */
  ns.radioGroup = {
    read: function (item) {
      var checked = item.querySelector("input:checked");
      return checked ? checked.value : null;
    },
    write: function (item, response) {
      item.querySelectorAll("input").forEach(function (input) { input.checked = input.value === response; });
    }
  };

  function typeOf(question) {
    var handler = ns.questionTypes[question.type];
    if (!handler) { throw new Error("No runtime for question type " + question.type); }
    return handler;
  }

  ns.itemFor = function (section, question) {
    return section.querySelector('[data-question="' + question.id + '"]');
  };

  /* Show this attempt's questions in its order, with options shuffled when asked for. */
  ns.arrangeAttempt = function (section, progress) {
    var quiz = progress.quiz;
    var list = section.querySelector(".questions");
    var asked = progress.askedQuestions();
    quiz.questions.forEach(function (question) {
      var item = ns.itemFor(section, question);
      var included = asked.indexOf(question) !== -1;
      item.hidden = !included;
      item.toggleAttribute("data-asked", included);
      item.querySelectorAll("input, select").forEach(function (control) { control.disabled = !included; });
    });
    asked.forEach(function (question, position) {
      var item = ns.itemFor(section, question);
      list.appendChild(item);
      item.querySelectorAll("[data-question-number]").forEach(function (number) {
        number.textContent = ns.t("quiz.question", { number: position + 1 });
      });
      var shuffled = item.querySelectorAll("[data-shuffle-item]");
      if (shuffled.length && (quiz.shuffleOptions || question.type === "sequencing")) {
        var parent = shuffled[0].parentNode;
        var salt = 100 + quiz.questions.indexOf(question);
        ns.seededShuffle(Array.prototype.slice.call(shuffled), progress.seed, salt).forEach(function (node) {
          parent.appendChild(node);
        });
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

  ns.unanswered = function (progress) {
    return progress.askedQuestions().filter(function (question) {
      return !progress.answers.hasOwnProperty(question.id);
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
