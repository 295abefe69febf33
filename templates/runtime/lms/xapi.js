/*
 * xAPI over HTTP for one launch: requests to the LRS endpoint with the session's credentials,
 * reading documents (state, agent profile), and an outbox that delivers statements in order and
 * the latest version of each state document, retrying with backoff until the LRS accepts them.
 * Writes use fetch's keepalive, so a request already sent survives the page unloading.
 */
(function (ns) {
  "use strict";

  var VERSION = "1.0.3";
  var KEEPALIVE_BYTES = 60000;
  // Chromium keeps at most 64 KiB of keepalive bodies in flight; larger writes go without it.
  var RETRY_DELAYS = [1000, 2000, 4000, 8000, 16000, 30000];
  var FAULT_AFTER = 3;

  function queryString(params) {
    return Object.keys(params || {}).filter(function (name) {
      return params[name] !== undefined && params[name] !== null;
    }).map(function (name) {
      return encodeURIComponent(name) + "=" + encodeURIComponent(params[name]);
    }).join("&");
  }

  function byteLength(text) {
    return new Blob([text]).size;
  }

  /* Network errors, timeouts, throttling and server errors may pass; other refusals will not. */
  function retryable(status) {
    return status === 0 || status === 408 || status === 429 || status >= 500;
  }

  function XapiClient(endpoint, authorization) {
    this.endpoint = endpoint.charAt(endpoint.length - 1) === "/" ? endpoint : endpoint + "/";
    this.authorization = authorization;
  }

  /* One request; resolves with the Response (any status), rejects on network failure. */
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
      keepalive: method !== "GET" && (text === undefined || byteLength(text) <= KEEPALIVE_BYTES)
    });
  };

  /* A JSON document (state or agent profile); null when there is none. Rejects on failure. */
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

  /* Run a read again after a failure that may pass (up to `tries` times, with backoff). */
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

  /*
   * Retries for one kind of write: one request at a time, and after a failure that may pass,
   * the next try waits (1 s, 2 s, 4 s... up to 30 s). `deliver` sends what is waiting and
   * resolves with the failures ({message, retry}); it puts back what is to be tried again.
   */
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
      // Tell the page when data was refused for good, or when the LRS keeps failing.
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

  /*
   * What the page has to send: statements (in order, never reordered or dropped while they may
   * still go through) and state documents (only the latest version of each matters). The two
   * are retried separately, so trouble with one never holds up the other.
   */
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

  /* Queue a state document (replacing any unsent version); skipped if the LRS already has it. */
  XapiOutbox.prototype.putState = function (params, body) {
    if (this.closed) { return; }
    var key = queryString(params);
    var text = JSON.stringify(body);
    if (this.written[key] === text && !this.documents[key]) { return; }
    // A copy: later changes to the caller's objects must not slip into what was queued.
    this.documents[key] = { params: params, body: JSON.parse(text), text: text };
  };

  /* Send what is waiting (each kind unless a send is under way or a retry is scheduled). */
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
      // Put the batch back in front of anything queued since, so the order holds.
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

  /* Resolves with null on success, or {message, retry}. */
  XapiOutbox.prototype.send = function (method, resource, params, body) {
    return this.client.request(method, resource, params, body).then(function (response) {
      if (response.ok) { return null; }
      return { message: method + " " + resource + " answered " + response.status, retry: retryable(response.status) };
    }, function (error) {
      return { message: method + " " + resource + " failed: " + error, retry: true };
    });
  };

  /*
   * Last call, as the page goes away: everything still waiting plus the final statements, sent
   * at once with keepalive (best effort: nothing can be retried after this). Requests already
   * under way carry on by themselves.
   */
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
