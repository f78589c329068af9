// litreview: browsing tools for topic pages (filter, sort) and copy-BibTeX buttons.
// Runs on every page Material shows, including after instant navigation.
(function () {
  "use strict";

  function words(text) {
    return text.toLowerCase().split(/\s+/).filter(Boolean);
  }

  function setupTopic(article) {
    const cards = Array.from(article.querySelectorAll(".lr-paper"));
    if (cards.length < 2 || article.querySelector(".lr-tools")) return;
    cards.forEach(function (card, index) {
      card.dataset.order = String(index);
      card.dataset.text = card.textContent.toLowerCase();
    });
    const tools = document.createElement("div");
    tools.className = "lr-tools";
    tools.innerHTML =
      '<input type="search" class="lr-filter md-input" placeholder="Filter papers…" ' +
      'aria-label="Filter papers"> ' +
      '<select class="lr-sort" aria-label="Sort papers">' +
      '<option value="page">Curated order</option>' +
      '<option value="title">Title (A–Z)</option>' +
      '<option value="year">Year (newest first)</option></select> ' +
      '<span class="lr-shown" aria-live="polite"></span>';
    const first = cards[0];
    const anchor = first.previousElementSibling && /^H[23]$/.test(first.previousElementSibling.tagName)
      ? first.previousElementSibling : first;
    anchor.parentNode.insertBefore(tools, anchor);
    const filter = tools.querySelector(".lr-filter");
    const sort = tools.querySelector(".lr-sort");
    const shown = tools.querySelector(".lr-shown");

    function applyFilter() {
      const query = words(filter.value);
      let visible = 0;
      cards.forEach(function (card) {
        const match = query.every(function (w) { return card.dataset.text.indexOf(w) !== -1; });
        card.hidden = !match;
        if (match) visible += 1;
      });
      shown.textContent = visible === cards.length
        ? cards.length + " papers" : visible + " of " + cards.length + " papers";
    }

    function key(card) {
      if (sort.value === "title") return (card.dataset.title || "").toLowerCase();
      if (sort.value === "year") return String(9999 - Number(card.dataset.year || 0)).padStart(4, "0");
      return card.dataset.order.padStart(6, "0");
    }

    function applySort() {
      // Sort within each run of sibling cards (a section), keeping sections in place.
      const parents = new Set(cards.map(function (card) { return card.parentNode; }));
      parents.forEach(function (parent) {
        const group = cards.filter(function (card) { return card.parentNode === parent; });
        const marker = document.createComment("lr");
        parent.insertBefore(marker, group[0]);
        group.sort(function (a, b) {
          const ka = key(a), kb = key(b);
          return ka < kb ? -1 : ka > kb ? 1 : Number(a.dataset.order) - Number(b.dataset.order);
        });
        group.forEach(function (card) { parent.insertBefore(card, marker); });
        parent.removeChild(marker);
      });
    }

    filter.addEventListener("input", applyFilter);
    sort.addEventListener("change", applySort);
    applyFilter();
  }

  function copyText(text) {
    if (navigator.clipboard && window.isSecureContext) {
      return navigator.clipboard.writeText(text);
    }
    // file:// and plain http: the old way still works offline.
    const area = document.createElement("textarea");
    area.value = text;
    area.setAttribute("readonly", "");
    area.style.position = "fixed";
    area.style.opacity = "0";
    document.body.appendChild(area);
    area.select();
    document.execCommand("copy");
    document.body.removeChild(area);
    return Promise.resolve();
  }

  function setupCopy(article) {
    article.querySelectorAll("button.lr-copy").forEach(function (button) {
      if (button.dataset.ready) return;
      button.dataset.ready = "1";
      button.addEventListener("click", function () {
        copyText(button.dataset.bibtex || "").then(function () {
          const label = button.textContent;
          button.textContent = "Copied";
          setTimeout(function () { button.textContent = label; }, 1500);
        });
      });
    });
  }

  function init() {
    const article = document.querySelector("article");
    if (!article) return;
    setupTopic(article);
    setupCopy(article);
  }

  if (typeof document$ !== "undefined") {
    document$.subscribe(init);
  } else if (document.readyState === "loading") {
    document.addEventListener("DOMContentLoaded", init);
  } else {
    init();
  }
})();
