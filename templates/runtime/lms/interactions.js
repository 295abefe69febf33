/* Interactions in each standard's syntax, from quiz.js's neutral entries (xAPI uses 2004's). */
(function (ns) {
  "use strict";

  var SYNTAX = {
    scorm12: { list: ",", pair: ".", range: null, yes: "t", no: "f", wrong: "wrong", caseFlag: false, textLimit: 255 },
    scorm2004: { list: "[,]", pair: "[.]", range: "[:]", yes: "true", no: "false", wrong: "incorrect", caseFlag: true, textLimit: 250 }
  };
  SYNTAX.xapi = SYNTAX.scorm2004;

  function number(value) { return String(Math.round(value * 1e7) / 1e7); }

  function pattern(syntax, type, value, caseMatters) {
    switch (type) {
      case "choice":
      case "sequencing":
        return value.join(syntax.list);
      case "true-false":
        return value === "true" ? syntax.yes : syntax.no;
      case "matching":
        return value.map(function (pair) { return pair.join(syntax.pair); }).join(syntax.list);
      case "numeric":
        if (typeof value === "string") { return value; }
        return syntax.range ? number(value.min) + syntax.range + number(value.max) : number((value.min + value.max) / 2);
      default: /* fill-in */
        var text = String(value).slice(0, syntax.textLimit);
        return caseMatters && syntax.caseFlag ? "{case_matters=true}" + text : text;
    }
  }

  /* { correct: [patterns], learner: value, result: value } for one interaction in one standard. */
  ns.formatInteraction = function (standard, entry) {
    var syntax = SYNTAX[standard];
    return {
      correct: entry.correct.map(function (value) { return pattern(syntax, entry.type, value, entry.caseMatters); }),
      learner: pattern(syntax, entry.type, entry.learner, false),
      result: entry.result === "correct" ? "correct" : syntax.wrong
    };
  };
})(window.CoursePackager = window.CoursePackager || {});
