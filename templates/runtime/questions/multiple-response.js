/* Multiple response: the response is the list of checked option ids, in option order. */
(function (ns) {
  "use strict";
  ns.questionTypes["multiple-response"] = {
    read: function (item) {
      var ids = Array.prototype.map.call(item.querySelectorAll("input:checked"), function (input) {
        return input.value;
      });
      return ids.length ? ids : null;
    },
    write: function (item, response) {
      var chosen = Array.isArray(response) ? response : [];
      item.querySelectorAll("input").forEach(function (input) { input.checked = chosen.indexOf(input.value) !== -1; });
    },
    isCorrect: function (response, question) {
      return response.length === question.key.length &&
        question.key.every(function (id) { return response.indexOf(id) !== -1; });
    },
    encode: function (response, question) {
      return response.map(function (id) { return question.options.indexOf(id).toString(36); }).join("");
    },
    decode: function (payload, question) {
      var ids = payload.split("").map(function (digit) { return question.options[parseInt(digit, 36)]; });
      return ids.length && ids.every(Boolean) ? ids : null;
    },
    learner: function (response, question) {
      return question.options.filter(function (id) { return response.indexOf(id) !== -1; });
    }
  };
})(window.CoursePackager);
