/* Multiple response: the response is the list of checked option ids, in option order. */
(function (ns) {
  "use strict";
  ns.questionTypes["multiple-response"] = {
    read: function (fieldset) {
      var ids = Array.prototype.map.call(fieldset.querySelectorAll("input:checked"), function (input) {
        return input.value;
      });
      return ids.length ? ids : null;
    },
    write: function (fieldset, response) {
      var chosen = Array.isArray(response) ? response : [];
      fieldset.querySelectorAll("input").forEach(function (input) { input.checked = chosen.indexOf(input.value) !== -1; });
    },
    isCorrect: function (response, key) {
      return Array.isArray(response) && response.length === key.length &&
        key.every(function (id) { return response.indexOf(id) !== -1; });
    }
  };
})(window.CoursePackager);
