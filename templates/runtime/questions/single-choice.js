/* Single choice: the response is the id of the one checked option. */
(function (ns) {
  "use strict";
  ns.questionTypes["single-choice"] = {
    read: ns.radioGroup.read,
    write: ns.radioGroup.write,
    isCorrect: function (response, key) { return response === key[0]; }
  };
})(window.CoursePackager);
