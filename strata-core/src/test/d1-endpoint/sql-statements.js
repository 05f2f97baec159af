// Splits SQL text into statements the way SQLite reads them, so that one "sql" holding several
// statements can run as a D1 batch. Cloudflare's query and raw endpoints accept "multiple
// statements, joined by semicolons, which will be executed as a batch" (API reference, Query D1
// Database, body parameter "sql"); wrangler d1 migrations apply --remote sends each migration file
// plus its d1_migrations INSERT as one such "sql".
//
// A semicolon ends a statement unless it is inside a string, a quoted identifier, a comment, or
// the BEGIN ... END body of a CREATE TRIGGER (where CASE ... END may nest).
export function splitStatements(text) {
  const statements = [];
  let start = 0;
  let i = 0;
  let words = []; // the first words of the current statement, to recognise CREATE TRIGGER
  let inTriggerBody = false;
  let caseDepth = 0;
  const n = text.length;
  const flush = (end) => {
    const sql = text.slice(start, end).trim();
    if (hasCode(sql)) statements.push(sql);
    start = end + 1;
    words = [];
    inTriggerBody = false;
    caseDepth = 0;
  };
  while (i < n) {
    const c = text[i];
    if (c === "'" || c === '"' || c === "`") {
      i = closing(text, i + 1, c);
    } else if (c === "[") {
      const end = text.indexOf("]", i + 1);
      i = end < 0 ? n : end + 1;
    } else if (c === "-" && text[i + 1] === "-") {
      const end = text.indexOf("\n", i + 2);
      i = end < 0 ? n : end + 1;
    } else if (c === "/" && text[i + 1] === "*") {
      const end = text.indexOf("*/", i + 2);
      i = end < 0 ? n : end + 2;
    } else if (/[A-Za-z_]/.test(c)) {
      let j = i + 1;
      while (j < n && /[A-Za-z0-9_$]/.test(text[j])) j++;
      const word = text.slice(i, j).toUpperCase();
      if (words.length < 4) words.push(word);
      if (isTrigger(words)) {
        if (word === "BEGIN") inTriggerBody = true;
        else if (inTriggerBody && word === "CASE") caseDepth++;
        else if (inTriggerBody && word === "END") {
          if (caseDepth > 0) caseDepth--;
          else inTriggerBody = false;
        }
      }
      i = j;
    } else if (c === ";" && !inTriggerBody) {
      flush(i);
      i++;
    } else {
      i++;
    }
  }
  flush(n);
  return statements;
}

function closing(text, from, quote) {
  let i = from;
  while (i < text.length) {
    if (text[i] === quote) {
      if (text[i + 1] === quote) i += 2; // a doubled quote stays inside
      else return i + 1;
    } else i++;
  }
  return text.length;
}

function isTrigger(words) {
  if (words[0] !== "CREATE") return false;
  return words[1] === "TRIGGER" || ((words[1] === "TEMP" || words[1] === "TEMPORARY") && words[2] === "TRIGGER");
}

// True when the text holds something besides whitespace and comments.
function hasCode(sql) {
  const stripped = sql.replace(/--[^\n]*(\n|$)/g, "").replace(/\/\*[\s\S]*?\*\//g, "").trim();
  return stripped.length > 0;
}
