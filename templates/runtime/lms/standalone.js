/* No LMS: progress and the resume point stay in this browser's localStorage. */
(function (ns) {
  "use strict";

  ns.connectStandalone = function (config) {
    var key = "course-packager:" + config.course.id + ":" + config.target;
    var storage = null;
    try { storage = window.localStorage; } catch (error) { storage = null; }
    var finished = false;

    function write(report, suspendData) {
      if (!storage) { return false; }
      try {
        storage.setItem(key, JSON.stringify({ location: report.location, suspendData: suspendData, report: report }));
        return true;
      } catch (error) {
        return false;
      }
    }

    return {
      name: "standalone",
      start: function () {
        var saved = null;
        try { saved = storage ? JSON.parse(storage.getItem(key) || "null") : null; } catch (error) { saved = null; }
        return saved ? { location: saved.location || "", suspendData: saved.suspendData || "" }
          : { location: "", suspendData: "" };
      },
      save: write,
      commit: function () { return true; },
      finish: function (report, suspendData) {
        if (finished) { return false; }
        finished = true;
        return write(report, suspendData);
      }
    };
  };
})(window.CoursePackager = window.CoursePackager || {});
