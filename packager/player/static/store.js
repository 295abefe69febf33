/*
 * What the test LMS keeps between launches, in localStorage (so it survives reloads):
 *   test-lms:record   the learner's record: {launches, standard, profile, cmi, lastEvent, commits, complete}
 *   test-lms:log      every API call: {launch, call, kind, args, result, error, errorText, violation?, rule?, quirk?}
 *                     (kind: initialize, finish, getValue, setValue or commit, whatever the standard's names)
 *   test-lms:server   the id of the server that wrote them: a new server starts with a clean LMS.
 * Writes are synchronous, so a call made while the content unloads is still kept.
 */
(function (ns) {
  "use strict";

  var PREFIX = "test-lms:";
  var NAMES = ["record", "log", "server"];

  ns.store = {
    load: function (name, fallback) {
      try {
        var value = JSON.parse(localStorage.getItem(PREFIX + name));
        return value === null ? fallback : value;
      } catch (error) { return fallback; }
    },
    /* Returns false when the browser refuses (storage full): the player keeps working from memory. */
    save: function (name, value) {
      try {
        localStorage.setItem(PREFIX + name, JSON.stringify(value));
        return true;
      } catch (error) { return false; }
    },
    clear: function () { NAMES.forEach(function (name) { localStorage.removeItem(PREFIX + name); }); },
    isOwnKey: function (key) { return key.indexOf(PREFIX) === 0; }
  };
})(window.TestLms = window.TestLms || {});
