/*
 * LMS profiles: how the player behaves, to reproduce what real LMSs do with the same package.
 * Every profile flags the same spec violations; a profile decides only how the LMS answers.
 *
 *   enforce           reject (return "false" and an error code) what the spec forbids, where
 *                     scorm-again would accept it;
 *   tolerate          rule id -> function(value): values a rejecting profile still accepts;
 *   settings          scorm-again settings (mastery_override: the mastery score decides the
 *                     SCORM 1.2 status at LMSFinish);
 *   commitWhileUnloading  false: a Commit made while the content is unloading (the usual place of
 *                     a "Commit just before Terminate/LMSFinish") fails with a general error;
 *   complete          standard -> function(flat cmi): whether the LMS counts the attempt complete;
 *   blank             elements a GetValue answers with "" (error 0) whatever the LMS holds, as
 *                     Open edX does for cmi.core.entry / cmi.entry and cmi.interactions._count;
 *   getNeverFails     true: a GetValue the data model cannot answer (not initialized...) returns ""
 *                     with error 0, as Open edX's API object does for every call;
 *   outOfOrder        true: the values set between two commits reach the learner's record in the
 *                     reverse order at the commit (each SetValue is its own racing request), so of
 *                     an element set twice before a commit the record keeps the first value.
 *
 * The profile is chosen by the page's URL (?profile=moodle) and by the switch on the page.
 */
(function (ns) {
  "use strict";

  function lessonStatusIn(values) {
    return function (cmi) { return values.indexOf(cmi["cmi.core.lesson_status"]) !== -1; };
  }
  function completed2004(cmi) { return cmi["cmi.completion_status"] === "completed"; }
  function completedOrPassed2004(cmi) {
    return cmi["cmi.completion_status"] === "completed" || cmi["cmi.success_status"] === "passed";
  }

  ns.profiles = {
    strict: {
      label: "Strict (the spec)",
      description: "Rejects what the SCORM specs forbid. Complete: 1.2 completed or passed; 2004 completion_status completed.",
      enforce: true,
      settings: { mastery_override: false },
      commitWhileUnloading: true,
      complete: { scorm12: lessonStatusIn(["completed", "passed"]), scorm2004: completed2004 }
    },
    moodle: {
      label: "Moodle-like",
      description: "Accepts what it should not; the mastery score overrides the 1.2 status at LMSFinish; " +
        "in 2004 only completion_status completed counts as complete.",
      enforce: false,
      settings: { mastery_override: true },
      commitWhileUnloading: true,
      complete: { scorm12: lessonStatusIn(["completed", "passed"]), scorm2004: completed2004 }
    },
    cornerstone: {
      label: "Cornerstone-like",
      description: "A Commit made while the content unloads (just before Terminate/LMSFinish) fails with a " +
        "general error; passed counts as complete.",
      enforce: false,
      settings: { mastery_override: false },
      commitWhileUnloading: false,
      complete: { scorm12: lessonStatusIn(["completed", "passed"]), scorm2004: completedOrPassed2004 }
    },
    scormcloud: {
      label: "SCORM Cloud-like",
      description: "Close to strict; stores 1.2 suspend_data up to 64000 characters; failed counts as complete in 1.2.",
      enforce: true,
      tolerate: { "suspend-data-length": function (value) { return value.length <= 64000; } },
      settings: { mastery_override: false },
      commitWhileUnloading: true,
      complete: { scorm12: lessonStatusIn(["completed", "passed", "failed"]), scorm2004: completed2004 }
    }
  };

  var ENTRY_AND_COUNT = ["cmi.core.entry", "cmi.entry", "cmi.interactions._count"];

  ns.profiles.openedx = {
    label: "Open edX-like",
    description: "Like Open edX's SCORM XBlock: keeps suspend_data and the location but never says " +
      "entry=resume; answers cmi.interactions._count with \"\" and never returns an error. Complete: 1.2 completed or passed; " +
      "2004 completion_status completed.",
    enforce: false,
    settings: { mastery_override: false },
    commitWhileUnloading: true,
    blank: ENTRY_AND_COUNT.slice(),
    getNeverFails: true,
    complete: { scorm12: lessonStatusIn(["completed", "passed"]), scorm2004: completed2004 }
  };

  ns.profiles.wagtail = {
    label: "Wagtail LMS-like",
    description: "Like wagtail-lms: answers cmi.interactions._count with \"\", and each SetValue races " +
      "the others, so the values set between two commits land in the reverse order.",
    enforce: false,
    settings: { mastery_override: false },
    commitWhileUnloading: true,
    blank: ["cmi.interactions._count"],
    outOfOrder: true,
    complete: { scorm12: lessonStatusIn(["completed", "passed"]), scorm2004: completed2004 }
  };

  ns.DEFAULT_PROFILE = "strict";
})(window.TestLms = window.TestLms || {});
