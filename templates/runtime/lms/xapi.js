/* xAPI over HTTP for one launch: document reads, and an outbox delivering statements in order and
   the latest resume document, each retried with backoff apart from the other. Writes use fetch's
   keepalive, so a request sent survives the page unloading. */
(function (ns) {
  "use strict";

  var KEEPALIVE_BYTES = 60000; // Chromium keeps at most 64 KiB of keepalive bodies in flight
  var READ_TRIES = 3;
  var FAULT_AFTER = 3;

  /* Network errors, timeouts, throttling and server errors may pass; other refusals will not. */
  function retryable(status) {
    return status === 0 || status === 408 || status === 429 || status >= 500;
  }

  /* 1, 2, 4... 30 s before the next try after `failures` failures. */
  function later(failures, run) {
    return window.setTimeout(run, Math.min(30000, 1000 * Math.pow(2, failures - 1)));
  }

  /* The LRS at `endpoint` for one session; `stateParams` name its resume document. */
  ns.xapiConnection = function (endpoint, authorization, stateParams, onFault) {
    var statements = [];
    var state = null; // the resume document's unsent text
    var written = null; // its text the LRS has
    var closed = false;
    endpoint = endpoint.replace(/\/?$/, "/");

    /* One request: the Response (any status), or a rejection on network failure. */
    function request(method, resource, params, text) {
      var query = Object.keys(params).map(function (name) {
        return encodeURIComponent(name) + "=" + encodeURIComponent(params[name]);
      }).join("&");
      var headers = { "Authorization": authorization, "X-Experience-API-Version": "1.0.3" };
      if (text !== undefined) { headers["Content-Type"] = "application/json"; }
      return window.fetch(endpoint + resource + (query ? "?" + query : ""), {
        method: method,
        headers: headers,
        body: text,
        credentials: "omit",
        cache: "no-store",
        keepalive: method !== "GET" && (text === undefined || new Blob([text]).size <= KEEPALIVE_BYTES)
      });
    }

    /* A write: null on success, or {message, retry}. */
    function send(method, resource, params, text) {
      return request(method, resource, params, text).then(function (response) {
        return response.ok ? null : { message: method + " " + resource + " answered " + response.status, retry: retryable(response.status) };
      }, function (error) {
        return { message: method + " " + resource + " failed: " + error, retry: true };
      });
    }

    /* One kind of write, one request at a time: `deliver` sends what `waiting` says is there and
       resolves with its problem (having put back what is to be tried again). */
    function lane(deliver, waiting) {
      var busy = false;
      var failures = 0;
      return function run() {
        if (busy || closed || !waiting()) { return; }
        busy = true;
        deliver().then(function (problem) {
          if (problem) {
            failures += 1;
            if (!problem.retry || failures === FAULT_AFTER) { onFault(problem.message); }
            if (waiting()) {
              later(failures, function () {
                busy = false;
                run();
              });
              return;
            }
          }
          failures = 0;
          busy = false;
          run();
        });
      };
    }

    var lanes = [
      lane(function () {
        var batch = statements;
        statements = [];
        return send("POST", "statements", {}, JSON.stringify(batch)).then(function (problem) {
          if (problem && problem.retry) { statements = batch.concat(statements); }
          return problem;
        });
      }, function () { return statements.length > 0; }),
      lane(function () {
        var text = state;
        state = null;
        return send("PUT", "activities/state", stateParams, text).then(function (problem) {
          if (!problem) { written = text; } else if (problem.retry && state === null) { state = text; }
          return problem;
        });
      }, function () { return state !== null; })
    ];

    return {
      /* A JSON document (null when there is none), tried again while its failure may pass. */
      read: function read(resource, params, tries) {
        tries = tries || 1;
        return request("GET", resource, params).then(function (response) {
          if (response.status === 404) { return null; }
          if (!response.ok) {
            var error = new Error("GET " + resource + " answered " + response.status);
            error.status = response.status;
            throw error;
          }
          return response.text().then(function (text) { return text ? JSON.parse(text) : null; });
        }).then(null, function (error) {
          if (tries >= READ_TRIES || (error.status && !retryable(error.status))) { throw error; }
          return new Promise(function (resolve) { later(tries, resolve); }).then(function () {
            return read(resource, params, tries + 1);
          });
        });
      },
      add: function (more) {
        if (!closed) { statements = statements.concat(more); }
      },
      /* Queue the resume document (replacing an unsent version) unless the LRS has it already. */
      keep: function (body) {
        var text = JSON.stringify(body);
        if (!closed && (state !== null || text !== written)) { state = text; }
      },
      /* Send what waits (each kind, unless a send or a retry is under way). */
      flush: function () {
        lanes.forEach(function (run) { run(); });
      },
      /* As the page goes away: everything waiting, at once with keepalive. */
      close: function () {
        if (closed) { return; }
        closed = true;
        function ignore() {}
        request("POST", "statements", {}, JSON.stringify(statements)).then(ignore, ignore);
        if (state !== null) { request("PUT", "activities/state", stateParams, state).then(ignore, ignore); }
      }
    };
  };
})(window.CoursePackager = window.CoursePackager || {});
