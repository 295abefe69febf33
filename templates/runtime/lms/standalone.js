/* No LMS: progress and the resume point stay in this browser's localStorage (when it has one). */
(function (ns) {
  "use strict";

  ns.connectStandalone = function (config) {
    var key = "course-packager:" + config.course.id + ":" + config.target;
    var finished = false;

    function write(report, suspendData) {
      try {
        window.localStorage.setItem(key, JSON.stringify({ location: report.location, suspendData: suspendData, report: report }));
        return true;
      } catch (error) {
        return false;
      }
    }

    return {
      start: function () {
        var saved = {};
        try { saved = JSON.parse(window.localStorage.getItem(key)) || {}; } catch (error) { /* none to read */ }
        return { location: saved.location || "", suspendData: saved.suspendData || "" };
      },
      save: write,
      finish: function (report, suspendData) {
        if (finished) { return false; }
        finished = true;
        return write(report, suspendData);
      }
    };
  };
})(window.CoursePackager = window.CoursePackager || {});
