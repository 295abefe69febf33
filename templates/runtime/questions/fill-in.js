/* Fill-in: the response is the typed text; compared with spaces collapsed, case ignored unless asked. */
(function (ns) {
  "use strict";
  function normalize(text, caseSensitive) {
    var collapsed = text.split(/\s+/).filter(Boolean).join(" ");
    return caseSensitive ? collapsed : collapsed.toLowerCase();
  }
  ns.questionTypes["fill-in"] = {
    read: function (item) {
      var text = item.querySelector("input").value;
      return text.trim() ? text.slice(0, 255) : null;
    },
    write: function (item, response) { item.querySelector("input").value = response || ""; },
    isCorrect: function (response, question) {
      return question.key.answers.indexOf(normalize(response, question.key.caseSensitive)) !== -1;
    },
    encode: function (response) { return response; },
    decode: function (payload) { return payload || null; },
    learner: function (response) { return response; }
  };
})(window.CoursePackager);
