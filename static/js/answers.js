// Checking a typed answer on the phone, so feedback needs no server. This mirrors
// vaktaal/srs/answers.py rule for rule; tests/practice/test_answers_js.py runs both on
// the same cases so they cannot drift apart.

export const ARTICLES = ["de", "het"];
const TYPO_TOLERANT_LETTERS = 6;
const APOSTROPHES = /[’‘ʼ`´]/g;
const PUNCTUATION = /[.,!?;:"“”„()¿¡…]/g;

export function normalise(text) {
  return text
    .normalize("NFC")
    .replace(APOSTROPHES, "'")
    .replace(PUNCTUATION, " ")
    .toLowerCase()
    .split(/\s+/)
    .filter(Boolean)
    .join(" ");
}

function typoTolerance(expected) {
  const letters = [...normalise(expected)].filter((ch) => /\p{L}/u.test(ch)).length;
  return letters >= TYPO_TOLERANT_LETTERS ? 1 : 0;
}

function withoutAccents(text) {
  return text.normalize("NFD").replace(/\p{M}/gu, "");
}

function withinOneEdit(a, b) {
  if (a === b) return true;
  const x = [...a];
  const y = [...b];
  if (x.length === y.length) {
    const diffs = [];
    x.forEach((ch, i) => {
      if (ch !== y[i]) diffs.push(i);
    });
    if (diffs.length === 1) return true;
    return (
      diffs.length === 2 && diffs[1] === diffs[0] + 1 && x[diffs[0]] === y[diffs[1]] && x[diffs[1]] === y[diffs[0]]
    );
  }
  if (Math.abs(x.length - y.length) !== 1) return false;
  const [shorter, longer] = x.length < y.length ? [x, y] : [y, x];
  let i = 0;
  while (i < shorter.length && shorter[i] === longer[i]) i += 1;
  return shorter.slice(i).join("") === longer.slice(i + 1).join("");
}

export function checkTyped(given, expected, { article = null, requireArticle = false, otherWords = [] } = {}) {
  const shown = article ? `${article} ${expected}` : expected;
  let answer = normalise(given);
  const word = normalise(expected);
  if (article) {
    const space = answer.indexOf(" ");
    const first = space < 0 ? answer : answer.slice(0, space);
    const rest = space < 0 ? "" : answer.slice(space + 1);
    if (ARTICLES.includes(first) && rest) {
      if (first !== normalise(article)) return { correct: false, near_miss: false, expected: shown };
      answer = rest;
    } else if (requireArticle) {
      return { correct: false, near_miss: false, expected: shown };
    }
  }
  if (answer === word) return { correct: true, near_miss: false, expected: shown };
  const answerPlain = withoutAccents(answer);
  const wordPlain = withoutAccents(word);
  const slip = answerPlain === wordPlain || (typoTolerance(word) > 0 && withinOneEdit(answerPlain, wordPlain));
  // A slip that makes another word the learner is learning ("stofzuiger" for "stofzuigen") is wrong.
  if (answer && slip && !otherWords.map(normalise).includes(answer)) {
    return { correct: true, near_miss: true, expected: shown };
  }
  return { correct: false, near_miss: false, expected: shown };
}
