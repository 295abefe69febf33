/* xAPI over HTTP for one launch: document reads, and an outbox sending the statements in order and
   the resume document's latest version, each retried apart from the other. Writes use fetch's
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

  /* 1, 2, 4... 30 s of wait after `failures` failures in a row. */
  function backoff(failures) {
    return failures && Math.min(30000, 1000 * Math.pow(2, failures - 1));
  }

  /* The LRS at `endpoint` for one session; `stateParams` name its resume document. */
  ns.xapiConnection = function (endpoint, authorization, stateParams, onFault) {
    var statements = [];
    var state = null; // the resume document's unsent text
    var written = null; // its text the LRS has
    var closed = false;

    /* One request: the Response (any status), or a rejection on network failure. */
    function request(method, resource, params, text) {
      var query = String(new URLSearchParams(params));
      return window.fetch(endpoint.replace(/\/?$/, "/") + resource + (query ? "?" + query : ""), {
        method: method,
        headers: { "Authorization": authorization, "X-Experience-API-Version": "1.0.3", "Content-Type": "application/json" },
        body: text,
        credentials: "omit",
        cache: "no-store",
        keepalive: !text || new Blob([text]).size <= KEEPALIVE_BYTES
      });
    }

    /* A write: null once done, or {message, retry}. */
    function send(method, resource, params, text) {
      return request(method, resource, params, text).then(function (response) {
        return response.ok ? null : { message: method + " " + resource + " answered " + response.status, retry: retryable(response.status) };
      }, function (error) {
        return { message: method + " " + resource + " failed: " + error, retry: true };
      });
    }

    /* Statements: all waiting in one request, put back before newer ones if it may go through later. */
    function sendStatements() {
      var batch = statements;
      if (!batch.length) { return null; }
      statements = [];
      return send("POST", "statements", {}, JSON.stringify(batch)).then(function (problem) {
        if (problem && problem.retry) { statements = batch.concat(statements); }
        return problem;
      });
    }

    /* The resume document: put back unless a newer version waits. */
    function sendState() {
      var text = state;
      if (text === null) { return null; }
      state = null;
      return send("PUT", "activities/state", stateParams, text).then(function (problem) {
        if (!problem) { written = text; } else if (problem.retry && state === null) { state = text; }
        return problem;
      });
    }

    /* One kind of write, one request at a time; `deliver` sends what waits (null: nothing). */
    function lane(deliver) {
      var busy = false;
      var failures = 0;
      return function run() {
        var sending = busy || closed ? false : deliver();
        if (sending === null) { failures = 0; }
        if (!sending) { return; }
        busy = true;
        sending.then(function (problem) {
          failures = problem ? failures + 1 : 0;
          if (problem && (!problem.retry || failures === FAULT_AFTER)) { onFault(problem.message); }
          window.setTimeout(function () {
            busy = false;
            run();
          }, backoff(failures));
        });
      };
    }

    var lanes = [lane(sendStatements), lane(sendState)];

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
          return new Promise(function (resolve) { window.setTimeout(resolve, backoff(tries)); }).then(function () {
            return read(resource, params, tries + 1);
          });
        });
      },
      add: function (more) { statements = statements.concat(more); },
      /* Queue the resume document (replacing an unsent version) unless the LRS has it already. */
      keep: function (body) {
        var text = JSON.stringify(body);
        if (state !== null || text !== written) { state = text; }
      },
      /* Send what waits, unless a send or a retry is under way. */
      flush: function () {
        lanes.forEach(function (run) { run(); });
      },
      /* As the page goes away: everything waiting, at once. */
      close: function () {
        closed = true;
        sendStatements();
        sendState();
      }
    };
  };
})(window.CoursePackager = window.CoursePackager || {});
