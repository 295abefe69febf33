// Every page visited, every lesson block's fact on; gives every asked question its longest response (from the config, made by the question types'
// models), then encodes the state as the runtime does and decodes it again.
// Usage: node resume_worst_case.js RUNTIME_FILES... CONFIG_JSON
const vm = require("vm");
global.window = {};
global.document = { querySelectorAll: () => [], addEventListener: () => {} };  // scripts that set up their controls find none
for (const file of process.argv.slice(2, -1)) { vm.runInThisContext(require("fs").readFileSync(file, "utf8")); }
const config = JSON.parse(require("fs").readFileSync(process.argv[process.argv.length - 1], "utf8"));
const ns = window.CoursePackager;
const state = new ns.CourseState(config);
state.visited = state.visited.map(() => true);
if (state.blocks) { state.blocks.facts = state.blocks.facts.map(() => true); }
for (const page of config.pages.filter((p) => p.kind === "quiz")) {
  const progress = state.newQuizProgress(page, 1295, 2176782335);
  state.quizzes[page.id] = progress;
  for (const question of progress.askedQuestions()) { progress.answers[question.id] = config.longest[page.id][question.id]; }
  state.submit(page, progress.asked.length);
}
state.interactions = Number.MAX_SAFE_INTEGER;  // the encoder caps it at the most a course can write
const encoded = state.serialize();
const restored = new ns.CourseState(config);
const ok = restored.restore(encoded); process.stdout.write(JSON.stringify({length: encoded.length, roundTrip: ok && restored.serialize() === encoded, encoded: encoded, again: restored.serialize()}));
