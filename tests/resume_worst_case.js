// Fills every asked question with its longest possible response, then encodes the state.
// Usage: node resume_worst_case.js RUNTIME_FILES... CONFIG_JSON
const vm = require("vm");
global.window = {};
for (const file of process.argv.slice(2, -1)) { vm.runInThisContext(require("fs").readFileSync(file, "utf8")); }
const config = JSON.parse(require("fs").readFileSync(process.argv[process.argv.length - 1], "utf8"));
const ns = window.CoursePackager;
const longest = {
  "single-choice": (q) => q.options[q.options.length - 1],
  "multiple-response": (q) => q.options.slice(),
  "true-false": () => "true",
  "fill-in": () => "x".repeat(255),
  "numeric": () => "9".repeat(32),
  "matching": (q) => Object.fromEntries(Object.keys(q.key).map((id) => [id, String(Object.keys(q.key).length)])),
  "sequencing": (q) => q.key.slice().reverse(),
};
const state = new ns.CourseState(config);
state.visited = state.visited.map(() => true);
for (const page of config.pages.filter((p) => p.kind === "quiz")) {
  const progress = state.newQuizProgress(page, 1295, 2176782335);
  state.quizzes[page.id] = progress;
  for (const question of progress.askedQuestions()) { progress.answers[question.id] = longest[question.type](question); }
  state.submit(page, progress.asked.length);
}
const encoded = state.serialize();
const restored = new ns.CourseState(config);
const ok = restored.restore(encoded); process.stdout.write(JSON.stringify({length: encoded.length, roundTrip: ok && restored.serialize() === encoded, encoded: encoded, again: restored.serialize()}));
