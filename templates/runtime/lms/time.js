/* Times and durations in the formats the standards require. */
(function (ns) {
  "use strict";

  function pad(number, width) {
    var text = String(number);
    while (text.length < width) { text = "0" + text; }
    return text;
  }

  /* Milliseconds as a SCORM 1.2 timespan, HHHH:MM:SS.SS (hours capped at 9999). */
  ns.scorm12Timespan = function (milliseconds) {
    var centiseconds = Math.max(0, Math.floor(milliseconds / 10));
    var hours = Math.min(9999, Math.floor(centiseconds / 360000));
    var minutes = Math.floor(centiseconds / 6000) % 60;
    var seconds = Math.floor(centiseconds / 100) % 60;
    return pad(hours, 4) + ":" + pad(minutes, 2) + ":" + pad(seconds, 2) + "." + pad(centiseconds % 100, 2);
  };

  /* Milliseconds as an ISO 8601 duration with centiseconds, e.g. PT1H2M3.45S. */
  ns.isoDuration = function (milliseconds) {
    var centiseconds = Math.max(0, Math.floor(milliseconds / 10));
    var hours = Math.floor(centiseconds / 360000);
    var minutes = Math.floor(centiseconds / 6000) % 60;
    var seconds = (centiseconds % 6000) / 100;
    return "PT" + (hours ? hours + "H" : "") + (minutes ? minutes + "M" : "") + seconds.toFixed(2) + "S";
  };

  /* A Date's local time of day, HH:MM:SS (SCORM 1.2 CMITime). */
  ns.clockTime = function (date) {
    return pad(date.getHours(), 2) + ":" + pad(date.getMinutes(), 2) + ":" + pad(date.getSeconds(), 2);
  };

  /* A Date as an ISO 8601 UTC timestamp with centiseconds (SCORM 2004 time(second,10,0)). */
  ns.isoTimestamp = function (date) {
    return date.toISOString().replace(/(\.\d{2})\d*Z$/, "$1Z");
  };
})(window.CoursePackager = window.CoursePackager || {});
