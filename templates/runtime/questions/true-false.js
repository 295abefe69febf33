/* True/false: the response is "true" or "false". */
(function (ns) {
  "use strict";
  ns.questionTypes["true-false"] = {
    read: ns.radioGroup.read,
    write: ns.radioGroup.write,
    isCorrect: function (response, key) { return response === key; }
  };
})(window.CoursePackager);
