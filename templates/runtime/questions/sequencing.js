/* Sequencing: the response lists the item ids in the order the learner gave them positions. */
(function (ns) {
  "use strict";
  ns.questionTypes.sequencing = {
    read: function (item) {
      var selects = Array.prototype.slice.call(item.querySelectorAll("select[data-item]"));
      var byPosition = [];
      selects.forEach(function (select) {
        if (select.value) { byPosition[Number(select.value) - 1] = select.getAttribute("data-item"); }
      });
      var complete = byPosition.length === selects.length && selects.every(function (select, index) {
        return Boolean(byPosition[index]);
      });
      return complete ? byPosition : null;
    },
    write: function (item, response) {
      item.querySelectorAll("select[data-item]").forEach(function (select) {
        var position = Array.isArray(response) ? response.indexOf(select.getAttribute("data-item")) : -1;
        select.value = position === -1 ? "" : String(position + 1);
      });
    },
    isCorrect: function (response, question) {
      return response.join(",") === question.key.join(",");
    },
    encode: function (response, question) {
      return response.map(function (id) { return question.key.indexOf(id).toString(36); }).join("");
    },
    decode: function (payload, question) {
      var ids = payload.split("").map(function (digit) { return question.key[parseInt(digit, 36)]; });
      return ids.length === question.key.length && ids.every(Boolean) ? ids : null;
    },
    learner: function (response) { return response; }
  };
})(window.CoursePackager);
