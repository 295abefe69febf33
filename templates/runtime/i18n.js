/* Interface strings compiled into the page, with plural forms (plural.js) and number symbols. */
(function (ns) {
  "use strict";

  const i18n = JSON.parse(document.getElementById("course-data").textContent).i18n;

  ns.formatNumber = (value) => String(value).replace(".", i18n.decimal);

  /* A percentage (85.5 -> "85,5 %" in French). */
  ns.formatPercent = (value) => i18n.percent[0] + ns.formatNumber(value) + i18n.percent[1];

  /* A message, its {name} placeholders filled in; a message with plural forms is a list of them. */
  function fill(key, plural, values) {
    const text = i18n.strings[key];
    if (Array.isArray(text) !== plural) { throw new Error("No interface message " + key); }
    const form = plural ? text[Math.min(ns.pluralForm(values.count), text.length - 1)] : text;
    return form.replace(/\{(\w+)\}/g, (whole, name) => {
      const value = values[name];
      return value === undefined ? whole : typeof value === "number" ? ns.formatNumber(value) : String(value);
    });
  }

  ns.t = (key, values) => fill(key, false, values || {});

  /* A message with plural forms: the form the language uses for count. */
  ns.tn = (key, count, values) => fill(key, true, Object.assign({ count: count }, values));
})(window.CoursePackager = window.CoursePackager || {});
