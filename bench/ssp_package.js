// Package a rendered course folder with the npm package simple-scorm-packager, non-interactively.
//
//   node bench/ssp_package.js SOURCE_DIR OUT_DIR VERSION TITLE
//
// VERSION is "1.2", "2004 3rd Edition" or "2004 4th Edition". The packager writes its manifest,
// metadata.xml and the XSDs into SOURCE_DIR, then zips SOURCE_DIR into OUT_DIR.
"use strict";

const path = require("path");
const scopackager = require("simple-scorm-packager");

const [source, output, version, title] = process.argv.slice(2);
if (!source || !output || !version) {
  console.error("usage: node ssp_package.js SOURCE_DIR OUT_DIR VERSION [TITLE]");
  process.exit(2);
}

// Its progress lines would only slow it down on a terminal: keep them out of the measurement.
console.log = () => {};

scopackager(
  {
    version,
    organization: "Benchmark",
    title: title || "Benchmark course",
    language: "en",
    identifier: "benchmark",
    masteryScore: 80,
    startingPage: "index.html",
    source: path.resolve(source),
    package: { version: "1.0.0", zip: true, outputFolder: path.resolve(output), date: "2024-01-01" },
  },
  () => process.exit(0),
);
