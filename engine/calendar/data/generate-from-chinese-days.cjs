/**
 * Regenerates cn-<year>.json from the `chinese-days` package (a cross-check, not the authority:
 * compare every line with the State Council notice before committing).
 *
 * The package is not a project dependency. Install it in a scratch folder and point NODE_PATH there:
 *   mkdir -p /tmp/cd && (cd /tmp/cd && npm init -y && npm i -E chinese-days@1.5.7)
 *   NODE_PATH=/tmp/cd/node_modules node engine/calendar/data/generate-from-chinese-days.cjs 2026 "<notice title / URL>"
 */
const fs = require('node:fs');
const path = require('node:path');
const chineseDays = require('chinese-days');

const year = Number(process.argv[2]);
const source = process.argv[3];
if (!Number.isInteger(year) || !source) {
  console.error('usage: generate-from-chinese-days.cjs <year> "<国务院办公厅关于<year>年部分节假日安排的通知 / URL>"');
  process.exit(2);
}

const holidays = [];
const workdays = [];
for (let t = Date.UTC(year, 0, 1); t < Date.UTC(year + 1, 0, 1); t += 86_400_000) {
  const day = new Date(t);
  const iso = day.toISOString().slice(0, 10);
  const weekend = day.getUTCDay() === 0 || day.getUTCDay() === 6;
  const detail = chineseDays.getDayDetail(iso);
  // Days off inside a named holiday period (ordinary weekends are named after the weekday).
  if (!detail.work && !/day$/.test(detail.name.split(',')[0])) holidays.push(iso);
  if (detail.work && weekend) workdays.push(iso);
}
const out = { year, source, generatedFrom: 'chinese-days@1.5.7, checked against the notice', holidays, workdays };
fs.writeFileSync(path.join(__dirname, `cn-${year}.json`), `${JSON.stringify(out, null, 2)}\n`);
console.log(`cn-${year}.json: ${holidays.length} holidays, ${workdays.length} moved working days`);
