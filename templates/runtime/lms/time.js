/* Milliseconds as an ISO 8601 duration with centiseconds (SCORM 2004's timeinterval, xAPI's), e.g. PT1H2M3.45S. */
(function (ns) {
  "use strict";

  ns.isoDuration = function (milliseconds) {
    var centiseconds = Math.max(0, Math.floor(milliseconds / 10));
    var hours = Math.floor(centiseconds / 360000);
    var minutes = Math.floor(centiseconds / 6000) % 60;
    return "PT" + (hours ? hours + "H" : "") + (minutes ? minutes + "M" : "") + ((centiseconds % 6000) / 100).toFixed(2) + "S";
  };
})(window.CoursePackager = window.CoursePackager || {});
