// The review view: words selected in the paragraph become the quote of a fact to add.
document.addEventListener("DOMContentLoaded", () => {
  const text = document.getElementById("paragraph-text");
  const quote = document.getElementById("quote");
  if (!text || !quote) return;
  const take = () => {
    const sel = window.getSelection();
    if (!sel || sel.isCollapsed || !text.contains(sel.anchorNode)) return;
    const words = sel.toString().trim();
    if (words) quote.value = words;
  };
  text.addEventListener("mouseup", take);
  text.addEventListener("keyup", take);
});
