// Text → theme review: ticking a new word opens its fields (word class, article, plural,
// gloss), so the long list stays short. Without JavaScript the fields open with a tap.

for (const box of document.querySelectorAll("input[data-opens]")) {
  box.addEventListener("change", () => {
    const details = document.getElementById(box.dataset.opens);
    if (box.checked && details) details.open = true;
  });
}
