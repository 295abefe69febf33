/* ISO 8601 durations and timestamps, as SCORM 2004 and xAPI write them. */
(function (ns) {
  "use strict";

  /* Milliseconds as a duration with centiseconds, e.g. PT1H2M3.45S. */
  ns.isoDuration = function (milliseconds) {
    var centiseconds = Math.max(0, Math.floor(milliseconds / 10));
    var hours = Math.floor(centiseconds / 360000);
    var minutes = Math.floor(centiseconds / 6000) % 60;
    return "PT" + (hours ? hours + "H" : "") + (minutes ? minutes + "M" : "") + ((centiseconds % 6000) / 100).toFixed(2) + "S";
  };

  /* A Date in UTC with centiseconds (SCORM 2004's time(second,10,0)). */
  ns.isoTimestamp = function (date) {
    return date.toISOString().replace(/(\.\d{2})\d*Z$/, "$1Z");
  };
})(window.CoursePackager = window.CoursePackager || {});
