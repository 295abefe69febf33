/*
 * Quiz: reads answers from the form through the registered question types and grades them.
 * Each question type registers itself in ns.questionTypes (see questions/*.js).
 */
(function (ns) {
  "use strict";

  ns.questionTypes = ns.questionTypes || {};

  /* Reading and restoring a group of radio buttons, shared by question types built on them. */
  ns.radioGroup = {
    read: function (fieldset) {
      var checked = fieldset.querySelector("input:checked");
      return checked ? checked.value : null;
    },
    write: function (fieldset, response) {
      fieldset.querySelectorAll("input").forEach(function (input) { input.checked = input.value === response; });
    }
  };

  function typeOf(question) {
    var handler = ns.questionTypes[question.type];
    if (!handler) { throw new Error("No runtime for question type " + question.type); }
    return handler;
  }

  function fieldsetFor(form, question) {
    return form.querySelector('[data-question="' + question.id + '"]');
  }

  ns.readAnswer = function (form, question) {
    return typeOf(question).read(fieldsetFor(form, question));
  };

  ns.showAnswer = function (form, question, response) {
    typeOf(question).write(fieldsetFor(form, question), response);
  };

  ns.isCorrect = function (question, response) {
    return response !== null && response !== undefined && typeOf(question).isCorrect(response, question.key);
  };

  ns.unanswered = function (quiz, answers) {
    return quiz.questions.filter(function (question) { return !answers.hasOwnProperty(question.id); });
  };

  ns.countCorrect = function (quiz, answers) {
    return quiz.questions.filter(function (question) { return ns.isCorrect(question, answers[question.id]); }).length;
  };
})(window.CoursePackager = window.CoursePackager || {});
