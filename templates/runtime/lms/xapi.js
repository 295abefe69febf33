/* xAPI over HTTP for one launch: requests with the session's credentials, document reads, and an
   outbox delivering statements in order and the latest version of each state document, retrying
   with backoff. Writes use fetch's keepalive, so a request sent survives the page unloading. */
(function (ns) {
  "use strict";

  var VERSION = "1.0.3";
  var KEEPALIVE_BYTES = 60000; // Chromium keeps at most 64 KiB of keepalive bodies in flight
  var RETRY_DELAYS = [1000, 2000, 4000, 8000, 16000, 30000];
  var FAULT_AFTER = 3;

  function queryString(params) {
    return Object.keys(params || {}).filter(function (name) {
      return params[name] !== undefined && params[name] !== null;
    }).map(function (name) {
      return encodeURIComponent(name) + "=" + encodeURIComponent(params[name]);
    }).join("&");
  }

  /* Network errors, timeouts, throttling and server errors may pass; other refusals will not. */
  function retryable(status) {
    return status === 0 || status === 408 || status === 429 || status >= 500;
  }

  function XapiClient(endpoint, authorization) {
    this.endpoint = endpoint.charAt(endpoint.length - 1) === "/" ? endpoint : endpoint + "/";
    this.authorization = authorization;
  }

  /* One request: the Response (any status), or a rejection on network failure. */
  XapiClient.prototype.request = function (method, resource, params, body) {
    var query = queryString(params);
    var headers = { "Authorization": this.authorization, "X-Experience-API-Version": VERSION };
    var text;
    if (body !== undefined) {
      text = JSON.stringify(body);
      headers["Content-Type"] = "application/json";
    }
    return window.fetch(this.endpoint + resource + (query ? "?" + query : ""), {
      method: method,
      headers: headers,
      body: text,
      credentials: "omit",
      cache: "no-store",
      keepalive: method !== "GET" && (text === undefined || new Blob([text]).size <= KEEPALIVE_BYTES)
    });
  };

  /* A JSON document (state or agent profile), null when there is none. */
  XapiClient.prototype.getDocument = function (resource, params) {
    return this.request("GET", resource, params).then(function (response) {
      if (response.status === 404) { return null; }
      if (!response.ok) {
        var error = new Error("GET " + resource + " answered " + response.status);
        error.status = response.status;
        throw error;
      }
      return response.text().then(function (text) { return text ? JSON.parse(text) : null; });
    });
  };

  /* A read, tried up to `tries` times with backoff while its failure may pass. */
  XapiClient.prototype.retrying = function (read, tries) {
    var attempt = 0;
    function run() {
      return read().then(null, function (error) {
        attempt += 1;
        if (attempt >= tries || (error.status && !retryable(error.status))) { throw error; }
        return new Promise(function (resolve) {
          window.setTimeout(resolve, RETRY_DELAYS[Math.min(attempt - 1, RETRY_DELAYS.length - 1)]);
        }).then(run);
      });
    }
    return run();
  };

  /* One kind of write: one request at a time, retried after 1, 2, 4... 30 s. `deliver` sends what
     waits, puts back what is to be tried again, and resolves with the failures ({message, retry}). */
  function Lane(deliver, onFault) {
    this.deliver = deliver;
    this.onFault = onFault;
    this.sending = false;
    this.timer = null;
    this.failures = 0;
  }

  Lane.prototype.run = function (waiting) {
    var lane = this;
    if (this.sending || this.timer !== null || !waiting()) { return; }
    this.sending = true;
    this.deliver().then(function (failures) {
      lane.sending = false;
      if (!failures.length) {
        lane.failures = 0;
        lane.run(waiting);
        return;
      }
      lane.failures += 1;
      var dropped = failures.some(function (failure) { return !failure.retry; });
      if (dropped || lane.failures === FAULT_AFTER) {
        lane.onFault(failures.map(function (failure) { return failure.message; }).join("; "));
      }
      if (!waiting()) {
        lane.failures = 0;
        return;
      }
      lane.timer = window.setTimeout(function () {
        lane.timer = null;
        lane.run(waiting);
      }, RETRY_DELAYS[Math.min(lane.failures - 1, RETRY_DELAYS.length - 1)]);
    });
  };

  Lane.prototype.stop = function () {
    if (this.timer !== null) { window.clearTimeout(this.timer); }
    this.timer = null;
  };

  /* Statements (in order, never dropped while they may still go through) and state documents (the
     latest version of each), retried apart so trouble with one never holds up the other. */
  function XapiOutbox(client, onFault) {
    var outbox = this;
    this.client = client;
    this.statements = [];
    this.documents = {};
    this.written = {};
    this.closed = false;
    var report = onFault || function () {};
    this.statementLane = new Lane(function () { return outbox.deliverStatements(); }, report);
    this.documentLane = new Lane(function () { return outbox.deliverDocuments(); }, report);
  }

  XapiOutbox.prototype.addStatements = function (statements) {
    if (this.closed) { return; }
    Array.prototype.push.apply(this.statements, statements);
  };

  /* Queue a state document (replacing an unsent version) unless the LRS has it already. */
  XapiOutbox.prototype.putState = function (params, body) {
    if (this.closed) { return; }
    var key = queryString(params);
    var text = JSON.stringify(body);
    if (this.written[key] === text && !this.documents[key]) { return; }
    this.documents[key] = { params: params, body: JSON.parse(text), text: text };
  };

  /* Send what waits (each kind, unless a send or a retry is under way). */
  XapiOutbox.prototype.flush = function () {
    var outbox = this;
    if (this.closed) { return; }
    this.statementLane.run(function () { return !outbox.closed && outbox.statements.length > 0; });
    this.documentLane.run(function () { return !outbox.closed && Object.keys(outbox.documents).length > 0; });
  };

  XapiOutbox.prototype.deliverStatements = function () {
    var outbox = this;
    var batch = this.statements;
    this.statements = [];
    return this.send("POST", "statements", null, batch).then(function (problem) {
      if (problem === null) { return []; }
      if (problem.retry) { outbox.statements = batch.concat(outbox.statements); }
      return [problem];
    });
  };

  XapiOutbox.prototype.deliverDocuments = function () {
    var outbox = this;
    var documents = this.documents;
    this.documents = {};
    return Promise.all(Object.keys(documents).map(function (key) {
      var entry = documents[key];
      return outbox.send("PUT", "activities/state", entry.params, entry.body).then(function (problem) {
        if (problem === null) {
          outbox.written[key] = entry.text;
        } else if (problem.retry && !outbox.documents[key]) {
          outbox.documents[key] = entry;
        }
        return problem;
      });
    })).then(function (problems) {
      return problems.filter(function (problem) { return problem !== null; });
    });
  };

  /* null on success, or {message, retry}. */
  XapiOutbox.prototype.send = function (method, resource, params, body) {
    return this.client.request(method, resource, params, body).then(function (response) {
      if (response.ok) { return null; }
      return { message: method + " " + resource + " answered " + response.status, retry: retryable(response.status) };
    }, function (error) {
      return { message: method + " " + resource + " failed: " + error, retry: true };
    });
  };

  /* As the page goes away: everything waiting and the final statements, at once with keepalive. */
  XapiOutbox.prototype.close = function (finalStatements) {
    if (this.closed) { return; }
    var outbox = this;
    var batch = this.statements.concat(finalStatements || []);
    var documents = this.documents;
    this.closed = true;
    this.statements = [];
    this.documents = {};
    this.statementLane.stop();
    this.documentLane.stop();
    function ignore() {}
    if (batch.length) { this.client.request("POST", "statements", null, batch).then(ignore, ignore); }
    Object.keys(documents).forEach(function (key) {
      outbox.client.request("PUT", "activities/state", documents[key].params, documents[key].body).then(ignore, ignore);
    });
  };

  ns.XapiClient = XapiClient;
  ns.XapiOutbox = XapiOutbox;
})(window.CoursePackager = window.CoursePackager || {});
