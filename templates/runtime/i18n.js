/* Interface strings compiled into the page, with plural forms (plural.js) and number symbols. */
(function (ns) {
  "use strict";

  var i18n = JSON.parse(document.getElementById("course-data").textContent).i18n;

  ns.formatNumber = function (value) {
    return String(value).replace(".", i18n.decimal);
  };

  /* A percentage (85.5 -> "85,5 %" in French). */
  ns.formatPercent = function (value) {
    return i18n.percent[0] + ns.formatNumber(value) + i18n.percent[1];
  };

  function fill(text, values) {
    return text.replace(/\{(\w+)\}/g, function (whole, name) {
      if (!Object.prototype.hasOwnProperty.call(values, name)) { return whole; }
      var value = values[name];
      return typeof value === "number" ? ns.formatNumber(value) : String(value);
    });
  }

  function message(key, plural) {
    var text = i18n.strings[key];
    if (text === undefined || Array.isArray(text) !== plural) {
      throw new Error("No interface message " + key + (plural ? " with plural forms" : ""));
    }
    return text;
  }

  /* A message, its {name} placeholders filled in. */
  ns.t = function (key, values) {
    return fill(message(key, false), values || {});
  };

  /* A message with plural forms: the form the language uses for count. */
  ns.tn = function (key, count, values) {
    var forms = message(key, true);
    var all = { count: count };
    Object.keys(values || {}).forEach(function (name) { all[name] = values[name]; });
    return fill(forms[Math.min(ns.pluralForm(count), forms.length - 1)], all);
  };
})(window.CoursePackager = window.CoursePackager || {});
