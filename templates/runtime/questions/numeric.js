/* Numeric: the response is the typed number as text; right inside the key's range (inclusive). */
(function (ns) {
  "use strict";
  function parse(text) {
    var cleaned = String(text).trim().replace(",", ".");
    return /^[-+]?(\d+\.?\d*|\.\d+)([eE][-+]?\d+)?$/.test(cleaned) ? Number(cleaned) : NaN;
  }
  ns.questionTypes.numeric = {
    read: function (item) {
      var text = item.querySelector("input").value.trim();
      return text ? text.slice(0, 32) : null;
    },
    write: function (item, response) { item.querySelector("input").value = response || ""; },
    isCorrect: function (response, question) {
      var value = parse(response);
      var margin = 1e-9 * Math.max(1, Math.abs(question.key.min), Math.abs(question.key.max));
      return !isNaN(value) && value >= question.key.min - margin && value <= question.key.max + margin;
    },
    encode: function (response) { return response; },
    decode: function (payload) { return payload || null; },
    learner: function (response) {
      var value = parse(response);
      return isNaN(value) ? "" : String(value);
    }
  };
})(window.CoursePackager);
