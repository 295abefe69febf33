/* Single choice: the response is the id of the one checked option. */
(function (ns) {
  "use strict";
  ns.questionTypes["single-choice"] = {
    read: ns.radioGroup.read,
    write: ns.radioGroup.write,
    isCorrect: function (response, question) { return response === question.key[0]; },
    encode: function (response, question) { return question.options.indexOf(response).toString(36); },
    decode: function (payload, question) { return question.options[parseInt(payload, 36)] || null; },
    learner: function (response) { return [response]; }
  };
})(window.CoursePackager);
