/* Matching: the response maps each prompt id (a, b, ...) to the chosen match id (1, 2, ...). */
(function (ns) {
  "use strict";
  function prompts(question) { return Object.keys(question.key).sort(); }
  ns.questionTypes.matching = {
    read: function (item) {
      var response = {};
      var complete = true;
      item.querySelectorAll("select[data-prompt]").forEach(function (select) {
        if (select.value) { response[select.getAttribute("data-prompt")] = select.value; } else { complete = false; }
      });
      return complete ? response : null;
    },
    write: function (item, response) {
      item.querySelectorAll("select[data-prompt]").forEach(function (select) {
        select.value = (response && response[select.getAttribute("data-prompt")]) || "";
      });
    },
    isCorrect: function (response, question) {
      return prompts(question).every(function (id) { return response[id] === question.key[id]; });
    },
    encode: function (response, question) {
      return prompts(question).map(function (id) {
        return response[id] ? (Number(response[id]) - 1).toString(36) : "_";
      }).join("");
    },
    decode: function (payload, question) {
      var response = {};
      var ids = prompts(question);
      if (payload.length !== ids.length) { return null; }
      ids.forEach(function (id, index) {
        if (payload.charAt(index) !== "_") { response[id] = String(parseInt(payload.charAt(index), 36) + 1); }
      });
      return response;
    },
    learner: function (response, question) {
      return prompts(question).map(function (id) { return [id, response[id]]; });
    }
  };
})(window.CoursePackager);
