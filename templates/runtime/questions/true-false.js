/* True/false: the response is "true" or "false". */
(function (ns) {
  "use strict";
  ns.questionTypes["true-false"] = {
    read: ns.radioGroup.read,
    write: ns.radioGroup.write,
    isCorrect: function (response, question) { return response === question.key; },
    encode: function (response) { return response === "true" ? "t" : "f"; },
    decode: function (payload) { return payload === "t" ? "true" : payload === "f" ? "false" : null; },
    learner: function (response) { return response; }
  };
})(window.CoursePackager);
